import type { ModelContext } from '../model/model-context.js';
import type { Registry } from './types.js';

/**
 * Which extension points each registered plugin implements, found by building each
 * plugin once with default args. Config readers use it to expand MultiPoint.
 */
export function registryCapabilities(registry: Registry, model: ModelContext) {
  const cache = new Map<string, { filter: boolean; score: boolean; postFilter: boolean }>();
  const probe = (name: string) => {
    let c = cache.get(name);
    if (c === undefined) {
      const factory = registry.get(name);
      const p = factory ? factory(undefined, { model }) : undefined;
      c = { filter: p?.filter !== undefined, score: p?.score !== undefined, postFilter: p?.postFilter !== undefined };
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
