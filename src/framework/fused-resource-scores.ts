import type { ClusterView } from '../cluster/cluster-view.js';
import { CPU, MEMORY } from '../model/resources.js';
import type { ResourceKernel } from './resource-kernel.js';
import { KERNEL_BALANCED, KERNEL_LEAST, kernelScore } from './resource-kernel.js';

/** MaxNodeScore. */
const MAX_NODE_SCORE = 100;

/**
 * The weighted sum of several resource kernels (one per score plugin that gave one, see
 * Plugin.resourceKernel) on nodes[0..count), into out[0..count): one pass that reads
 * each node's cpu and memory row once, instead of one pass per plugin, each filling
 * scratch rows and calling its strategy per node. `weights[k]` is kernel k's plugin
 * weight. Exact: integer scores times integer weights summed in a double.
 */
export function fusedResourceScores(
  view: ClusterView, nodes: Int32Array, count: number, kernels: readonly ResourceKernel[], weights: Float64Array, out: Float64Array,
): void {
  const dims = view.dims;
  const alloc = view.allocatable;
  const used = view.requested;
  const nonZero = view.nonZeroRequested;
  if (kernels.length === 2 && kernels[1]!.strategy === KERNEL_BALANCED && kernels[0]!.strategy !== KERNEL_BALANCED
    && hasBoth(kernels[0]!) && hasBoth(kernels[1]!)) {
    fitThenBalanced(view, nodes, count, kernels[0]!, kernels[1]!, weights[0]!, weights[1]!, out);
    return;
  }
  const m = kernels.length;
  for (let i = 0; i < count; i++) {
    const n = nodes[i]!;
    const base = n * dims;
    const cpuAlloc = alloc[base + CPU]!;
    const memAlloc = alloc[base + MEMORY]!;
    let sum = 0;
    for (let k = 0; k < m; k++) {
      const kernel = kernels[k]!;
      const cpuUsed = kernel.useRequested ? used[base + CPU]! : nonZero[n * 2]!;
      const memUsed = kernel.useRequested ? used[base + MEMORY]! : nonZero[n * 2 + 1]!;
      sum += kernelScore(kernel, cpuAlloc, memAlloc, cpuUsed, memUsed) * weights[k]!;
    }
    out[i] = sum;
  }
}

/** Whether a kernel scores both cpu and memory (the fast loop assumes both weights). */
function hasBoth(k: ResourceKernel): boolean {
  return k.cpuWeight !== 0 && k.memWeight !== 0;
}

/** Above this allocatable, x * 100 may pass 2^53 and kernelScore's exact path is needed. */
const SAFE_ALLOCATABLE = Math.floor(Number.MAX_SAFE_INTEGER / 100);

/**
 * The default profile's pair, NodeResourcesFit (LeastAllocated or MostAllocated) then
 * NodeResourcesBalancedAllocation, both over cpu and memory, written out in one loop
 * without calls: kernelScore's arithmetic for nodes with both capacities in (0,
 * SAFE_ALLOCATABLE], kernelScore itself for any other node.
 */
function fitThenBalanced(
  view: ClusterView, nodes: Int32Array, count: number, fit: ResourceKernel, balanced: ResourceKernel, fitWeight: number, balancedWeight: number,
  out: Float64Array,
): void {
  const dims = view.dims;
  const alloc = view.allocatable;
  const used = view.requested;
  const nonZero = view.nonZeroRequested;
  const least = fit.strategy === KERNEL_LEAST;
  const fitUsesRequested = fit.useRequested;
  const balancedUsesRequested = balanced.useRequested;
  const cw = fit.cpuWeight;
  const mw = fit.memWeight;
  const weightSum = cw + mw;
  const fitCpu = fit.cpuRequest;
  const fitMem = fit.memRequest;
  const balCpu = balanced.cpuRequest;
  const balMem = balanced.memRequest;
  for (let i = 0; i < count; i++) {
    const n = nodes[i]!;
    const base = n * dims;
    const cpuAlloc = alloc[base + CPU]!;
    const memAlloc = alloc[base + MEMORY]!;
    const cpuUsed = used[base + CPU]!;
    const memUsed = used[base + MEMORY]!;
    const cpuNonZero = nonZero[n * 2]!;
    const memNonZero = nonZero[n * 2 + 1]!;
    if (!(cpuAlloc > 0 && memAlloc > 0 && cpuAlloc <= SAFE_ALLOCATABLE && memAlloc <= SAFE_ALLOCATABLE)) {
      out[i] = kernelScore(fit, cpuAlloc, memAlloc, fitUsesRequested ? cpuUsed : cpuNonZero, fitUsesRequested ? memUsed : memNonZero) * fitWeight
        + kernelScore(balanced, cpuAlloc, memAlloc, balancedUsesRequested ? cpuUsed : cpuNonZero, balancedUsesRequested ? memUsed : memNonZero) * balancedWeight;
      continue;
    }
    const cpuReq = (fitUsesRequested ? cpuUsed : cpuNonZero) + fitCpu;
    const memReq = (fitUsesRequested ? memUsed : memNonZero) + fitMem;
    let cpuScore: number;
    let memScore: number;
    if (least) {
      cpuScore = cpuReq > cpuAlloc ? 0 : Math.trunc(((cpuAlloc - cpuReq) * MAX_NODE_SCORE) / cpuAlloc);
      memScore = memReq > memAlloc ? 0 : Math.trunc(((memAlloc - memReq) * MAX_NODE_SCORE) / memAlloc);
    } else {
      cpuScore = Math.trunc(((cpuReq > cpuAlloc ? cpuAlloc : cpuReq) * MAX_NODE_SCORE) / cpuAlloc);
      memScore = Math.trunc(((memReq > memAlloc ? memAlloc : memReq) * MAX_NODE_SCORE) / memAlloc);
    }
    const fitScore = Math.trunc((cpuScore * cw + memScore * mw) / weightSum);
    let cf = ((balancedUsesRequested ? cpuUsed : cpuNonZero) + balCpu) / cpuAlloc;
    if (cf > 1) cf = 1;
    let mf = ((balancedUsesRequested ? memUsed : memNonZero) + balMem) / memAlloc;
    if (mf > 1) mf = 1;
    const balancedScore = Math.trunc((1 - Math.abs((cf - mf) / 2)) * MAX_NODE_SCORE);
    out[i] = fitScore * fitWeight + balancedScore * balancedWeight;
  }
}
