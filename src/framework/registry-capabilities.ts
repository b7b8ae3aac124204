import type { ModelContext } from '../model/model-context.js';
import type { Registry } from './types.js';

/** The extension points a plugin implements, as config readers ask about them. */
export interface ExtensionPoints {
  readonly filter: boolean;
  readonly score: boolean;
  readonly postFilter: boolean;
}

/**
 * A factory that says its extension points without being built: a user plugin's, whose
 * args may be required (building it with none would refuse them).
 */
export interface DeclaredPoints {
  readonly points?: ExtensionPoints;
}

/**
 * Which extension points each registered plugin implements, as its factory declares them
 * or found by building the plugin once with default args. Config readers use it to
 * expand MultiPoint.
 */
export function registryCapabilities(registry: Registry, model: ModelContext) {
  const cache = new Map<string, ExtensionPoints>();
  const probe = (name: string) => {
    let c = cache.get(name);
    if (c === undefined) {
      const factory = registry.get(name);
      const declared = (factory as DeclaredPoints | undefined)?.points;
      const p = declared === undefined && factory ? factory(undefined, { model }) : undefined;
      c = declared ?? { filter: p?.filter !== undefined, score: p?.score !== undefined, postFilter: p?.postFilter !== undefined };
      cache.set(name, c);
    }
    return c;
  };
  return {
    has: (name: string) => registry.has(name),
    filters: (name: string) => registry.has(name) && probe(name).filter,
    scores: (name: string) => registry.has(name) && probe(name).score,
    postFilters: (name: string) => registry.has(name) && probe(name).postFilter,
  };
}
