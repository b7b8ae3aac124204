import { z } from 'zod';
import type { ClusterView } from '../cluster/cluster-view.js';
import { parsePluginArgs, TYPE_META } from '../framework/plugin-args.js';
import { findPreemption } from '../framework/preemption.js';
import { ProfileError } from '../framework/profile-error.js';
import type { Plugin, PluginEnv, PostFilterHost, StatusCode } from '../framework/types.js';
import { NO_CANDIDATE } from '../framework/types.js';
import { NO_SYM } from '../model/ids.js';
import type { NodeId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';

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

/**
 * kube's PodEligibleToPreemptOthers: whether `pod` may preempt at all.
 *  1. Not with preemptionPolicy Never.
 *  2. Not while an earlier preemption of its own is still under way: the pod has a
 *     nominated node (status.nominatedNodeName) holding a pod of lower priority that is
 *     terminating because the scheduler preempted it (deletionTimestamp set and a
 *     DisruptionTarget condition with reason PreemptionByScheduler:
 *     podTerminatingByPreemption). Unless the failed cycle found the nominated node
 *     UnschedulableAndUnresolvable: waiting there cannot help, so the pod may preempt again.
 * `nominatedNodeStatus` gives that node's status in the failed cycle (kube's
 * NodeToStatus entry, Success for none); it is asked only when rule 2 could apply. A
 * nominated node that is not in the cluster holds no pod, so the pod is eligible.
 */
export function podEligibleToPreemptOthers(view: ClusterView, pod: CompiledPod, nominatedNodeStatus: () => StatusCode): boolean {
  if (pod.preemptionPolicy === 'Never') return false;
  if (pod.nominatedNodeName === NO_SYM) return true;
  const node = view.nodeByName(pod.nominatedNodeName);
  if (node === -1) return true;
  let victimTerminating = false;
  for (const id of view.podsOn(node)) {
    const p = view.pod(id);
    // isPreemptionAllowed (the default IsEligiblePod admits every lower-priority pod), then podTerminatingByPreemption.
    if (p.priority < pod.priority && p.terminating && p.preemptedByScheduler) {
      victimTerminating = true;
      break;
    }
  }
  return !victimTerminating || nominatedNodeStatus() === 'UnschedulableAndUnresolvable';
}

/**
 * The status the failed cycle gave `node` (kube's NodeToStatus entry for it): the
 * checker's statuses over the whole cluster, with the pods nominated to nodes, as the
 * cycle filtered them; UnschedulableAndUnresolvable for a node the cycle did not see
 * (kube's default for absent nodes).
 */
function statusOfNode(host: PostFilterHost, pod: CompiledPod, node: NodeId): StatusCode {
  let code: StatusCode = 'UnschedulableAndUnresolvable';
  host.checker.statuses(host.state, pod, (n, c) => {
    if (n === node) code = c;
  }, host.nominated);
  return code;
}

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
      const eligible = podEligibleToPreemptOthers(host.state, pod, () => statusOfNode(host, pod, host.state.nodeByName(pod.nominatedNodeName) as NodeId));
      // Not eligible: kube's Preempt returns a nil result, and the pod keeps its nomination.
      if (!eligible) return null;
      // When every node failed for a reason preemption cannot fix (UnschedulableAndUnresolvable), there is no candidate.
      if (diagnosis.unresolvable) return NO_CANDIDATE;
      return findPreemption({ ...host, minCandidateNodesPercentage: pct, minCandidateNodesAbsolute: abs }, pod) ?? NO_CANDIDATE;
    },
  } satisfies Plugin;
}
