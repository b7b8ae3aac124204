import type { Plugin } from '../framework/types.js';

export const NAME = 'NodeUnschedulable';

/** PLACEHOLDER: replaced by the real plugin. */
export function create(): Plugin {
  throw new Error('NodeUnschedulable is not implemented yet');
}
