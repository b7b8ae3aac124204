import type { Plugin } from '../framework/types.js';

export const NAME = 'NodeResourcesFit';

/** PLACEHOLDER: replaced by the real plugin. */
export function create(): Plugin {
  throw new Error('NodeResourcesFit is not implemented yet');
}
