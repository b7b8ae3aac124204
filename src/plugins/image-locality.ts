import type { Plugin } from '../framework/types.js';

export const NAME = 'ImageLocality';

/** PLACEHOLDER: replaced by the real plugin. */
export function create(): Plugin {
  throw new Error('ImageLocality is not implemented yet');
}
