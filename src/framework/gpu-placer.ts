import type { ClusterView } from '../cluster/cluster-view.js';
import type { NodeId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import type { Plugin } from './types.js';

/**
 * A score plugin that also decides which GPUs of the chosen node a GPU pod gets: the
 * artifact's per-policy allocateGpuIdFunc (FGD puts a shared task on the GPU whose use
 * grows fragmentation least). The caller binds with the returned mask.
 */
export interface GpuPlacer {
  /** The GPUs (bitmask over the node's GPUs) for `pod` on feasible `node`; 0 = no opinion. */
  placeGpus(view: ClusterView, pod: CompiledPod, node: NodeId): number;
}

/** The plugin as a GpuPlacer, or null when it does not place GPUs. */
export function gpuPlacerOf(p: Plugin): GpuPlacer | null {
  const f = (p as Partial<GpuPlacer>).placeGpus;
  return typeof f === 'function' ? { placeGpus: f.bind(p) } : null;
}
