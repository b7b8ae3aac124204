import type { NodeId, Sym } from '../model/ids.js';
import { NO_SYM } from '../model/ids.js';
import type { ClusterView } from './cluster-view.js';
import type { KeyDomainsView, TopologyDomainsView } from './pod-indexes-view.js';

/**
 * The topology domains of one label key: each distinct value of the key among nodes gets
 * a dense domain id (0, 1, ...) the first time it is seen, so counts per domain live in
 * typed arrays indexed by domain id. Ids are never reused; a domain whose nodes all left
 * keeps its id with nodesIn = 0.
 */
export class KeyDomains implements KeyDomainsView {
  /** Domain id per node id; -1 when the node lacks the key or is not live. */
  domainOf: Int32Array;
  /** The label value of each domain id. */
  readonly values: Sym[] = [];
  /** Live nodes per domain id. */
  nodesIn: Int32Array = new Int32Array(8);
  /** Domains with at least one live node. */
  liveDomains = 0;
  /** Live nodes that have the key. */
  nodesWithKey = 0;
  /**
   * The domain of the value "", created with the key: kube reads a missing label as ""
   * (PodTopologySpread counts nodes lacking the key there when it does not require every
   * key), so that domain must exist before any reader asks, and reading never creates one.
   */
  readonly emptyDomain: number;
  private readonly idOf = new Map<Sym, number>();

  constructor(readonly key: Sym, nodeCapacity: number, emptyValue: Sym) {
    this.domainOf = new Int32Array(Math.max(1, nodeCapacity)).fill(-1);
    this.emptyDomain = this.domainIdOf(emptyValue);
  }

  /** Domain ids handed out so far (arrays indexed by domain id need this length). */
  get count(): number {
    return this.values.length;
  }

  /** The domain id of a label value, creating it (with no nodes) when new. */
  private domainIdOf(value: Sym): number {
    let d = this.idOf.get(value);
    if (d === undefined) {
      d = this.values.length;
      this.values.push(value);
      this.idOf.set(value, d);
      if (d >= this.nodesIn.length) this.nodesIn = grownI32(this.nodesIn, d + 1, 0);
    }
    return d;
  }

  /** The domain id of a value if it has one, else -1 (never creates). */
  lookup(value: Sym): number {
    return this.idOf.get(value) ?? -1;
  }

  /** Records a live node with value `value` (NO_SYM: the node lacks the key). */
  addNode(node: NodeId, value: Sym): void {
    if (node >= this.domainOf.length) this.domainOf = grownI32(this.domainOf, node + 1, -1);
    if (value === NO_SYM) {
      this.domainOf[node] = -1;
      return;
    }
    const d = this.domainIdOf(value);
    this.domainOf[node] = d;
    if (this.nodesIn[d]++ === 0) this.liveDomains++;
    this.nodesWithKey++;
  }

  /** Forgets a node (before its labels change or it leaves). */
  removeNode(node: NodeId): void {
    if (node >= this.domainOf.length) return;
    const d = this.domainOf[node]!;
    if (d < 0) return;
    this.domainOf[node] = -1;
    if (--this.nodesIn[d] === 0) this.liveDomains--;
    this.nodesWithKey--;
  }
}

/**
 * Per topology key, the domain of every node (see KeyDomains). A key is indexed the first
 * time someone asks for it (one pass over the live nodes); from then on node additions,
 * removals and label changes keep it current. Fed by PodIndexes' ClusterListener calls.
 */
export class TopologyDomains implements TopologyDomainsView {
  private readonly byKey = new Map<Sym, KeyDomains>();
  private readonly emptyValue: Sym;

  constructor(private readonly view: ClusterView) {
    this.emptyValue = view.model.symbols.intern('');
  }

  /** The domains of `key`, indexing it on first use. */
  forKey(key: Sym): KeyDomains {
    let kd = this.byKey.get(key);
    if (kd === undefined) {
      kd = new KeyDomains(key, this.view.nodeCapacity, this.emptyValue);
      const col = this.view.labelColumn(key);
      const order = this.view.nodeOrder();
      // Node ids ascending, so domain ids follow node ids rather than the zone-interleaved order.
      const ids = Int32Array.from(order).sort();
      for (let i = 0; i < ids.length; i++) {
        const n = ids[i] as NodeId;
        kd.addNode(n, col === null ? NO_SYM : (col[n] as Sym));
      }
      this.byKey.set(key, kd);
    }
    return kd;
  }

  /** Indexes a node that just became live (or whose new labels are in place). */
  nodeAdded(node: NodeId): void {
    for (const kd of this.byKey.values()) {
      const col = this.view.labelColumn(kd.key);
      kd.addNode(node, col === null ? NO_SYM : (col[node] as Sym));
    }
  }

  /** Drops a node from every indexed key (before it leaves or its labels change). */
  nodeRemoved(node: NodeId): void {
    for (const kd of this.byKey.values()) kd.removeNode(node);
  }
}

/** A copy of `a` with length at least `min` (doubling), new slots set to `fill`. */
export function grownI32(a: Int32Array, min: number, fill: number): Int32Array {
  let cap = Math.max(1, a.length);
  while (cap < min) cap *= 2;
  const b = new Int32Array(cap);
  if (fill !== 0) b.fill(fill);
  b.set(a);
  return b;
}
