import type { Sym } from '../model/ids.js';
import { NO_SYM } from '../model/ids.js';
import type { LabelSet } from '../model/labels.js';
import { labelValue } from '../model/labels.js';
import type { SymbolTable } from '../model/symbols.js';

/**
 * The order kube-scheduler's snapshot lists nodes in (internal/cache node_tree.go): nodes
 * grouped by zone (region + zone labels), zones in order of first appearance, nodes in
 * order of addition within a zone; the list takes one node from each zone in turn.
 * The feasible-node search walks this order, so with percentageOfNodesToScore < 100 the
 * nodes examined are the ones kube-scheduler would examine.
 */
export class NodeOrder {
  private readonly zones: string[] = [];
  private readonly tree = new Map<string, number[]>();
  private readonly zoneOfNode = new Map<number, string>();
  private cached: Int32Array | null = null;
  private readonly regionKeys: Sym[];
  private readonly zoneKeys: Sym[];

  constructor(private readonly symbols: SymbolTable) {
    // The deprecated beta labels win when both are present, as in GetZoneKey.
    this.regionKeys = ['failure-domain.beta.kubernetes.io/region', 'topology.kubernetes.io/region'].map((k) => symbols.intern(k));
    this.zoneKeys = ['failure-domain.beta.kubernetes.io/zone', 'topology.kubernetes.io/zone'].map((k) => symbols.intern(k));
  }

  /** Mirrors utilnode.GetZoneKey: "" without zone labels, else region ":\x00:" zone. */
  zoneKey(labels: LabelSet): string {
    const text = (s: Sym) => (s === NO_SYM ? '' : this.symbols.text(s));
    const region = text(firstLabel(labels, this.regionKeys));
    const zone = text(firstLabel(labels, this.zoneKeys));
    if (region === '' && zone === '') return '';
    return `${region}:\x00:${zone}`;
  }

  add(node: number, labels: LabelSet): void {
    const zone = this.zoneKey(labels);
    let list = this.tree.get(zone);
    if (list === undefined) {
      list = [];
      this.tree.set(zone, list);
      this.zones.push(zone);
    }
    list.push(node);
    this.zoneOfNode.set(node, zone);
    this.cached = null;
  }

  remove(node: number): void {
    const zone = this.zoneOfNode.get(node);
    if (zone === undefined) return;
    const list = this.tree.get(zone)!;
    list.splice(list.indexOf(node), 1);
    if (list.length === 0) {
      this.tree.delete(zone);
      this.zones.splice(this.zones.indexOf(zone), 1);
    }
    this.zoneOfNode.delete(node);
    this.cached = null;
  }

  /** Live nodes, zones interleaved. Cached until the next add or remove. */
  list(): Int32Array {
    if (this.cached !== null) return this.cached;
    const out = new Int32Array(this.zoneOfNode.size);
    let n = 0;
    for (let i = 0; n < out.length; i++) {
      for (const z of this.zones) {
        const list = this.tree.get(z)!;
        if (i < list.length) out[n++] = list[i]!;
      }
    }
    this.cached = out;
    return out;
  }

  get size(): number {
    return this.zoneOfNode.size;
  }
}

function firstLabel(labels: LabelSet, keys: readonly Sym[]): Sym {
  for (const k of keys) {
    const v = labelValue(labels, k);
    if (v !== NO_SYM) return v;
  }
  return NO_SYM;
}
