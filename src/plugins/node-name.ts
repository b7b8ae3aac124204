import type { Plugin } from '../framework/types.js';

export const NAME = 'NodeName';

/** PLACEHOLDER: replaced by the real plugin. */
export function create(): Plugin {
  throw new Error('NodeName is not implemented yet');
}
