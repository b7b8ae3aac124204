import type { PluginGpus, PluginNode, PluginPod, PluginTaint, ResourceRecord } from '../../api/plugin-api.js';
import type { ClusterView } from '../../cluster/cluster-view.js';
import type { NodeId, Sym } from '../../model/ids.js';
import { NO_SYM } from '../../model/ids.js';
import type { LabelSet } from '../../model/labels.js';
import type { CompiledPod } from '../../model/pod.js';
import type { SymbolTable } from '../../model/symbols.js';
import type { Effect, TaintList } from '../../model/taints.js';
import { effectName } from '../../model/taints.js';

/**
 * The plain read-only objects a user plugin gets (src/api/plugin-api.ts) built from the
 * cluster's typed arrays. A node's view is made per call and fills each field on first
 * read, so a plugin pays only for what it reads; labels and taints (which change only
 * when the node changes) are shared through caches keyed by the interned arrays, and a
 * pod's view is built once per pod. Views are frozen: a plugin cannot change the cluster
 * through them.
 */
export class PluginViews {
  private readonly labelRecords = new WeakMap<LabelSet, Readonly<Record<string, string>>>();
  private readonly taintLists = new WeakMap<TaintList, readonly PluginTaint[]>();
  private readonly pods = new WeakMap<CompiledPod, PluginPod>();

  /** The view of `pod` (one per pod object). */
  pod(view: ClusterView, pod: CompiledPod): PluginPod {
    let p = this.pods.get(pod);
    if (p === undefined) {
      const symbols = view.model.symbols;
      p = Object.freeze({
        name: pod.name,
        namespace: symbols.text(pod.namespace),
        labels: this.labels(pod.labels, symbols),
        annotations: pod.annotations,
        requests: podRequests(view, pod),
        priority: pod.priority,
        ownerKind: pod.owner?.kind ?? null,
        gpu: pod.gpu.count > 0 ? Object.freeze({ count: pod.gpu.count, milliPerGpu: pod.gpu.milliPerGpu }) : null,
      });
      this.pods.set(pod, p);
    }
    return p;
  }

  /** The view of `node` as `view` has it now. */
  node(view: ClusterView, node: NodeId): PluginNode {
    return new NodeRecord(view, node, this);
  }

  /** A label set as a frozen record, cached per interned set. */
  labels(set: LabelSet, symbols: SymbolTable): Readonly<Record<string, string>> {
    let r = this.labelRecords.get(set);
    if (r === undefined) {
      const o: Record<string, string> = {};
      for (let i = 0; i < set.length; i += 2) o[symbols.text(set[i] as Sym)] = symbols.text(set[i + 1] as Sym);
      r = Object.freeze(o);
      this.labelRecords.set(set, r);
    }
    return r;
  }

  /** A taint list as frozen objects, cached per interned list. */
  taints(list: TaintList, symbols: SymbolTable): readonly PluginTaint[] {
    let r = this.taintLists.get(list);
    if (r === undefined) {
      const out: PluginTaint[] = [];
      for (let i = 0; i < list.length; i += 3) {
        out.push(Object.freeze({
          key: symbols.text(list[i] as Sym),
          value: symbols.text(list[i + 1] as Sym),
          effect: effectName(list[i + 2] as Effect) as PluginTaint['effect'],
        }));
      }
      r = Object.freeze(out);
      this.taintLists.set(list, r);
    }
    return r;
  }
}

/** A node's view: each field read from the cluster view on first access. */
class NodeRecord implements PluginNode {
  private nameText: string | undefined;
  private labelRecord: Readonly<Record<string, string>> | undefined;
  private alloc: ResourceRecord | undefined;
  private req: ResourceRecord | undefined;
  private taintList: readonly PluginTaint[] | undefined;
  private gpuView: PluginGpus | null | undefined;

  constructor(private readonly view: ClusterView, private readonly id: NodeId, private readonly views: PluginViews) {}

  get name(): string {
    return (this.nameText ??= this.view.model.symbols.text(this.view.nodeName[this.id] as Sym));
  }

  get labels(): Readonly<Record<string, string>> {
    return (this.labelRecord ??= this.views.labels(this.view.nodeLabels(this.id), this.view.model.symbols));
  }

  get allocatable(): ResourceRecord {
    return (this.alloc ??= rowRecord(this.view, this.view.allocatable, this.id));
  }

  get requested(): ResourceRecord {
    return (this.req ??= rowRecord(this.view, this.view.requested, this.id));
  }

  get podCount(): number {
    return this.view.podsOn(this.id).length;
  }

  get taints(): readonly PluginTaint[] {
    return (this.taintList ??= this.views.taints(this.view.nodeTaints(this.id), this.view.model.symbols));
  }

  get unschedulable(): boolean {
    return this.view.unschedulable[this.id] === 1;
  }

  get gpus(): PluginGpus | null {
    if (this.gpuView === undefined) this.gpuView = gpusOf(this.view, this.id);
    return this.gpuView;
  }
}

/** One node row (allocatable or requested) as a record: every resource the cluster knows, 0s left out except the fixed four. */
function rowRecord(view: ClusterView, rows: Float64Array, node: NodeId): ResourceRecord {
  const dims = view.dims;
  const base = node * dims;
  const table = view.model.resources;
  const o: Record<string, number> = {};
  for (let r = 0; r < dims; r++) {
    const v = rows[base + r]!;
    if (v !== 0 || r < FIXED_SHOWN) o[table.name(r)] = v;
  }
  return Object.freeze(o);
}

/** cpu, memory, ephemeral-storage and pods appear even when 0. */
const FIXED_SHOWN = 4;

function podRequests(view: ClusterView, pod: CompiledPod): ResourceRecord {
  const table = view.model.resources;
  const o: Record<string, number> = {};
  for (let r = 0; r < pod.requests.length; r++) {
    const v = pod.requests[r]!;
    if (v !== 0 || r < FIXED_SHOWN) o[table.name(r)] = v;
  }
  return Object.freeze(o);
}

function gpusOf(view: ClusterView, node: NodeId): PluginGpus | null {
  const g = view.gpus;
  const count = node < g.count.length ? g.count[node]! : 0;
  if (count === 0) return null;
  const freeMilli: number[] = [];
  for (let i = 0; i < count; i++) freeMilli.push(g.gpuFreeMilli(node, i));
  const model = g.model[node]! as Sym;
  return Object.freeze({
    model: model === NO_SYM ? '' : view.model.symbols.text(model),
    freeMilli: Object.freeze(freeMilli),
    fullyFree: g.fullyFree[node]!,
  });
}
