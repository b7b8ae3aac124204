import { z } from 'zod';
import { parsePluginArgs, TYPE_META } from '../framework/plugin-args.js';
import { findPreemption } from '../framework/preemption.js';
import { ProfileError } from '../framework/profile-error.js';
import type { Plugin, PluginEnv } from '../framework/types.js';

/**
 * DefaultPreemption: kube-scheduler's PostFilter (plugins/defaultpreemption). When a pod
 * fits nowhere, find a node where deleting lower-priority pods makes it fit and the
 * victims to delete there (framework/preemption.ts: candidates, SelectVictimsOnNode,
 * pickOneNodeForPreemption). The host (the simulator) deletes them and nominates the node.
 */
export const NAME = 'DefaultPreemption';

const argsSchema = z.strictObject({
  ...TYPE_META,
  minCandidateNodesPercentage: z.number().int().nullish(),
  minCandidateNodesAbsolute: z.number().int().nullish(),
}).nullish();

/** Builds DefaultPreemption; args as DefaultPreemptionArgs (defaults 10% and 100, as kube). */
export function create(args: unknown, _env: PluginEnv): Plugin {
  const a = parsePluginArgs(argsSchema, args);
  const pct = a?.minCandidateNodesPercentage ?? 10;
  const abs = a?.minCandidateNodesAbsolute ?? 100;
  // ValidateDefaultPreemptionArgs.
  if (pct < 0 || pct > 100) throw new ProfileError('minCandidateNodesPercentage', `must be in the range [0, 100], got ${pct}`);
  if (abs < 0) throw new ProfileError('minCandidateNodesAbsolute', `must not be less than 0, got ${abs}`);
  if (pct === 0 && abs === 0) throw new ProfileError('minCandidateNodesPercentage', 'minCandidateNodesPercentage and minCandidateNodesAbsolute cannot both be 0');
  return {
    name: NAME,
    postFilter(_cx, pod, diagnosis, host) {
      // PodEligibleToPreemptOthers; and when every node failed for a reason preemption
      // cannot fix (UnschedulableAndUnresolvable), there is no candidate.
      if (pod.preemptionPolicy === 'Never' || diagnosis.unresolvable) return null;
      return findPreemption({ ...host, minCandidateNodesPercentage: pct, minCandidateNodesAbsolute: abs }, pod);
    },
  } satisfies Plugin;
}
