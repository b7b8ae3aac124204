import type { ClusterView } from '../cluster/cluster-view.js';
import { MILLI_PER_GPU } from '../model/gpu-resources.js';
import { CPU, MEMORY } from '../model/resources.js';
import type { ClusterSample, PodCounts } from './types.js';

/**
 * A ClusterSample of `view` at `atS`: requested and allocatable summed per resource over
 * live nodes and, when `perNode`, CPU and memory utilization per node id (NaN for ids
 * that are not live nodes or have no allocatable of that resource). `nodeRows` is one
 * more than the highest node id ever used. O(nodes x dims).
 */
export function sampleCluster(view: ClusterView, atS: number, counts: PodCounts, nodeRows: number, perNode: boolean): ClusterSample {
  const dims = view.dims;
  const requested = new Float64Array(dims);
  const allocatable = new Float64Array(dims);
  const order = view.nodeOrder();
  const gpus = view.gpus;
  let gpuMilliTotal = 0;
  let gpuMilliFree = 0;
  for (let i = 0; i < order.length; i++) {
    gpuMilliTotal += gpus.count[order[i]!]! * MILLI_PER_GPU;
    gpuMilliFree += gpus.freeMilliTotal[order[i]!]!;
    const base = order[i]! * dims;
    for (let r = 0; r < dims; r++) {
      requested[r] += view.requested[base + r]!;
      allocatable[r] += view.allocatable[base + r]!;
    }
  }
  let cpu: Float32Array | null = null;
  let mem: Float32Array | null = null;
  if (perNode) {
    cpu = new Float32Array(nodeRows).fill(NaN);
    mem = new Float32Array(nodeRows).fill(NaN);
    for (let i = 0; i < order.length; i++) {
      const node = order[i]!;
      const base = node * dims;
      const ac = view.allocatable[base + CPU]!;
      const am = view.allocatable[base + MEMORY]!;
      if (ac > 0) cpu[node] = view.requested[base + CPU]! / ac;
      if (am > 0) mem[node] = view.requested[base + MEMORY]! / am;
    }
  }
  return {
    atS, ...counts, liveNodes: order.length, requested, allocatable, gpuMilliTotal, gpuMilliFree,
    nodeCpuUtilization: cpu, nodeMemUtilization: mem,
  };
}
