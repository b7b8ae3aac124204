import type { Plugin } from '../framework/types.js';

export const NAME = 'NodeAffinity';

/** PLACEHOLDER: replaced by the real plugin. */
export function create(): Plugin {
  throw new Error('NodeAffinity is not implemented yet');
}
