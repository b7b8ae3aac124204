import type { NodeId, PodId, Sym } from '../model/ids.js';
import { selectorMatches } from '../model/labels.js';
import type { DisruptionStatus, EvictionVerdict, PodDisruptionBudget } from '../model/pod-disruption-budget.js';
import { scaledValue } from '../model/pod-disruption-budget.js';
import type { CompiledPod, OwnerRef } from '../model/pod.js';
import type { WorkloadSet } from '../model/workloads.js';
import type { ClusterListener } from './cluster-listener.js';
import type { ClusterView, DisruptionBudgetsView } from './cluster-view.js';

/** The scale of a pod's controller, keyed so that two pods of one controller count it once. */
interface ControllerScale {
  readonly key: string;
  readonly replicas: number;
}

/** API groups the disruption controller accepts for ReplicaSet and Deployment owners (verifyGroupKind). */
const SCALE_GROUPS_RS = ['apps', 'extensions'];
/** The kinds whose scale schedbench knows. */
const SCALED_KINDS = ['ReplicationController', 'ReplicaSet', 'StatefulSet', 'Deployment'];

/**
 * The cluster's PodDisruptionBudgets and the disruption controller's arithmetic over the
 * current state. Membership (which bound pods each budget selects) is kept as a
 * ClusterListener, O(budgets in the pod's namespace) per bind; a budget's status is
 * computed on demand in O(its matching pods), so it is always current: the simulated
 * disruption controller never lags behind the state as kube's may.
 *
 * Pods that exist but are not bound (pending) count towards a budget's expected pods and
 * controllers as kube counts them; the state learns of them through addPending (the
 * loader adds the pending pods of a snapshot, the simulator the pods it creates). A
 * pod stays known until removePending: while it is bound it counts as bound, not as
 * pending, so a what-if that binds a pending pod for a moment changes nothing here.
 */
export class DisruptionBudgets implements ClusterListener, DisruptionBudgetsView {
  private readonly byNamespace = new Map<Sym, PodDisruptionBudget[]>();
  private readonly members = new Map<PodDisruptionBudget, Set<PodId>>();
  private readonly pending = new Map<Sym, Map<PodId, CompiledPod>>();

  constructor(private readonly view: ClusterView, private readonly workloads: WorkloadSet) {}

  /** Number of budgets. */
  get size(): number {
    return this.members.size;
  }

  /** Every budget, namespace by namespace in the order they were first used, each in the order added. */
  list(): PodDisruptionBudget[] {
    return [...this.byNamespace.values()].flat();
  }

  /** The budget of this namespace and name, or null. */
  get(namespace: Sym, name: string): PodDisruptionBudget | null {
    return this.byNamespace.get(namespace)?.find((p) => p.name === name) ?? null;
  }

  /** Adds a budget (replacing one of the same namespace and name); O(bound pods) once. */
  add(pdb: PodDisruptionBudget): void {
    this.remove(pdb.namespace, pdb.name);
    let list = this.byNamespace.get(pdb.namespace);
    if (list === undefined) this.byNamespace.set(pdb.namespace, (list = []));
    list.push(pdb);
    const set = new Set<PodId>();
    const order = this.view.nodeOrder();
    for (let i = 0; i < order.length; i++) {
      for (const id of this.view.podsOn(order[i] as NodeId)) {
        if (this.selects(pdb, this.view.pod(id))) set.add(id);
      }
    }
    this.members.set(pdb, set);
  }

  /** Removes a budget; false when there was none. */
  remove(namespace: Sym, name: string): boolean {
    const list = this.byNamespace.get(namespace);
    const i = list === undefined ? -1 : list.findIndex((p) => p.name === name);
    if (i < 0) return false;
    this.members.delete(list![i]!);
    list!.splice(i, 1);
    return true;
  }

  /** A pod exists (created, bound or not): while it waits for a node it counts towards expected pods, not healthy ones. */
  addPending(pod: CompiledPod): void {
    let m = this.pending.get(pod.namespace);
    if (m === undefined) this.pending.set(pod.namespace, (m = new Map()));
    m.set(pod.id, pod);
  }

  /** The pod is gone (completed, deleted, or given up). */
  removePending(pod: CompiledPod): void {
    this.pending.get(pod.namespace)?.delete(pod.id);
  }

  // ---- ClusterListener ---------------------------------------------------------------

  podBound(pod: CompiledPod): void {
    const list = this.byNamespace.get(pod.namespace);
    if (list === undefined) return;
    for (const pdb of list) if (this.selects(pdb, pod)) this.members.get(pdb)!.add(pod.id);
  }

  podUnbound(pod: CompiledPod): void {
    const list = this.byNamespace.get(pod.namespace);
    if (list === undefined) return;
    for (const pdb of list) this.members.get(pdb)!.delete(pod.id);
  }

  // ---- questions ---------------------------------------------------------------------

  /**
   * The budgets that select a pod: same namespace, selector matches (an empty selector
   * every pod, a null one none). Mirrors the policy/v1 lister's GetPodPodDisruptionBudgets,
   * which the disruption controller and the eviction API use.
   */
  pdbsOf(pod: CompiledPod): PodDisruptionBudget[] {
    const out: PodDisruptionBudget[] = [];
    for (const pdb of this.byNamespace.get(pod.namespace) ?? []) if (this.selects(pdb, pod)) out.push(pdb);
    return out;
  }

  /** status.disruptionsAllowed for the current state (see status). */
  disruptionsAllowed(pdb: PodDisruptionBudget): number {
    return this.status(pdb).disruptionsAllowed;
  }

  /**
   * The status the disruption controller computes for a budget
   * (getExpectedPodCount, countHealthyPods, updatePdbStatus):
   *  - maxUnavailable: expected = the summed scale of the matching pods' controllers,
   *    desired = max(0, expected - maxUnavailable scaled to expected, rounded up);
   *  - integer minAvailable: expected = the matching pods, desired = minAvailable;
   *  - percentage minAvailable: expected = the summed scale, desired = the percentage
   *    of it, rounded up (GetScaledValueFromIntOrPercent with roundUp);
   *  - neither set: expected 0, so no disruption is allowed.
   * A matching pod whose controller has no known scale makes kube's getExpectedScale fail
   * ("found no controllers for pod", or "... does not implement the scale subresource"
   * for a Job or DaemonSet); kube's failSafe then writes disruptionsAllowed 0 with a
   * SyncFailed condition, and so does this (syncFailure says why). Pods without any
   * controller are left out of the scale, as kube does since 1.26 (an UnmanagedPods event).
   */
  status(pdb: PodDisruptionBudget): DisruptionStatus {
    const members = this.members.get(pdb);
    if (members === undefined) throw new Error(`unknown PodDisruptionBudget ${pdb.name}`);
    let currentHealthy = 0;
    for (const id of members) if (!this.view.pod(id).terminating) currentHealthy++;
    const pending = this.pendingMembers(pdb);
    const byPercent = pdb.maxUnavailable !== null || pdb.minAvailable?.kind === 'percent';
    let expected = 0;
    let desired = 0;
    let unmanaged = 0;
    if (byPercent) {
      const scales = new Map<string, number>();
      for (const pod of [...[...members].map((id) => this.view.pod(id)), ...pending]) {
        if (pod.owner === null) {
          unmanaged++;
          continue;
        }
        const found = this.scaleOf(pod.owner, pod.namespace);
        if (typeof found === 'string') {
          return { expectedPods: 0, desiredHealthy: 0, currentHealthy, disruptionsAllowed: 0, unmanagedPods: unmanaged, syncFailure: found.replace('%POD%', pod.name) };
        }
        scales.set(found.key, found.replicas);
      }
      for (const r of scales.values()) expected += r;
      if (pdb.maxUnavailable !== null) desired = Math.max(0, expected - scaledValue(pdb.maxUnavailable, expected, true));
      else desired = scaledValue(pdb.minAvailable!, expected, true);
    } else if (pdb.minAvailable !== null) {
      expected = members.size + pending.length;
      desired = pdb.minAvailable.value;
    }
    const allowed = expected <= 0 || currentHealthy - desired <= 0 ? 0 : currentHealthy - desired;
    return { expectedPods: expected, desiredHealthy: desired, currentHealthy, disruptionsAllowed: allowed, unmanagedPods: unmanaged, syncFailure: null };
  }

  /**
   * Splits preemption victims as DefaultPreemption's filterPodsWithPDBViolation does:
   * each budget starts from its disruptionsAllowed, every victim it selects takes one,
   * and a victim that takes one below zero violates it. Order is kept in both lists.
   * NOTE: the scheduler's matching differs from the lister's: a victim without labels
   * matches no budget, and a budget with a null or empty selector matches no victim.
   */
  splitByViolation(victims: readonly CompiledPod[]): { readonly violating: CompiledPod[]; readonly nonViolating: CompiledPod[] } {
    const allowed = new Map<PodDisruptionBudget, number>();
    const violating: CompiledPod[] = [];
    const nonViolating: CompiledPod[] = [];
    for (const pod of victims) {
      let violated = false;
      if (pod.labels.length > 0) {
        for (const pdb of this.byNamespace.get(pod.namespace) ?? []) {
          if (pdb.selector.nothing || pdb.selector.requirements.length === 0 || !this.selects(pdb, pod)) continue;
          const left = (allowed.get(pdb) ?? this.disruptionsAllowed(pdb)) - 1;
          allowed.set(pdb, left);
          if (left < 0) violated = true;
        }
      }
      (violated ? violating : nonViolating).push(pod);
    }
    return { violating, nonViolating };
  }

  /**
   * The budgets that evicting all of `pods` at once would take below their desired
   * healthy count: for each budget, the healthy pods among them it selects, against its
   * disruptionsAllowed (a drain asks this before evicting a node's pods).
   */
  violatedBy(pods: readonly CompiledPod[]): PodDisruptionBudget[] {
    const taken = new Map<PodDisruptionBudget, number>();
    for (const pod of pods) {
      if (this.view.nodeOf(pod.id) === -1 || pod.terminating) continue;
      for (const pdb of this.pdbsOf(pod)) taken.set(pdb, (taken.get(pdb) ?? 0) + 1);
    }
    const out: PodDisruptionBudget[] = [];
    for (const [pdb, n] of taken) if (n > this.disruptionsAllowed(pdb)) out.push(pdb);
    return out;
  }

  /**
   * Whether the eviction API would evict this pod now (EvictionREST.Create): a pod that
   * is not bound or already terminating is deleted without a budget check
   * (canIgnorePDB); one selected by several budgets is refused (kube answers 500, "This
   * pod has more than one PodDisruptionBudget, which the eviction subresource does not
   * support."); one whose budget allows no disruption is refused with 429 ("Cannot evict
   * pod as it would violate the pod's disruption budget."). A bound pod is Ready in the
   * simulation, so unhealthyPodEvictionPolicy never decides here. The caller evicts by
   * unbinding the pod, which lowers the budget's healthy count at once (kube's
   * DisruptedPods bookkeeping is not needed).
   */
  evictionVerdict(pod: CompiledPod): EvictionVerdict {
    if (this.view.nodeOf(pod.id) === -1 || pod.terminating) return { allowed: true };
    const pdbs = this.pdbsOf(pod);
    if (pdbs.length === 0) return { allowed: true };
    if (pdbs.length > 1) {
      return { allowed: false, reason: 'multiple-budgets', pdbs, message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.' };
    }
    const pdb = pdbs[0]!;
    const s = this.status(pdb);
    if (s.disruptionsAllowed > 0) return { allowed: true };
    const why = s.syncFailure !== null
      ? `The disruption budget ${pdb.name} does not allow evicting pods currently because it failed sync: ${s.syncFailure}`
      : `The disruption budget ${pdb.name} needs ${s.desiredHealthy} healthy pods and has ${s.currentHealthy} currently`;
    return { allowed: false, reason: 'budget', pdb, message: `Cannot evict pod as it would violate the pod's disruption budget. ${why}` };
  }

  // ---- internals ---------------------------------------------------------------------

  private selects(pdb: PodDisruptionBudget, pod: CompiledPod): boolean {
    return pdb.namespace === pod.namespace && selectorMatches(pdb.selector, pod.labels, this.view.model.symbols);
  }

  private pendingMembers(pdb: PodDisruptionBudget): CompiledPod[] {
    const out: CompiledPod[] = [];
    for (const pod of this.pending.get(pdb.namespace)?.values() ?? []) {
      if (this.view.nodeOf(pod.id) === -1 && this.selects(pdb, pod)) out.push(pod);
    }
    return out;
  }

  /**
   * The scale of a pod's controller, by the disruption controller's finders in order
   * (getPodReplicationController, getPodDeployment, getPodReplicaSet, getPodStatefulSet,
   * getScaleController), or kube's error text when none finds it (%POD% stands for the pod).
   */
  private scaleOf(owner: OwnerRef, namespace: Sym): ControllerScale | string {
    const group = groupOf(owner.apiVersion);
    if (group === null) return `unexpected GroupVersion string: ${owner.apiVersion}`;
    const ws = this.workloads;
    const key = (kind: string, name: string) => `${kind}/${name}`;
    if (owner.kind === 'ReplicationController' && group === '') {
      const rc = ws.get('ReplicationController', namespace, owner.name);
      if (rc !== null) return { key: key(rc.kind, rc.name), replicas: rc.replicas! };
    }
    if (owner.kind === 'ReplicaSet' && SCALE_GROUPS_RS.includes(group)) {
      const rs = ws.get('ReplicaSet', namespace, owner.name);
      const rsOwner = rs?.owner ?? null;
      if (rs !== null && rsOwner !== null && rsOwner.kind === 'Deployment') {
        const dGroup = groupOf(rsOwner.apiVersion);
        if (dGroup === null) return `unexpected GroupVersion string: ${rsOwner.apiVersion}`;
        const d = SCALE_GROUPS_RS.includes(dGroup) ? ws.get('Deployment', namespace, rsOwner.name) : null;
        if (d !== null) return { key: key(d.kind, d.name), replicas: d.replicas! };
      }
      // getPodReplicaSet skips a ReplicaSet a Deployment controls; its scale subresource still answers.
      if (rs !== null) return { key: key(rs.kind, rs.name), replicas: rs.replicas! };
    }
    if (owner.kind === 'StatefulSet' && group === 'apps') {
      const ss = ws.get('StatefulSet', namespace, owner.name);
      if (ss !== null) return { key: key(ss.kind, ss.name), replicas: ss.replicas! };
    }
    if (owner.kind === 'Deployment' && SCALE_GROUPS_RS.includes(group)) {
      const d = ws.get('Deployment', namespace, owner.name);
      if (d !== null) return { key: key(d.kind, d.name), replicas: d.replicas! };
    }
    if (owner.kind === 'Job' && group === 'batch') return 'jobs.batch does not implement the scale subresource';
    if (owner.kind === 'DaemonSet' && group === 'apps') return 'daemonsets.apps does not implement the scale subresource';
    if (SCALED_KINDS.includes(owner.kind)) return 'found no controllers for pod "%POD%"';
    // kube would ask the API server for this kind's scale subresource; schedbench cannot.
    return `the scale of ${owner.kind} ${owner.name} (controller of pod %POD%) is not known: schedbench reads the scale of ReplicationControllers, ReplicaSets, StatefulSets and Deployments only`;
  }
}

/** The API group of an apiVersion ("apps/v1" -> "apps", "v1" -> ""); null when it has more than one '/'. */
function groupOf(apiVersion: string): string | null {
  const parts = apiVersion.split('/');
  if (parts.length > 2) return null;
  return parts.length === 2 ? parts[0]! : '';
}
