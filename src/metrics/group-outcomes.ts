import type { CompiledPod } from '../model/pod.js';
import type { SimResult } from '../sim/types.js';
import { queueDelayByWorkloadPod, sortedQuantile } from './queue-delay.js';
import type { GroupOutcome } from './types.js';

/**
 * Outcomes per workload and per priority band (GroupOutcome): each workload pod (first
 * incarnation) is put in the group of the pod that arrived; its queueing delay and whether
 * it is unschedulable at the end are measured as the run-wide metrics measure them.
 * Workloads first, then priority bands from the highest priority down; within each, groups
 * in order of first arrival. Pods bound at time 0 (a snapshot's running pods) count in
 * `pods` but have no queueing delay, as in queue_delay_*.
 */
export function groupOutcomes(result: SimResult, arrivedPods: readonly CompiledPod[]): GroupOutcome[] {
  const podOf = new Map<number, CompiledPod>();
  for (const p of arrivedPods) podOf.set(p.id, p);
  const delays = queueDelayByWorkloadPod(result.pods);
  const unschedulable = new Set<number>();
  for (const r of result.pods) if (r.replacedBy === -1 && r.outcome === 'pending' && r.lastDiagnosis !== null) unschedulable.add(r.workloadPodId);
  const workloadPods = [...new Set(result.pods.map((r) => r.workloadPodId as number))];
  const groups = (by: GroupOutcome['by'], key: (p: CompiledPod) => string, order?: (a: CompiledPod, b: CompiledPod) => number): GroupOutcome[] => {
    const members = new Map<string, { first: CompiledPod; ids: number[] }>();
    for (const id of workloadPods) {
      const pod = podOf.get(id);
      if (pod === undefined) continue;
      const k = key(pod);
      const g = members.get(k);
      if (g === undefined) members.set(k, { first: pod, ids: [id] });
      else g.ids.push(id);
    }
    const list = [...members];
    if (order !== undefined) list.sort((a, b) => order(a[1].first, b[1].first) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return list.map(([group, g]) => {
      const ds = Float64Array.from(g.ids.flatMap((id) => (delays.has(id) ? [delays.get(id)!] : []))).sort();
      return {
        by, group, pods: g.ids.length, unschedulableEnd: g.ids.filter((id) => unschedulable.has(id)).length,
        delayP50S: sortedQuantile(ds, 0.5), delayP95S: sortedQuantile(ds, 0.95), delayP99S: sortedQuantile(ds, 0.99),
      };
    });
  };
  return [
    ...groups('workload', (p) => (p.owner === null ? '(no owner)' : `${p.owner.kind}/${p.owner.name}`)),
    ...groups('priority', (p) => (p.priorityClassName === '' ? String(p.priority) : `${p.priority} (${p.priorityClassName})`), (a, b) => b.priority - a.priority),
  ];
}
