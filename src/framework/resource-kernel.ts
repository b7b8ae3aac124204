import type { ClusterView } from '../cluster/cluster-view.js';
import { CPU, MEMORY } from '../model/resources.js';
import type { PodResourceRequests, ScoredResources } from './resource-allocation.js';
import { KIND_CPU, KIND_MEMORY, KIND_NONE, KIND_SCALAR, mulDivTrunc } from './resource-allocation.js';

/**
 * A resource scorer (kube's resourceAllocationScorer: NodeResourcesFit's LeastAllocated
 * and MostAllocated, NodeResourcesBalancedAllocation) reduced, for one pod, to what its
 * score on a node depends on when the only resources that count are cpu and memory: the
 * strategy, the two weights and the pod's two requests. The framework evaluates the
 * kernels of several plugins in one pass over the feasible nodes, reading each node's
 * row once (fused-resource-scores.ts); a kernel's score equals the plugin's Score
 * exactly (the same int64 arithmetic for LeastAllocated and MostAllocated, the same
 * float64 steps for BalancedAllocation).
 */
export interface ResourceKernel {
  /** KERNEL_LEAST, KERNEL_MOST or KERNEL_BALANCED. */
  readonly strategy: number;
  /** Reads Requested (true) or NonZeroRequested, with the 100m / 200Mi defaults (false). */
  readonly useRequested: boolean;
  /** cpu's weight; 0 when cpu is not among the resources. */
  readonly cpuWeight: number;
  /** memory's weight; 0 when memory is not among the resources. */
  readonly memWeight: number;
  /** The pod's cpu request as the scorer counts it (calculatePodResourceRequest). */
  readonly cpuRequest: number;
  readonly memRequest: number;
}

/** leastResourceScorer (least_allocated.go). */
export const KERNEL_LEAST = 0;
/** mostResourceScorer (most_allocated.go). */
export const KERNEL_MOST = 1;
/** balancedResourceScorer (balanced_allocation.go). */
export const KERNEL_BALANCED = 2;

/** MaxNodeScore. */
const MAX_NODE_SCORE = 100;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * The kernel of a scorer configured with `sr` for the pod whose requests are `pr`, or
 * null when its score depends on more than cpu and memory: a resource other than those
 * that the node's row can hold a capacity for (ephemeral-storage, which kube reads even
 * when the pod asks none; a scalar resource the pod requests), or cpu or memory listed
 * twice. A scalar resource the pod does not request, and names kube never scores
 * ("pods", "foo"), have allocatable 0 on every node (fillAllocatableRequested), so kube
 * skips them and so may the kernel.
 */
export function resourceKernel(strategy: number, sr: ScoredResources, pr: PodResourceRequests): ResourceKernel | null {
  let cpuWeight = 0;
  let memWeight = 0;
  let cpuRequest = 0;
  let memRequest = 0;
  for (let i = 0; i < sr.count; i++) {
    switch (sr.kinds[i]) {
      case KIND_CPU:
        if (cpuWeight !== 0) return null;
        cpuWeight = sr.weights[i]!;
        cpuRequest = pr.requests[i]!;
        break;
      case KIND_MEMORY:
        if (memWeight !== 0) return null;
        memWeight = sr.weights[i]!;
        memRequest = pr.requests[i]!;
        break;
      case KIND_SCALAR:
        if (pr.requests[i] !== 0) return null;
        break;
      case KIND_NONE:
        break;
      default:
        return null;
    }
  }
  // Weights are validated to be positive; a zero here would mean "absent" above.
  if ((cpuWeight === 0 && hasKind(sr, KIND_CPU)) || (memWeight === 0 && hasKind(sr, KIND_MEMORY))) return null;
  return { strategy, useRequested: sr.useRequested, cpuWeight, memWeight, cpuRequest, memRequest };
}

function hasKind(sr: ScoredResources, kind: number): boolean {
  for (let i = 0; i < sr.count; i++) if (sr.kinds[i] === kind) return true;
  return false;
}

/**
 * A kernel's score on one node, given the node's cpu and memory allocatable and its
 * requested amounts as the kernel reads them (Requested or NonZeroRequested) before the
 * pod. Mirrors leastAllocatedScore, mostAllocatedScore and balancedResourceScore for
 * the resources cpu and memory in kube's order of operations: the integer strategies
 * are order-free sums; with two shares the std is |a - b| / 2 either way round.
 */
export function kernelScore(k: ResourceKernel, cpuAlloc: number, memAlloc: number, cpuUsed: number, memUsed: number): number {
  const cw = cpuAlloc === 0 ? 0 : k.cpuWeight;
  const mw = memAlloc === 0 ? 0 : k.memWeight;
  const cpuReq = cpuUsed + k.cpuRequest;
  const memReq = memUsed + k.memRequest;
  if (k.strategy === KERNEL_BALANCED) {
    let cf = 0;
    let mf = 0;
    if (cw !== 0) {
      cf = cpuReq / cpuAlloc;
      if (cf > 1) cf = 1;
    }
    if (mw !== 0) {
      mf = memReq / memAlloc;
      if (mf > 1) mf = 1;
    }
    const std = cw !== 0 && mw !== 0 ? Math.abs((cf - mf) / 2) : 0;
    return Math.trunc((1 - std) * MAX_NODE_SCORE);
  }
  const weightSum = cw + mw;
  if (weightSum === 0) return 0;
  let nodeScore = 0;
  // Each share is trunc(x * 100 / alloc) in int64 (mulDivTrunc, written out so it inlines):
  // a double holds x * 100 exactly below 2^53, past that the BigInt path takes over.
  if (k.strategy === KERNEL_LEAST) {
    if (cw !== 0 && cpuReq <= cpuAlloc) {
      const p = (cpuAlloc - cpuReq) * MAX_NODE_SCORE;
      nodeScore += (p <= MAX_SAFE ? Math.trunc(p / cpuAlloc) : mulDivTrunc(cpuAlloc - cpuReq, MAX_NODE_SCORE, cpuAlloc)) * cw;
    }
    if (mw !== 0 && memReq <= memAlloc) {
      const p = (memAlloc - memReq) * MAX_NODE_SCORE;
      nodeScore += (p <= MAX_SAFE ? Math.trunc(p / memAlloc) : mulDivTrunc(memAlloc - memReq, MAX_NODE_SCORE, memAlloc)) * mw;
    }
  } else {
    if (cw !== 0) {
      const x = cpuReq > cpuAlloc ? cpuAlloc : cpuReq;
      const p = x * MAX_NODE_SCORE;
      nodeScore += (p <= MAX_SAFE ? Math.trunc(p / cpuAlloc) : mulDivTrunc(x, MAX_NODE_SCORE, cpuAlloc)) * cw;
    }
    if (mw !== 0) {
      const x = memReq > memAlloc ? memAlloc : memReq;
      const p = x * MAX_NODE_SCORE;
      nodeScore += (p <= MAX_SAFE ? Math.trunc(p / memAlloc) : mulDivTrunc(x, MAX_NODE_SCORE, memAlloc)) * mw;
    }
  }
  return Math.trunc(nodeScore / weightSum);
}

/** kernelScore on `node` of `view`, reading the row the kernel reads. */
export function kernelScoreOn(k: ResourceKernel, view: ClusterView, node: number): number {
  const base = node * view.dims;
  const cpuUsed = k.useRequested ? view.requested[base + CPU]! : view.nonZeroRequested[node * 2]!;
  const memUsed = k.useRequested ? view.requested[base + MEMORY]! : view.nonZeroRequested[node * 2 + 1]!;
  return kernelScore(k, view.allocatable[base + CPU]!, view.allocatable[base + MEMORY]!, cpuUsed, memUsed);
}
