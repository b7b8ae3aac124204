import type { Plugin } from '../framework/types.js';

export const NAME = 'NodePorts';

/** PLACEHOLDER: replaced by the real plugin. */
export function create(): Plugin {
  throw new Error('NodePorts is not implemented yet');
}
