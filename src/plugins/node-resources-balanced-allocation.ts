import { z } from 'zod';
import { balancedResourceScore } from '../framework/balanced-resource-score.js';
import { ProfileError } from '../framework/profile-error.js';
import type { PodResourceRequests, ResourceSpec } from '../framework/resource-allocation.js';
import { fillAllocatableRequested, podResourceRequests, requestsNothing, scoredResources } from '../framework/resource-allocation.js';
import { parsePluginArgs, resourceSpecSchema } from '../framework/resource-args.js';
import { KERNEL_BALANCED, resourceKernel } from '../framework/resource-kernel.js';
import type { Plugin, PluginEnv } from '../framework/types.js';
import { SKIP } from '../framework/types.js';
import { sameNumbers } from '../framework/same-values.js';
import type { NodeId } from '../model/ids.js';

/**
 * NodeResourcesBalancedAllocation, mirroring kube-scheduler's
 * noderesources/balanced_allocation.go (v1.35): favours nodes whose resources would be
 * used in equal shares after placing the pod, score = (1 - std of the shares) * 100.
 * It reads plain requests (useRequested: no 100m / 200Mi defaults, on the node or for
 * the pod), and PreScore skips best-effort pods (nothing requested among its resources),
 * so they do not all pile onto one balanced node (kubernetes#129138).
 */
export const NAME = 'NodeResourcesBalancedAllocation';

const DEFAULT_RESOURCES: readonly ResourceSpec[] = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }];

const argsSchema = z.strictObject({
  apiVersion: z.string().nullish(),
  kind: z.literal('NodeResourcesBalancedAllocationArgs').nullish(),
  resources: z.array(resourceSpecSchema).nullish(),
});

/** Builds NodeResourcesBalancedAllocation from its args; throws ProfileError for invalid args. */
export function create(args: unknown, _env: PluginEnv): Plugin {
  const sr = scoredResources(resolveResources(args), true);
  // Scratch rows for score(): filled per node, never reallocated.
  const requested = new Float64Array(sr.count);
  const allocatable = new Float64Array(sr.count);
  const fractions = new Float64Array(sr.count);

  return {
    name: NAME,

    preScore(cx, pod) {
      const pre = podResourceRequests(cx.view, pod, sr);
      return requestsNothing(pre) ? SKIP : pre;
    },

    score(cx, _pod, node, pre) {
      fillAllocatableRequested(cx.view, node, sr, pre, requested, allocatable);
      return balancedResourceScore(requested, allocatable, sr.count, fractions);
    },

    // Scores depend on the node's row and the pod's requests only.
    reuseScores: (a, b) => sameNumbers(a.dims, b.dims) && sameNumbers(a.requests, b.requests),

    resourceKernel: (pre) => resourceKernel(KERNEL_BALANCED, sr, pre),

    scoreMany(cx, _pod, feasible, pre, out) {
      const view = cx.view;
      for (let i = 0; i < feasible.count; i++) {
        fillAllocatableRequested(view, feasible.ids[i] as NodeId, sr, pre, requested, allocatable);
        out[i] = balancedResourceScore(requested, allocatable, sr.count, fractions);
      }
    },
  } satisfies Plugin<unknown, PodResourceRequests>;
}

/**
 * Mirrors SetDefaults_NodeResourcesBalancedAllocationArgs (no resources -> cpu, memory;
 * weight 0 -> 1) and ValidateNodeResourcesBalancedAllocationArgs (no duplicate names,
 * every weight exactly 1: the score ignores weights).
 */
function resolveResources(raw: unknown): readonly ResourceSpec[] {
  const given = parsePluginArgs(argsSchema, raw).resources ?? [];
  if (given.length === 0) return DEFAULT_RESOURCES;
  const seen = new Set<string>();
  return given.map((r, i) => {
    if (seen.has(r.name)) throw new ProfileError(`resources[${i}].name`, `duplicate resource ${JSON.stringify(r.name)}`);
    seen.add(r.name);
    const weight = r.weight ? r.weight : 1;
    if (weight !== 1) throw new ProfileError(`resources[${i}].weight`, `must be 1, got ${weight}`);
    return { name: r.name, weight };
  });
}
