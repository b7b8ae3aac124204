import type { NodeId, Sym } from '../model/ids.js';
import { NO_SYM } from '../model/ids.js';
import { CPU } from '../model/resources.js';
import type { SymbolTable } from '../model/symbols.js';
import type { TaskShape } from '../model/task-shape.js';
import type { ClusterView } from './cluster-view.js';
import type { GpuTableView } from './gpu-table-view.js';

/**
 * GPU fragmentation of a node measured against a workload's task shapes: the FGD paper's
 * F_n(M) (ATC '23, §4.1), computed as the artifact's NodeGpuShareFragAmountScore
 * (pkg/utils/frag.go) does.
 *
 * For one task shape m, the node's unallocated milli-GPU split into fragments and usable:
 *   - m asks no GPU, or m may not run on the node's GPU model, or the node lacks the CPU
 *     m asks (free CPU < m's CPU), or fewer than m.gpuCount of its GPUs have
 *     m.gpuMilliPerGpu free: every free milli-GPU of the node is a fragment for m;
 *   - otherwise (m fits): the free milli-GPU of each GPU with less than m.gpuMilliPerGpu
 *     free is a fragment, the rest is usable.
 * The node's fragmentation is the expectation over the workload:
 *   F_n = Σ_m p_m · fragment_n(m), with p_m the shape weights normalized to sum 1.
 * Free CPU is allocatable minus requested millicores; memory plays no part (as in the
 * artifact). Only the multiset of per-GPU free amounts matters, not which GPU is which.
 *
 * The shapes are grouped by (milli per GPU, GPU count) with their CPU requests sorted, so
 * one evaluation costs O(groups × (GPUs + log shapes)) instead of O(shapes × GPUs).
 */
export class GpuFragmentation {
  /** Shape weight of CPU-only shapes: all free GPU milli is a fragment for them. */
  private readonly pCpuOnly: number;
  private readonly gpuShapes: readonly { cpu: number; milli: number; count: number; models: Int32Array; p: number }[];
  private readonly byModel = new Map<Sym, ModelGroups>();

  constructor(shapes: readonly TaskShape[], symbols: SymbolTable) {
    const total = shapes.reduce((s, t) => s + t.weight, 0);
    if (shapes.length === 0 || !(total > 0)) throw new RangeError('fragmentation needs at least one task shape with a positive weight');
    let pCpu = 0;
    const gpu: { cpu: number; milli: number; count: number; models: Int32Array; p: number }[] = [];
    for (const t of shapes) {
      const p = t.weight / total;
      if (t.gpuCount === 0) pCpu += p;
      else gpu.push({ cpu: t.cpuMilli, milli: t.gpuMilliPerGpu, count: t.gpuCount, models: Int32Array.from(t.gpuModels, (m) => symbols.intern(m)), p });
    }
    this.pCpuOnly = pCpu;
    this.gpuShapes = gpu;
  }

  /**
   * Expected fragmented milli-GPU of a node with `cpuFreeMilli` free CPU, GPU `model` and
   * per-GPU free milli-GPU freeMilli[start .. start + gpus).
   */
  fragMilli(cpuFreeMilli: number, model: Sym, freeMilli: Int32Array, start: number, gpus: number): number {
    const free = freeMilli;
    let total = 0;
    for (let i = start; i < start + gpus; i++) total += free[i]!;
    if (total === 0) return 0;
    const mg = this.groupsFor(model);
    let frag = total * (this.pCpuOnly + mg.pNoAccess);
    for (const g of mg.groups) {
      const pFit = g.cumP[upperBound(g.cpus, cpuFreeMilli)]!;
      let fragment = total;
      if (pFit > 0) {
        let fitting = 0;
        let below = 0;
        for (let i = start; i < start + gpus; i++) {
          const f = free[i]!;
          if (f >= g.milli) fitting++;
          else below += f;
        }
        if (fitting >= g.count) fragment = below;
      }
      frag += (g.pTotal - pFit) * total + pFit * fragment;
    }
    return frag;
  }

  /** fragMilli of a live node of the view, from its row and GPU table. */
  nodeFragMilli(view: ClusterView, gpus: GpuTableView, node: NodeId): number {
    const base = node * view.dims;
    const cpuFree = view.allocatable[base + CPU]! - view.requested[base + CPU]!;
    return this.fragMilli(cpuFree, gpus.model[node] as Sym, gpus.freeMilli, gpus.offset[node]!, gpus.count[node]!);
  }

  /** The shapes that may run on `model`, grouped; built on first use per model. */
  private groupsFor(model: Sym): ModelGroups {
    let mg = this.byModel.get(model);
    if (mg !== undefined) return mg;
    let pNoAccess = 0;
    const groups = new Map<string, { milli: number; count: number; items: { cpu: number; p: number }[] }>();
    for (const s of this.gpuShapes) {
      // The artifact's IsNodeAccessibleToPod: no list = any model; a CPU node (no model) none.
      if (s.models.length > 0 && (model === NO_SYM || !s.models.includes(model))) {
        pNoAccess += s.p;
        continue;
      }
      const key = `${s.milli}/${s.count}`;
      let g = groups.get(key);
      if (g === undefined) groups.set(key, g = { milli: s.milli, count: s.count, items: [] });
      g.items.push({ cpu: s.cpu, p: s.p });
    }
    mg = {
      pNoAccess,
      groups: [...groups.values()].map((g) => {
        const items = g.items.sort((a, b) => a.cpu - b.cpu);
        const cumP = new Float64Array(items.length + 1);
        items.forEach((it, i) => { cumP[i + 1] = cumP[i]! + it.p; });
        return { milli: g.milli, count: g.count, cpus: Float64Array.from(items, (it) => it.cpu), cumP, pTotal: cumP[items.length]! };
      }),
    };
    this.byModel.set(model, mg);
    return mg;
  }
}

interface ModelGroups {
  /** Weight of GPU shapes that may not run on this model: all free GPU milli is a fragment. */
  readonly pNoAccess: number;
  readonly groups: readonly ShapeGroup[];
}

/** GPU shapes with one (milli per GPU, count), CPU requests ascending. */
interface ShapeGroup {
  readonly milli: number;
  readonly count: number;
  readonly cpus: Float64Array;
  /** cumP[i]: weight of the i smallest-CPU shapes. */
  readonly cumP: Float64Array;
  readonly pTotal: number;
}

/** Number of entries of the ascending `xs` that are <= x. */
function upperBound(xs: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The cluster's GPU fragmentation: fragmented and idle milli-GPU over live nodes. */
export function clusterGpuFragmentation(view: ClusterView, gpus: GpuTableView, frag: GpuFragmentation): { fragMilli: number; idleMilli: number } {
  let fragMilli = 0;
  let idleMilli = 0;
  for (const node of view.nodeOrder()) {
    fragMilli += frag.nodeFragMilli(view, gpus, node as NodeId);
    idleMilli += gpus.freeMilliTotal[node]!;
  }
  return { fragMilli, idleMilli };
}
