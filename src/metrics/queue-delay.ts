import { quantileSorted } from 'simple-statistics';
import type { PodRecord } from '../sim/types.js';

/**
 * Queueing delay per workload pod that was bound: simulated seconds from the arrival of
 * its first incarnation to the first bind of any incarnation. Pods bound at time 0 (the
 * starting cluster) are left out. Sorted ascending.
 */
export function queueDelaysS(records: readonly PodRecord[]): Float64Array {
  return Float64Array.from(queueDelayByWorkloadPod(records).values()).sort();
}

/** queueDelaysS per workload pod id (the id of its first incarnation), in order of first bind found. */
export function queueDelayByWorkloadPod(records: readonly PodRecord[]): Map<number, number> {
  const arrival = new Map<number, number>();
  const firstBind = new Map<number, number>();
  for (const r of records) {
    if (r.podId === r.workloadPodId) arrival.set(r.workloadPodId, r.arrivalS);
    if (r.bindS !== null && r.attempts > 0) {
      const prev = firstBind.get(r.workloadPodId);
      if (prev === undefined || r.bindS < prev) firstBind.set(r.workloadPodId, r.bindS);
    }
  }
  const out = new Map<number, number>();
  for (const [w, bindS] of firstBind) {
    const a = arrival.get(w);
    if (a !== undefined) out.set(w, bindS - a);
  }
  return out;
}

/**
 * The q-quantile of ascending values (simple-statistics quantileSorted); NaN when empty.
 * quantileSorted only reads length and indexes, so a typed array is passed as it is: a
 * report takes 101 quantiles of a run's delays, and copying them each time cost more
 * than the run's scoring of some policies.
 */
export function sortedQuantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return quantileSorted(sorted as readonly number[], q);
}
