import type { Sym } from '../model/ids.js';
import type { CompiledPod, OwnerRef } from '../model/pod.js';
import type { WorkloadKind } from '../model/workload.js';
import type { SimResult } from '../sim/types.js';
import { queueDelayByWorkloadPod, sortedQuantile } from './queue-delay.js';
import type { GroupOutcome } from './types.js';

/**
 * What groupOutcomes reads of the cluster's workload objects: a controller by kind,
 * namespace and name, with its own controller reference (WorkloadSet.get answers it).
 */
export interface ControllerLookup {
  get(kind: WorkloadKind, namespace: Sym, name: string): { readonly owner: OwnerRef | null } | null;
}

/**
 * Outcomes per workload and per priority band (GroupOutcome): each workload pod (first
 * incarnation) is put in the group of the pod that arrived. A pod's workload is the one
 * its user wrote (workloadGroup): a Deployment's pods are one group, `Deployment/<name>`,
 * across its ReplicaSets, when `workloads` holds the ReplicaSet; any other pod's group is
 * its controller, `<kind>/<name>`, or `(no owner)`. Its queueing delay and whether
 * it is unschedulable at the end are measured as the run-wide metrics measure them.
 * Workloads first, then priority bands from the highest priority down; within each, groups
 * in order of first arrival. Pods bound at time 0 (a snapshot's running pods) count in
 * `pods` but have no queueing delay, as in queue_delay_*.
 */
export function groupOutcomes(result: SimResult, arrivedPods: readonly CompiledPod[], workloads?: ControllerLookup): GroupOutcome[] {
  // Pod ids are dense from 0: per-id arrays rather than maps and sets (runs have thousands of pods).
  const delays = queueDelayByWorkloadPod(result.pods);
  let ids = delays.length;
  for (const p of arrivedPods) ids = Math.max(ids, p.id + 1);
  const podOf: (CompiledPod | undefined)[] = new Array(ids);
  for (const p of arrivedPods) podOf[p.id] = p;
  const unschedulable = new Uint8Array(ids);
  for (const r of result.pods) if (r.replacedBy === -1 && r.outcome === 'pending' && r.lastDiagnosis !== null) unschedulable[r.workloadPodId] = 1;
  // Workload pods in order of first appearance in the records.
  const seen = new Uint8Array(ids);
  const workloadPods: number[] = [];
  for (const r of result.pods) {
    if (seen[r.workloadPodId] === 1) continue;
    seen[r.workloadPodId] = 1;
    workloadPods.push(r.workloadPodId);
  }
  const groups = (by: GroupOutcome['by'], key: (p: CompiledPod) => string, order?: (a: CompiledPod, b: CompiledPod) => number): GroupOutcome[] => {
    const members = new Map<string, { first: CompiledPod; ids: number[] }>();
    for (const id of workloadPods) {
      const pod = podOf[id];
      if (pod === undefined) continue;
      const k = key(pod);
      const g = members.get(k);
      if (g === undefined) members.set(k, { first: pod, ids: [id] });
      else g.ids.push(id);
    }
    const list = [...members];
    if (order !== undefined) list.sort((a, b) => order(a[1].first, b[1].first) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return list.map(([group, g]) => {
      const found: number[] = [];
      let unschedulableEnd = 0;
      for (const id of g.ids) {
        const d = id < delays.length ? delays[id]! : Number.NaN;
        if (!Number.isNaN(d)) found.push(d);
        unschedulableEnd += unschedulable[id]!;
      }
      const ds = Float64Array.from(found).sort();
      return {
        by, group, pods: g.ids.length, unschedulableEnd,
        delayP50S: sortedQuantile(ds, 0.5), delayP95S: sortedQuantile(ds, 0.95), delayP99S: sortedQuantile(ds, 0.99),
      };
    });
  };
  // Pods of one workload share their owner reference, and pods of one band their priority:
  // each key is worded once.
  const workloadKeys = new Map<CompiledPod['owner'], { readonly namespace: number; readonly key: string }>();
  const workloadKey = (p: CompiledPod) => {
    const known = workloadKeys.get(p.owner);
    if (known !== undefined && known.namespace === p.namespace) return known.key;
    const key = workloadGroup(p, workloads);
    workloadKeys.set(p.owner, { namespace: p.namespace, key });
    return key;
  };
  return [
    ...groups('workload', workloadKey),
    ...groups('priority', (p) => (p.priorityClassName === '' ? String(p.priority) : `${p.priority} (${p.priorityClassName})`), (a, b) => b.priority - a.priority),
  ];
}

/**
 * The workload group of a pod: its controller as `<kind>/<name>`, except that a
 * ReplicaSet's pods are their Deployment's, `Deployment/<name>`, when the ReplicaSet's
 * object is known and its controller reference names a Deployment (kube's Deployment
 * controller owns the ReplicaSets it creates, one per pod template, and they own the
 * pods: pkg/controller/deployment/sync.go getNewReplicaSet sets the owner reference).
 * Jobs (a CronJob's too), StatefulSets and the rest stay as their controller; a pod
 * without one is `(no owner)`.
 */
export function workloadGroup(pod: CompiledPod, workloads: ControllerLookup | undefined): string {
  const owner = pod.owner;
  if (owner === null) return '(no owner)';
  if (owner.kind === 'ReplicaSet' && workloads !== undefined) {
    const top = workloads.get('ReplicaSet', pod.namespace, owner.name)?.owner;
    if (top?.kind === 'Deployment') return `Deployment/${top.name}`;
  }
  return `${owner.kind}/${owner.name}`;
}
