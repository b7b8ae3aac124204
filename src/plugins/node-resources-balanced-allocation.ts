import type { Plugin } from '../framework/types.js';

export const NAME = 'NodeResourcesBalancedAllocation';

/** PLACEHOLDER: replaced by the real plugin. */
export function create(): Plugin {
  throw new Error('NodeResourcesBalancedAllocation is not implemented yet');
}
