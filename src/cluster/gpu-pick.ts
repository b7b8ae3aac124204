import type { NodeId } from '../model/ids.js';
import type { GpuRequest } from '../model/gpu-request.js';
import { MILLI_PER_GPU } from '../model/gpu-resources.js';
import type { GpuTableView } from './gpu-table-view.js';

/**
 * How a pod's GPUs are chosen on the node the scheduler picked: the artifact's
 * gpuSelMethod of its Open-Gpu-Share Reserve plugin (plugin/open_gpu_share.go).
 * - best: a shared task goes to the GPU with the least free milli-GPU that still fits
 *   (tightest fit), lowest index on ties; the artifact's default.
 * - worst: a shared task goes to the GPU with the most free milli-GPU, lowest index on ties.
 * - random: a shared task goes to a GPU drawn uniformly among those that fit.
 * Whole-GPU tasks take the lowest-indexed fully free GPUs under every rule
 * (AllocateExclusiveGpuId).
 */
export type GpuSelection = 'best' | 'worst' | 'random';

/**
 * The GPUs (bitmask over the node's GPUs) `req` gets on `node` under `rule`, or 0 when
 * the node cannot host it. `rand(n)` draws a uniform integer in [0, n) for 'random'.
 */
export function pickGpus(gpus: GpuTableView, node: NodeId, req: GpuRequest, rule: GpuSelection, rand?: (n: number) => number): number {
  if (req.count === 0 || gpus.count[node]! < req.count) return 0;
  if (req.milliPerGpu === MILLI_PER_GPU) return lowestFullyFree(gpus, node, req.count);
  const base = gpus.offset[node]!;
  const n = gpus.count[node]!;
  const want = req.milliPerGpu;
  if (rule === 'random') {
    let fit = 0;
    for (let i = 0; i < n; i++) if (gpus.freeMilli[base + i]! >= want) fit++;
    if (fit === 0) return 0;
    if (rand === undefined) throw new Error('the random GPU selection needs a random source');
    let k = rand(fit);
    for (let i = 0; i < n; i++) if (gpus.freeMilli[base + i]! >= want && k-- === 0) return 1 << i;
    return 0;
  }
  let best = -1;
  for (let i = 0; i < n; i++) {
    const f = gpus.freeMilli[base + i]!;
    if (f < want) continue;
    if (best === -1 || (rule === 'best' ? f < gpus.freeMilli[base + best]! : f > gpus.freeMilli[base + best]!)) best = i;
  }
  return best === -1 ? 0 : 1 << best;
}

/** The `count` lowest-indexed GPUs with all 1000 milli free, or 0 when there are fewer. */
export function lowestFullyFree(gpus: GpuTableView, node: NodeId, count: number): number {
  const base = gpus.offset[node]!;
  const n = gpus.count[node]!;
  let mask = 0;
  let got = 0;
  for (let i = 0; i < n && got < count; i++) {
    if (gpus.freeMilli[base + i] === MILLI_PER_GPU) {
      mask |= 1 << i;
      got++;
    }
  }
  return got === count ? mask : 0;
}

/**
 * The `count` GPUs with the most free milli-GPU (lowest index on ties), whether or not
 * they fit: where bind puts a pod that does not fit anywhere (a what-if reservation
 * that skipped the GPU filter), so binding never fails and unbind still undoes it.
 */
export function mostFreeGpus(gpus: GpuTableView, node: NodeId, count: number): number {
  const base = gpus.offset[node]!;
  const n = gpus.count[node]!;
  let mask = 0;
  for (let k = 0; k < count && k < n; k++) {
    let best = -1;
    for (let i = 0; i < n; i++) {
      if ((mask & (1 << i)) !== 0) continue;
      if (best === -1 || gpus.freeMilli[base + i]! > gpus.freeMilli[base + best]!) best = i;
    }
    mask |= 1 << best;
  }
  return mask;
}
