import type { Rng } from '../rng.js';

/**
 * The task sequence of the FGD paper's one-shot "workload inflation" experiment, as the
 * artifact builds it (simulator.SortClusterPods with shufflePod, then
 * TunePodsByNodeTotalResource with the tuning ratio):
 *   1. every task of the pod list once, in a seeded uniform shuffle;
 *   2. if their GPU request is below `inflate` × the cluster's GPU capacity, tasks drawn
 *      uniformly with replacement from the list are appended until the next draw would
 *      take the total above that target (the draw that would is dropped, and drawing
 *      stops); if it is above, tasks drawn uniformly from the sequence are removed until
 *      it is not.
 * Returns indices into the list. `gpuMilli[i]` is task i's GPU request in milli-GPU
 * (GPUs × milli per GPU). The artifact tests the next draw's milli per GPU rather than
 * its total against the target; this uses the total, so 8-GPU draws cannot overshoot.
 */
export function inflatedTaskOrder(gpuMilli: readonly number[], capacityMilli: number, inflate: number, rng: Pick<Rng, 'int'>): Int32Array {
  const n = gpuMilli.length;
  if (n === 0) return new Int32Array(0);
  const order: number[] = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const target = inflate * capacityMilli;
  let total = gpuMilli.reduce((s, m) => s + m, 0);
  if (total < target) {
    for (;;) {
      const i = rng.int(n);
      if (total + gpuMilli[i]! > target) break;
      total += gpuMilli[i]!;
      order.push(i);
    }
  } else {
    while (total > target && order.length > 0) {
      const k = rng.int(order.length);
      total -= gpuMilli[order[k]!]!;
      order.splice(k, 1);
    }
  }
  return Int32Array.from(order);
}
