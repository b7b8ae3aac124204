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
  // Pod ids are dense from 0: per-id arrays instead of two maps (a run has thousands of pods).
  let ids = 0;
  for (const r of records) ids = Math.max(ids, r.workloadPodId + 1);
  const arrival = new Float64Array(ids).fill(Number.NaN);
  const firstBind = new Float64Array(ids).fill(Number.POSITIVE_INFINITY);
  const bindOrder: number[] = [];
  for (const r of records) {
    const w = r.workloadPodId;
    if (r.podId === w) arrival[w] = r.arrivalS;
    if (r.bindS !== null && r.attempts > 0) {
      if (firstBind[w] === Number.POSITIVE_INFINITY) bindOrder.push(w);
      if (r.bindS < firstBind[w]!) firstBind[w] = r.bindS;
    }
  }
  const out = new Map<number, number>();
  for (const w of bindOrder) {
    const a = arrival[w]!;
    if (!Number.isNaN(a)) out.set(w, firstBind[w]! - a);
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
