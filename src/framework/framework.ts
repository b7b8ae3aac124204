import type { ModelContext } from '../model/model-context.js';
import type { ProfileSpec } from './profile.js';
import { gpuPlacerOf } from './gpu-placer.js';
import { kubeAlreadyRegistered, kubeDoesNotExtend, kubePluginArgsProblem, kubePluginProblem } from '../model/kube-plugin-names.js';
import { ProfileError } from './profile-error.js';
import type { Plugin, RandomSource, Registry } from './types.js';

/**
 * A profile turned into what a cycle runs: plugins split by extension point once, in
 * profile order (kube runs filters in configured order and stops at the first failure),
 * weights checked and kept in an Int32Array parallel to `scorers`.
 */
export interface Framework {
  readonly profile: ProfileSpec;
  readonly preFilters: readonly Plugin[];
  readonly filters: readonly Plugin[];
  readonly scorers: readonly Plugin[];
  readonly weights: Int32Array;
  /** PostFilter plugins in profile order (DefaultPreemption by default). */
  readonly postFilters: readonly Plugin[];
  /** The score plugin that places a GPU pod's GPUs on its node (see gpuPlacerOf); null: the tightest fit. */
  readonly gpuPlacer: Plugin | null;
  /** 0 = adaptive. */
  readonly percentageOfNodesToScore: number;
}

/** kube-scheduler's default PostFilter plugin. */
export const DEFAULT_POST_FILTER = 'DefaultPreemption';

/**
 * Builds a framework; throws ProfileError on unknown plugins, bad weights or bad args.
 * `rng` (the run's 'plugins' stream) gives each plugin its own stream, forked by name.
 * Names kube-scheduler has and schedbench cannot run (not modelled, removed upstream, the
 * simulator's job) and a plugin at a point it lacks or listed twice get the messages of
 * kube-plugin-names.ts, in kube's words where kube has them.
 */
export function buildFramework(spec: ProfileSpec, registry: Registry, model: ModelContext, rng?: RandomSource): Framework {
  const instances = new Map<string, Plugin>();
  const instance = (name: string, point: 'filter' | 'score' | 'postFilter', path: string): Plugin => {
    let p = instances.get(name);
    if (p === undefined) {
      const factory = registry.get(name);
      if (factory === undefined) {
        throw new ProfileError(path, kubePluginProblem(name, point) ?? `unknown plugin ${JSON.stringify(name)} (known: ${[...registry.keys()].sort().join(', ')})`);
      }
      try {
        const random = rng?.fork?.(`plugin/${name}`);
        p = factory(spec.args?.[name], random === undefined ? { model } : { model, random });
      } catch (e) {
        if (e instanceof ProfileError) throw new ProfileError(`args.${name}${e.path === '' ? '' : `.${e.path}`}`, e.problem);
        throw e;
      }
      instances.set(name, p);
    }
    return p;
  };
  const postFilterNames = spec.postFilter ?? (registry.has(DEFAULT_POST_FILTER) ? [DEFAULT_POST_FILTER] : []);
  for (const name of Object.keys(spec.args ?? {})) {
    if (!spec.filter.includes(name) && !spec.score.some((s) => s.name === name) && !postFilterNames.includes(name)) {
      throw new ProfileError(`args.${name}`, kubePluginArgsProblem(name) ?? 'args given for a plugin the profile does not enable');
    }
  }
  const filters: Plugin[] = [];
  const preFilters: Plugin[] = [];
  spec.filter.forEach((name, i) => {
    if (spec.filter.indexOf(name) !== i) throw new ProfileError(`filter[${i}]`, kubeAlreadyRegistered('filter', name));
    const p = instance(name, 'filter', `filter[${i}]`);
    if (!p.filter) throw new ProfileError(`filter[${i}]`, `${kubeDoesNotExtend('filter', name)} (it has no Filter extension point)`);
    // What-ifs never run PreFilter again: a state that depends on bound pods must follow them.
    if (p.preFilterReadsPods && (!p.addPod || !p.removePod)) {
      throw new Error(`plugin ${name}: a PreFilter that reads bound pods needs addPod and removePod (what-ifs update its state through them)`);
    }
    filters.push(p);
    if (p.preFilter) preFilters.push(p);
  });
  const scorers: Plugin[] = [];
  const weights: number[] = [];
  spec.score.forEach((s, i) => {
    if (spec.score.findIndex((o) => o.name === s.name) !== i) throw new ProfileError(`score[${i}]`, kubeAlreadyRegistered('score', s.name));
    if (!Number.isInteger(s.weight) || s.weight < 1) {
      throw new ProfileError(`score[${i}].weight`, `expected a positive integer weight, got ${String(s.weight)}`);
    }
    const p = instance(s.name, 'score', `score[${i}].name`);
    if (!p.score) throw new ProfileError(`score[${i}]`, `${kubeDoesNotExtend('score', s.name)} (it has no Score extension point)`);
    scorers.push(p);
    weights.push(s.weight);
  });
  const postFilters = postFilterNames.map((name, i) => {
    if (postFilterNames.indexOf(name) !== i) throw new ProfileError(`postFilter[${i}]`, kubeAlreadyRegistered('postFilter', name));
    const p = instance(name, 'postFilter', `postFilter[${i}]`);
    if (!p.postFilter) throw new ProfileError(`postFilter[${i}]`, `${kubeDoesNotExtend('postFilter', name)} (it has no PostFilter extension point)`);
    return p;
  });
  const pct = spec.percentageOfNodesToScore ?? 0;
  if (!Number.isInteger(pct) || pct < 0 || pct > 100) {
    throw new ProfileError('percentageOfNodesToScore', `expected an integer from 0 to 100, got ${String(pct)}`);
  }
  return {
    profile: spec, preFilters, filters, scorers, weights: Int32Array.from(weights), postFilters,
    gpuPlacer: gpuPlacerOf(scorers), percentageOfNodesToScore: pct,
  };
}
