import type { Plugin } from '../framework/types.js';

export const NAME = 'InterPodAffinity';

/** PLACEHOLDER: replaced by the real plugin. */
export function create(): Plugin {
  throw new Error('InterPodAffinity is not implemented yet');
}
