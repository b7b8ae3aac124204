import type { ClusterView } from '../cluster/cluster-view.js';
import type { NodeId } from '../model/ids.js';
import { PODS } from '../model/resources.js';

/**
 * Stranded (fragmented) capacity of one resource: the free amount on nodes where none of
 * the workload's pod shapes fits, as a percentage of all free amount of that resource on
 * live nodes. A shape fits a node when, for every resource the shape requests, the
 * node's allocatable minus requested is at least the request, and the node has room for
 * one more pod. NaN when nothing is free.
 */
export function strandedPct(view: ClusterView, shapes: readonly Float64Array[], dim: number): number {
  const { dims, allocatable, requested } = view;
  let freeAll = 0;
  let stranded = 0;
  for (const node of view.nodeOrder()) {
    const base = (node as NodeId) * dims;
    const free = allocatable[base + dim]! - requested[base + dim]!;
    if (free <= 0) continue;
    freeAll += free;
    if (!shapes.some((s) => fits(s, allocatable, requested, base, dims))) stranded += free;
  }
  return freeAll > 0 ? (stranded / freeAll) * 100 : Number.NaN;
}

function fits(shape: Float64Array, alloc: Float64Array, used: Float64Array, base: number, dims: number): boolean {
  if (used[base + PODS]! + 1 > alloc[base + PODS]!) return false;
  for (let r = 0; r < shape.length; r++) {
    if (r === PODS || shape[r] === 0) continue;
    const a = r < dims ? alloc[base + r]! : 0;
    const u = r < dims ? used[base + r]! : 0;
    if (shape[r]! > a - u) return false;
  }
  return true;
}

/** Distinct request vectors among pods (their shapes), in first-seen order. */
export function distinctShapes(requests: readonly Float64Array[]): Float64Array[] {
  const seen = new Map<string, Float64Array>();
  // Pods of one template share its request vector: each vector is keyed once.
  const keyed = new Set<Float64Array>();
  for (const r of requests) {
    if (keyed.has(r)) continue;
    keyed.add(r);
    const key = Array.from(r).join(',');
    if (!seen.has(key)) seen.set(key, r);
  }
  return [...seen.values()];
}
