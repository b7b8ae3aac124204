import type { ClusterView } from '../cluster/cluster-view.js';
import type { NodeId, PodId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import type { NominatedPods } from './nominated-pods.js';
import { pickPreemptionNode } from './pick-preemption-node.js';
import type { FitChecker, RandomSource, WhatIfSession } from './types.js';

/** What preemption needs from the simulator. */
export interface PreemptionEnv {
  /** The live cluster; dry runs are what-ifs over it (an overlay), never changes to it. */
  readonly state: ClusterView;
  readonly checker: FitChecker;
  /** Draws the offset where the candidate search starts (kube: rand.Int31n). */
  readonly rng: RandomSource;
  /** DefaultPreemptionArgs.minCandidateNodesPercentage. */
  readonly minCandidateNodesPercentage: number;
  /** DefaultPreemptionArgs.minCandidateNodesAbsolute. */
  readonly minCandidateNodesAbsolute: number;
  /** When a bound pod started running, simulated seconds. */
  startTimeS(pod: PodId): number;
  /** Pods nominated to nodes: every fit check respects them (RunFilterPluginsWithNominatedPods). */
  readonly nominated: NominatedPods;
}

/** The node chosen for a preemptor and the pods to delete there, most important first. */
export interface PreemptionPlan {
  readonly node: NodeId;
  readonly victims: readonly CompiledPod[];
  /** Victims whose deletion takes a PodDisruptionBudget below zero allowed disruptions (kube's numViolatingVictim). */
  readonly numPdbViolations: number;
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
 *      least one victim are found, at least one of them violating no PodDisruptionBudget
 *      (kube runs this in parallel and may find a different set; here it is sequential,
 *      so the set is deterministic); candidates violating none come first;
 *   3. the best candidate by pickPreemptionNode.
 * Returns null when no node can be made to fit. Evicts nothing: the caller deletes the
 * victims and nominates the node. The scheduler deletes victims directly, not through
 * the eviction API: a PodDisruptionBudget is not enforced, only counted (candidates
 * violating fewer budgets win, and on a node the victims that would violate one are
 * reprieved first).
 * Every fit check respects the pods nominated to the node (env.nominated), as kube's
 * RunFilterPluginsWithNominatedPods does.
 */
export function findPreemption(env: PreemptionEnv, pod: CompiledPod): PreemptionPlan | null {
  const potential: NodeId[] = [];
  env.checker.statuses(env.state, pod, (node, code) => {
    if (code === 'Unschedulable') potential.push(node);
  }, env.nominated);
  if (potential.length === 0) return null;
  const whatIf = env.checker.whatIf(env.state, pod);
  if (whatIf === null) return null;
  const offset = env.rng.int(potential.length);
  const want = calculateNumCandidates(potential.length, env.minCandidateNodesPercentage, env.minCandidateNodesAbsolute);
  // DryRunPreemption: candidates whose victims violate no budget, then the others; the
  // search stops once it has `want` candidates and at least one violates no budget.
  const nonViolating: PreemptionPlan[] = [];
  const violating: PreemptionPlan[] = [];
  for (let i = 0; i < potential.length; i++) {
    const node = potential[(offset + i) % potential.length]!;
    const plan = selectVictimsOnNode(env, pod, node, whatIf);
    // kube: a node where the pod fits without victims is not a candidate ("expected at least one victim").
    if (plan === null || plan.victims.length === 0) continue;
    (plan.numPdbViolations === 0 ? nonViolating : violating).push(plan);
    if (nonViolating.length > 0 && nonViolating.length + violating.length >= want) break;
  }
  const plans = [...nonViolating, ...violating];
  if (plans.length === 0) return null;
  if (plans.length === 1) return plans[0]!;
  const best = pickPreemptionNode(plans.map((p) => ({
    numPdbViolations: p.numPdbViolations,
    victims: p.victims.map((v) => ({ priority: v.priority, startTimeS: env.startTimeS(v.id) })),
  })));
  return plans[best]!;
}

/**
 * The minimal set of lower-priority pods to delete from `node` so that `pod` fits, as
 * DefaultPreemption.SelectVictimsOnNode chooses it: remove every pod of lower priority;
 * if the pod still does not fit, the node is no candidate (null); otherwise add the
 * removed pods back one at a time, keeping each one that still lets the pod fit: first
 * those whose deletion would violate a PodDisruptionBudget (filterPodsWithPDBViolation,
 * on the budgets' status before the what-if), then the others, each group most
 * important first (priority descending, then earlier start, then pod id). The pods that
 * could not be kept are the victims, most important first; numPdbViolations counts the
 * violating ones among them. Empty victims means the pod fits without preemption. The
 * what-if is an overlay (WhatIf): the cluster is never changed. `whatIf`: a session begun
 * for `pod` on env.state (findPreemption shares one across nodes).
 */
export function selectVictimsOnNode(env: PreemptionEnv, pod: CompiledPod, node: NodeId, whatIf?: WhatIfSession): PreemptionPlan | null {
  const { state } = env;
  const potential: CompiledPod[] = [];
  for (const id of state.podsOn(node)) {
    const p = state.pod(id);
    if (p.priority < pod.priority) potential.push(p);
  }
  if (potential.length === 0) return null;
  const w = whatIf ?? env.checker.whatIf(state, pod);
  if (w === null) return null;
  // MoreImportantPod: higher priority first, then the longer-running pod; pod id makes it total.
  const moreImportantFirst = (a: CompiledPod, b: CompiledPod) => b.priority - a.priority || env.startTimeS(a.id) - env.startTimeS(b.id) || a.id - b.id;
  potential.sort(moreImportantFirst);
  // The budgets' status before the what-if (kube reads the PDB lister's).
  const { violating, nonViolating } = state.disruptionBudgets.splitByViolation(potential);
  w.focus(node);
  for (const p of potential) w.remove(p);
  if (!w.fits(env.nominated)) return null;
  const victims: CompiledPod[] = [];
  let numPdbViolations = 0;
  const reprieve = (p: CompiledPod): boolean => {
    w.add(p);
    if (w.fits(env.nominated)) return true;
    w.undo();
    victims.push(p);
    return false;
  };
  for (const p of violating) if (!reprieve(p)) numPdbViolations++;
  for (const p of nonViolating) reprieve(p);
  if (violating.length > 0 && nonViolating.length > 0) victims.sort(moreImportantFirst);
  return { node, victims, numPdbViolations };
}
