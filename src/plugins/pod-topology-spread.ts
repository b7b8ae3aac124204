import type { Plugin } from '../framework/types.js';

export const NAME = 'PodTopologySpread';

/** PLACEHOLDER: replaced by the real plugin. */
export function create(): Plugin {
  throw new Error('PodTopologySpread is not implemented yet');
}
