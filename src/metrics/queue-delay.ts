import { quantileSorted } from 'simple-statistics';
import type { PodRecord } from '../sim/types.js';

/**
 * Queueing delay per workload pod that was bound: simulated seconds from the arrival of
 * its first incarnation to the first bind of any incarnation. Pods bound at time 0 (the
 * starting cluster) are left out. Sorted ascending.
 */
export function queueDelaysS(records: readonly PodRecord[]): Float64Array {
  return queueDelayByWorkloadPod(records).filter((d) => !Number.isNaN(d)).sort();
}

/**
 * queueDelaysS per workload pod id (the id of its first incarnation): element w is pod w's
 * delay, NaN for an id that is no workload pod or was never bound after arriving. Pod ids
 * are dense from 0, so a typed array serves where a map would cost a run of thousands of
 * pods more than its measuring.
 */
export function queueDelayByWorkloadPod(records: readonly PodRecord[]): Float64Array {
  let ids = 0;
  for (const r of records) ids = Math.max(ids, r.workloadPodId + 1);
  const arrival = new Float64Array(ids).fill(Number.NaN);
  const firstBind = new Float64Array(ids).fill(Number.POSITIVE_INFINITY);
  for (const r of records) {
    const w = r.workloadPodId;
    if (r.podId === w) arrival[w] = r.arrivalS;
    if (r.bindS !== null && r.attempts > 0 && r.bindS < firstBind[w]!) firstBind[w] = r.bindS;
  }
  // Infinity - arrival stays Infinity for a pod never bound: made NaN like a missing arrival.
  for (let w = 0; w < ids; w++) arrival[w] = firstBind[w] === Number.POSITIVE_INFINITY ? Number.NaN : firstBind[w]! - arrival[w]!;
  return arrival;
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
