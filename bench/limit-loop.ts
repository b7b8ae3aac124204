import type { ClusterView } from '../src/cluster/cluster-view.js';
import type { NodeId } from '../src/model/ids.js';
import type { CompiledPod } from '../src/model/pod.js';
import { CPU, MEMORY, PODS } from '../src/model/resources.js';

/** MaxNodeScore: a node's score is on 0..100. */
const MAX_NODE_SCORE = 100;

/**
 * The memory-bound limit of one scheduling cycle on this machine (issue 16): the least
 * work any scheduler must do per node when nothing can be reused, written as one loop
 * over the cluster's own typed arrays: a fit check (pod count, cpu, memory), a
 * least-allocated score over cpu and memory with the non-zero defaults (kube's integer
 * arithmetic) and an argmax (first best node; no tie-break draw). No plugins, no
 * rotation, no percentage, no diagnosis. The bench's `Limit/<N>Nodes` cells time it
 * with the same harness, cluster and pods as the scheduleOne cells, so every cell's
 * ratio to the limit at its size says how far the core is from what the machine allows.
 * Returns the node chosen, or -1 when none fits.
 */
export function limitPlace(view: ClusterView, pod: CompiledPod): number {
  const order = view.nodeOrder();
  const dims = view.dims;
  const alloc = view.allocatable;
  const used = view.requested;
  const nonZero = view.nonZeroRequested;
  const cpuReq = pod.requests[CPU]!;
  const memReq = pod.requests[MEMORY]!;
  const cpuScore = pod.scoreCpuMilli;
  const memScore = pod.scoreMemBytes;
  let best = -1;
  let bestScore = -1;
  for (let i = 0; i < order.length; i++) {
    const n = order[i]!;
    const base = n * dims;
    const cpuAlloc = alloc[base + CPU]!;
    const memAlloc = alloc[base + MEMORY]!;
    // Evaluated without branches: a node's verdict only gates the argmax.
    const fits = used[base + PODS]! + 1 <= alloc[base + PODS]! && cpuReq <= cpuAlloc - used[base + CPU]! && memReq <= memAlloc - used[base + MEMORY]!;
    const cpuAfter = nonZero[n * 2]! + cpuScore;
    const memAfter = nonZero[n * 2 + 1]! + memScore;
    // Exact: both sides are integers below 2^53 and the quotient is at most 100, so a
    // double division truncated with |0 is Go's int64 (a - r) * 100 / a.
    const cpuFree = cpuAfter > cpuAlloc ? 0 : ((cpuAlloc - cpuAfter) * MAX_NODE_SCORE) / cpuAlloc;
    const memFree = memAfter > memAlloc ? 0 : ((memAlloc - memAfter) * MAX_NODE_SCORE) / memAlloc;
    const score = ((cpuFree | 0) + (memFree | 0)) >> 1;
    if (fits && score > bestScore) {
      bestScore = score;
      best = n;
    }
  }
  return best as NodeId;
}
