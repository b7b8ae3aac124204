import type { Framework } from '../framework/framework.js';
import { buildFramework } from '../framework/framework.js';
import type { Registry } from '../framework/types.js';
import type { ModelContext } from '../model/model-context.js';
import type { VectorCase } from './vector.js';

/**
 * The profile a DefaultPreemption or framework case runs (FORMAT.md, `filters`): the case's
 * filter plugins in order, each with its default args (kube's tests register them without
 * args), no score plugin, and DefaultPreemption as the PostFilter with the case's `args`
 * when `postFilter` is given.
 */
export function caseFramework(c: VectorCase, registry: Registry, model: ModelContext, postFilter: string | null): Framework {
  if (c.filters === undefined) throw new Error('the case names no `filters` (the profile\'s filter plugins)');
  const args = postFilter !== null && c.args !== undefined ? { [postFilter]: c.args } : undefined;
  return buildFramework({ name: 'conformance', filter: c.filters, score: [], postFilter: postFilter === null ? [] : [postFilter], args }, registry, model);
}
