import type { ClusterState } from '../cluster/cluster-state.js';
import type { RandomSource } from './types.js';
import type { NodeId, PodId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import type { NodeFitChecker } from './node-fit-checker.js';
import { pickPreemptionNode } from './pick-preemption-node.js';

/** What preemption needs from the simulator. */
export interface PreemptionEnv {
  /** The real cluster; candidate victims are unbound and rebound in it during the what-if. */
  readonly state: ClusterState;
  readonly checker: NodeFitChecker;
  /** Draws the offset where the candidate search starts (kube: rand.Int31n). */
  readonly rng: RandomSource;
  /** DefaultPreemptionArgs.minCandidateNodesPercentage. */
  readonly minCandidateNodesPercentage: number;
  /** DefaultPreemptionArgs.minCandidateNodesAbsolute. */
  readonly minCandidateNodesAbsolute: number;
  /** When a bound pod started running, simulated seconds. */
  startTimeS(pod: PodId): number;
  /** False for pods bound only as a what-if (nominated pods' reservations): never victims. */
  canBeVictim(pod: PodId): boolean;
}

/** The node chosen for a preemptor and the pods to delete there, most important first. */
export interface PreemptionPlan {
  readonly node: NodeId;
  readonly victims: readonly CompiledPod[];
}

/**
 * How many candidates the dry run looks for among `numNodes` potential nodes
 * (DefaultPreemption.calculateNumCandidates, Go int32 arithmetic).
 */
export function calculateNumCandidates(numNodes: number, percentage: number, absolute: number): number {
  let n = Math.trunc((numNodes * percentage) / 100);
  if (n < absolute) n = absolute;
  if (n > numNodes) n = numNodes;
  return n;
}

/**
 * kube's DefaultPreemption PostFilter for a pod that fits nowhere (preemption.go
 * Evaluator.Preempt, findCandidates, DryRunPreemption, SelectCandidate):
 *   1. potential nodes: those whose status in the failed cycle was Unschedulable (not
 *      UnschedulableAndUnresolvable), in snapshot order;
 *   2. dry run from a random offset, wrapping around, until numCandidates nodes with at
 *      least one victim are found (kube runs this in parallel and may find a different
 *      set; here it is sequential, so the set is deterministic);
 *   3. the best candidate by pickPreemptionNode.
 * Returns null when no node can be made to fit. Evicts nothing: the caller deletes the
 * victims and nominates the node. PDBs are not modelled (no candidate violates one).
 * CAVEAT: the pods of nominated higher-priority pods must already be reserved (bound)
 * by the caller, as kube's RunFilterPluginsWithNominatedPods sees them.
 */
export function findPreemption(env: PreemptionEnv, pod: CompiledPod): PreemptionPlan | null {
  const potential: NodeId[] = [];
  env.checker.statuses(env.state, pod, (node, code) => {
    if (code === 'Unschedulable') potential.push(node);
  });
  if (potential.length === 0) return null;
  const offset = env.rng.int(potential.length);
  const want = calculateNumCandidates(potential.length, env.minCandidateNodesPercentage, env.minCandidateNodesAbsolute);
  const plans: PreemptionPlan[] = [];
  for (let i = 0; i < potential.length && plans.length < want; i++) {
    const node = potential[(offset + i) % potential.length]!;
    const victims = selectVictimsOnNode(env, pod, node);
    // kube: a node where the pod fits without victims is not a candidate ("expected at least one victim").
    if (victims !== null && victims.length > 0) plans.push({ node, victims });
  }
  if (plans.length === 0) return null;
  if (plans.length === 1) return plans[0]!;
  const best = pickPreemptionNode(plans.map((p) => ({
    numPdbViolations: 0,
    victims: p.victims.map((v) => ({ priority: v.priority, startTimeS: env.startTimeS(v.id) })),
  })));
  return plans[best]!;
}

/**
 * The minimal set of lower-priority pods to delete from `node` so that `pod` fits, as
 * DefaultPreemption.SelectVictimsOnNode chooses it: remove every pod of lower priority;
 * if the pod still does not fit, the node is no candidate (null); otherwise add the
 * removed pods back one at a time, most important first (priority descending, then
 * earlier start, then pod id), keeping each one that still lets the pod fit. The pods
 * that could not be kept are the victims, most important first. An empty list means
 * the pod fits without preemption. The cluster is left exactly as it was.
 */
export function selectVictimsOnNode(env: PreemptionEnv, pod: CompiledPod, node: NodeId): CompiledPod[] | null {
  const { state } = env;
  const potential: CompiledPod[] = [];
  for (const id of state.podsOn(node)) {
    const p = state.pod(id);
    if (p.priority < pod.priority && env.canBeVictim(id)) potential.push(p);
  }
  if (potential.length === 0) return null;
  for (const p of potential) state.unbind(p, node);
  if (!env.checker.fits(state, pod, node)) {
    for (const p of potential) state.bind(p, node);
    return null;
  }
  // MoreImportantPod: higher priority first, then the longer-running pod; pod id makes it total.
  potential.sort((a, b) => b.priority - a.priority || env.startTimeS(a.id) - env.startTimeS(b.id) || a.id - b.id);
  const victims: CompiledPod[] = [];
  for (const p of potential) {
    state.bind(p, node);
    if (!env.checker.fits(state, pod, node)) {
      state.unbind(p, node);
      victims.push(p);
    }
  }
  for (const p of victims) state.bind(p, node);
  return victims;
}
