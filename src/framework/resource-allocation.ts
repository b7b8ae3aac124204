import type { ClusterView } from '../cluster/cluster-view.js';
import type { NodeId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import { CPU, EPHEMERAL_STORAGE, MEMORY } from '../model/resources.js';
import { isScalarResourceName } from './resource-names.js';

/**
 * The shared half of kube-scheduler's resourceAllocationScorer
 * (noderesources/resource_allocation.go): for each configured resource, the pod's
 * request once per cycle, and per node the (allocatable, requested + pod request) pair a
 * strategy scores. NodeResourcesFit (LeastAllocated, MostAllocated,
 * RequestedToCapacityRatio) reads cpu/memory with the non-zero defaults;
 * NodeResourcesBalancedAllocation reads plain requests (useRequested).
 */

/** One scoringStrategy.resources[] / BalancedAllocation resources[] entry, defaults applied. */
export interface ResourceSpec {
  readonly name: string;
  readonly weight: number;
}

/** cpu: millicores, from NonZeroRequested unless useRequested. */
export const KIND_CPU = 0;
/** memory: bytes, from NonZeroRequested unless useRequested. */
export const KIND_MEMORY = 1;
/** ephemeral-storage: bytes, always from Requested. */
export const KIND_EPHEMERAL = 2;
/** A scalar resource (extended, hugepages-*, kubernetes.io/*, attachable-volumes-*). */
export const KIND_SCALAR = 3;
/** Anything else ("pods", "foo"): kube finds no allocatable for it and never scores it. */
export const KIND_NONE = 4;

/** The resources a scorer was configured with, classified once at plugin creation. */
export interface ScoredResources {
  readonly names: readonly string[];
  readonly weights: Float64Array;
  readonly kinds: Uint8Array;
  readonly count: number;
  /** Reads Requested (true) or NonZeroRequested with the 100m/200Mi defaults (false). */
  readonly useRequested: boolean;
}

/** The pod's side, computed once per cycle (kube's preScoreState.podRequests). */
export interface PodResourceRequests {
  /** Dimension id per configured resource, -1 when no object ever named it. */
  readonly dims: Int32Array;
  /** The pod's request per configured resource (calculatePodResourceRequest). */
  readonly requests: Float64Array;
}

/** Classifies configured resources (kube reads cpu/memory/ephemeral-storage by name). */
export function scoredResources(specs: readonly ResourceSpec[], useRequested: boolean): ScoredResources {
  const kinds = new Uint8Array(specs.length);
  for (let i = 0; i < specs.length; i++) kinds[i] = kindOf(specs[i]!.name);
  return {
    names: specs.map((s) => s.name),
    weights: Float64Array.from(specs, (s) => s.weight),
    kinds,
    count: specs.length,
    useRequested,
  };
}

function kindOf(name: string): number {
  switch (name) {
    case 'cpu': return KIND_CPU;
    case 'memory': return KIND_MEMORY;
    case 'ephemeral-storage': return KIND_EPHEMERAL;
    default: return isScalarResourceName(name) ? KIND_SCALAR : KIND_NONE;
  }
}

/**
 * Mirrors calculatePodResourceRequestList: the pod's request for each configured
 * resource. cpu/memory come with the non-zero defaults unless useRequested; everything
 * else is the plain request ("pods" is never part of a pod's requests in kube).
 */
export function podResourceRequests(view: ClusterView, pod: CompiledPod, sr: ScoredResources): PodResourceRequests {
  const dims = new Int32Array(sr.count);
  const requests = new Float64Array(sr.count);
  const req = pod.requests;
  for (let i = 0; i < sr.count; i++) {
    const kind = sr.kinds[i]!;
    const dim = kind === KIND_CPU ? CPU : kind === KIND_MEMORY ? MEMORY : kind === KIND_EPHEMERAL ? EPHEMERAL_STORAGE
      : sr.names[i] === 'pods' ? -1 : (view.model.resources.lookup(sr.names[i]!) ?? -1);
    dims[i] = dim;
    if (kind === KIND_CPU && !sr.useRequested) requests[i] = pod.scoreCpuMilli;
    else if (kind === KIND_MEMORY && !sr.useRequested) requests[i] = pod.scoreMemBytes;
    else requests[i] = dim >= 0 && dim < req.length ? req[dim]! : 0;
  }
  return { dims, requests };
}

/** Mirrors isBestEffortPod: the pod requests none of the configured resources. */
export function requestsNothing(pr: PodResourceRequests): boolean {
  for (let i = 0; i < pr.requests.length; i++) if (pr.requests[i] !== 0) return false;
  return true;
}

/**
 * Mirrors calculateResourceAllocatableRequest for every configured resource of one node,
 * into the caller's scratch arrays (no allocation). An entry with allocatable 0 is one
 * kube skips: a scalar resource the pod does not request, or one the node lacks.
 */
export function fillAllocatableRequested(
  view: ClusterView, node: NodeId, sr: ScoredResources, pr: PodResourceRequests,
  requestedOut: Float64Array, allocatableOut: Float64Array,
): void {
  const dims = view.dims;
  const base = node * dims;
  const alloc = view.allocatable;
  const used = view.requested;
  const nonZero = view.nonZeroRequested;
  for (let i = 0; i < sr.count; i++) {
    const podReq = pr.requests[i]!;
    let a = 0;
    let r = 0;
    switch (sr.kinds[i]) {
      case KIND_CPU:
        a = alloc[base + CPU]!;
        r = (sr.useRequested ? used[base + CPU]! : nonZero[node * 2]!) + podReq;
        break;
      case KIND_MEMORY:
        a = alloc[base + MEMORY]!;
        r = (sr.useRequested ? used[base + MEMORY]! : nonZero[node * 2 + 1]!) + podReq;
        break;
      case KIND_EPHEMERAL:
        // NOTE: kube reads Requested here even for the non-zero strategies.
        a = alloc[base + EPHEMERAL_STORAGE]!;
        r = used[base + EPHEMERAL_STORAGE]! + podReq;
        break;
      case KIND_SCALAR: {
        const dim = pr.dims[i]!;
        // A scalar resource the pod does not request is bypassed (returns 0, 0).
        if (podReq !== 0 && dim >= 0 && dim < dims) {
          a = alloc[base + dim]!;
          r = used[base + dim]! + podReq;
        }
        break;
      }
      default:
        break;
    }
    allocatableOut[i] = a;
    requestedOut[i] = a === 0 ? 0 : r;
  }
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * trunc(a * b / c) for int64 operands, exact even when a * b passes 2^53 (memory in
 * bytes times 100): Go's int64 multiply-then-divide. c must not be 0.
 */
export function mulDivTrunc(a: number, b: number, c: number): number {
  const p = a * b;
  if (p <= MAX_SAFE && p >= -MAX_SAFE) return Math.trunc(p / c);
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/** Go's math.Round: halves away from zero (JS Math.round sends -2.5 to -2). */
export function goRound(x: number): number {
  const t = Math.trunc(x);
  return Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
}
