import type { Plugin } from '../framework/types.js';

export const NAME = 'TaintToleration';

/** PLACEHOLDER: replaced by the real plugin. */
export function create(): Plugin {
  throw new Error('TaintToleration is not implemented yet');
}
