import type { NodeId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';

/**
 * The pods preemption nominated to nodes (kube's PodNominator), as a scheduling cycle
 * must respect them. kube's RunFilterPluginsWithNominatedPods
 * (framework/runtime/framework.go) filters a node twice when pods of priority >= the
 * cycle's pod are nominated to it: first with those pods added to the node (AddPod on a
 * copy of the cycle state and node), then without them; the node passes only if both
 * pass, and the first pass's failure is the one reported. Scoring never sees nominated
 * pods. Only that node's nominated pods are added, not every node's.
 */
export interface NominatedPods {
  /** Pods nominated anywhere; 0 lets a cycle skip every check. */
  readonly size: number;
  /** Whether a pod other than `pod`, of priority >= pod's, is nominated to `node`. */
  affects(node: NodeId, pod: CompiledPod): boolean;
  /** Calls `each` for those pods, in the order they were nominated. */
  forEach(node: NodeId, pod: CompiledPod, each: (nominated: CompiledPod) => void): void;
}

/** No pod is nominated anywhere (a cycle outside the simulator, or nothing preempted yet). */
export const NO_NOMINATED_PODS: NominatedPods = {
  size: 0,
  affects: () => false,
  forEach: () => undefined,
};
