import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileNode } from '../model/compile-node.js';
import type { NodeId, Sym } from '../model/ids.js';
import type { LabelSelector, LabelSet } from '../model/labels.js';
import { compileLabels, compileLabelSelector, labelValue, selectorMatches } from '../model/labels.js';
import type { CompiledPod, PodAffinityTerm } from '../model/pod.js';
import { nodeJson, testCluster } from '../testing/builders.js';
import type { TestCluster } from '../testing/builders.js';
import type { ClusterState } from './cluster-state.js';
import { PREFERRED_AFFINITY, PREFERRED_ANTI_AFFINITY, REQUIRED_AFFINITY, REQUIRED_ANTI_AFFINITY } from './existing-terms.js';
import type { MatchClause, TermKind } from './pod-indexes-view.js';
import type { CountedTerm } from './term-counts.js';

// ---- generators ----------------------------------------------------------------------

const KEYS = ['zone', 'kubernetes.io/hostname', 'rack'] as const;
const nodeArb = fc.record({
  zone: fc.constantFrom('a', 'b', 'c', null),
  host: fc.boolean(),
  rack: fc.constantFrom('r1', 'r2', null),
});
type NodeGen = typeof nodeArb extends fc.Arbitrary<infer T> ? T : never;

const selectorArb = fc.oneof(
  fc.constant<unknown>(null),
  fc.constant<unknown>({}),
  fc.constantFrom('x', 'y', 'z').map((v) => ({ matchLabels: { app: v } })),
  fc.constant({ matchExpressions: [{ key: 'app', operator: 'In', values: ['x', 'y'] }] }),
  fc.constant({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }),
  fc.constant({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['x'] }] }),
  fc.constant({ matchLabels: { app: 'x' }, matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }),
);
const termArb = fc.record({
  labelSelector: selectorArb,
  namespaces: fc.constantFrom<string[] | undefined>(undefined, ['ns1'], ['ns1', 'ns2']),
  namespaceSelector: fc.constantFrom<unknown>(undefined, {}, { matchLabels: { team: 'red' } }),
  topologyKey: fc.constantFrom(...KEYS),
});
const podArb = fc.record({
  app: fc.constantFrom('x', 'y', 'z', null),
  tier: fc.constantFrom('1', '2', null),
  ns: fc.constantFrom('ns1', 'ns2'),
  terminating: fc.boolean(),
  reqAnti: fc.array(termArb, { maxLength: 2 }),
  reqAff: fc.array(termArb, { maxLength: 1 }),
  prefAff: fc.array(fc.record({ weight: fc.integer({ min: 1, max: 100 }), podAffinityTerm: termArb }), { maxLength: 2 }),
  prefAnti: fc.array(fc.record({ weight: fc.integer({ min: 1, max: 100 }), podAffinityTerm: termArb }), { maxLength: 1 }),
});
type PodGen = typeof podArb extends fc.Arbitrary<infer T> ? T : never;

const opArb = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('toggle' as const), pod: fc.nat(), node: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('relabel' as const), node: fc.nat(), labels: nodeArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('addNode' as const), labels: nodeArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('removeNode' as const), node: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('acquire' as const), sel: selectorArb, sel2: fc.option(selectorArb), ns: fc.constantFrom<string[] | null>(null, ['ns1'], ['ns2', 'ns1']), skip: fc.boolean() }) },
);

function nodeLabels(g: NodeGen, name: string): Record<string, string> {
  const l: Record<string, string> = {};
  if (g.zone !== null) l.zone = g.zone;
  if (g.host) l['kubernetes.io/hostname'] = name;
  if (g.rack !== null) l.rack = g.rack;
  return l;
}

function podSpec(g: PodGen, i: number) {
  const labels: Record<string, string> = {};
  if (g.app !== null) labels.app = g.app;
  if (g.tier !== null) labels.tier = g.tier;
  return {
    name: `p${i}`,
    namespace: g.ns,
    labels,
    spec: {
      affinity: {
        podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: g.reqAff, preferredDuringSchedulingIgnoredDuringExecution: g.prefAff },
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: g.reqAnti, preferredDuringSchedulingIgnoredDuringExecution: g.prefAnti },
      },
    },
  };
}

function compilePods(c: TestCluster, gens: readonly PodGen[]): CompiledPod[] {
  return gens.map((g, i) => {
    const p = c.pod(podSpec(g, i));
    // Terminating is a metadata fact; the sketch builder has no field for it.
    return g.terminating ? { ...p, terminating: true } : p;
  });
}

// ---- brute force ---------------------------------------------------------------------

function liveNodes(s: ClusterState): NodeId[] {
  return Array.from(s.nodeOrder()).sort((a, b) => a - b) as NodeId[];
}

function bruteMatches(s: ClusterState, clauses: readonly MatchClause[], skip: boolean, pod: CompiledPod): boolean {
  if (skip && pod.terminating) return false;
  return clauses.every((c) => (c.namespaces === null || c.namespaces.includes(pod.namespace)) && selectorMatches(c.selector, pod.labels, s.model.symbols));
}

/** Recounts a term from scratch and compares it with the index, per node and per domain. */
function checkTerm(s: ClusterState, t: CountedTerm): void {
  const per = t.nodeCounts(s.nodeCapacity);
  let total = 0;
  const byKey = new Map<Sym, Map<Sym, number>>();
  for (const n of liveNodes(s)) {
    let cnt = 0;
    for (const id of s.podsOn(n)) if (bruteMatches(s, t.clauses, t.skipTerminating, s.pod(id))) cnt++;
    expect(per[n], `perNode[${n}]`).toBe(cnt);
    total += cnt;
    for (const key of KEYS) {
      const k = s.model.symbols.intern(key);
      const v = labelValue(s.nodeLabels(n), k);
      if (v === -1) continue;
      const m = byKey.get(k) ?? new Map<Sym, number>();
      m.set(v, (m.get(v) ?? 0) + cnt);
      byKey.set(k, m);
    }
  }
  expect(t.total).toBe(total);
  const { ids, count } = t.nodesWithMatches();
  const nonzero = liveNodes(s).filter((n) => per[n]! > 0);
  expect(Array.from(ids.subarray(0, count)).sort((a, b) => a - b)).toEqual(nonzero);
  for (const key of KEYS) {
    const k = s.model.symbols.intern(key);
    const kd = s.podIndexes.domains.forKey(k);
    const tally = t.tally(kd);
    const want = byKey.get(k) ?? new Map<Sym, number>();
    let keyed = 0;
    for (let d = 0; d < kd.count; d++) {
      expect(tally.counts[d], `${key}=${s.model.symbols.text(kd.values[d]!)}`).toBe(want.get(kd.values[d]!) ?? 0);
      keyed += tally.counts[d]!;
    }
    expect(tally.total).toBe(keyed);
  }
}

/** Checks the domain index of every key against the node labels. */
function checkDomains(s: ClusterState): void {
  for (const key of KEYS) {
    const k = s.model.symbols.intern(key);
    const kd = s.podIndexes.domains.forKey(k);
    const nodesIn = new Map<Sym, number>();
    let withKey = 0;
    for (const n of liveNodes(s)) {
      const v = labelValue(s.nodeLabels(n), k);
      const d = kd.domainOf[n]!;
      if (v === -1) {
        expect(d).toBe(-1);
        continue;
      }
      expect(kd.values[d]).toBe(v);
      nodesIn.set(v, (nodesIn.get(v) ?? 0) + 1);
      withKey++;
    }
    expect(kd.nodesWithKey).toBe(withKey);
    expect(kd.liveDomains).toBe(nodesIn.size);
    for (let d = 0; d < kd.count; d++) expect(kd.nodesIn[d]).toBe(nodesIn.get(kd.values[d]!) ?? 0);
  }
}

function kindTerms(p: CompiledPod, kind: TermKind): { term: PodAffinityTerm; weight: number }[] {
  switch (kind) {
    case REQUIRED_ANTI_AFFINITY: return p.antiAffinityRequired.map((term) => ({ term, weight: 1 }));
    case REQUIRED_AFFINITY: return p.affinityRequired.map((term) => ({ term, weight: 1 }));
    case PREFERRED_AFFINITY: return p.affinityPreferred.map((w) => ({ term: w.term, weight: w.weight }));
    case PREFERRED_ANTI_AFFINITY: return p.antiAffinityPreferred.map((w) => ({ term: w.term, weight: w.weight }));
    default: throw new Error('kind');
  }
}

/**
 * Existing pods' terms of one kind that match `incoming`, as summed weights per
 * (topology key, value), the way kube walks every pod; compared with the groups.
 */
function checkExisting(s: ClusterState, incoming: CompiledPod, nsLabels: LabelSet): void {
  const symbols = s.model.symbols;
  for (const kind of [REQUIRED_ANTI_AFFINITY, REQUIRED_AFFINITY, PREFERRED_AFFINITY, PREFERRED_ANTI_AFFINITY] as const) {
    const want = new Map<string, number>();
    for (const n of liveNodes(s)) {
      for (const id of s.podsOn(n)) {
        for (const { term, weight } of kindTerms(s.pod(id), kind)) {
          const nsOk = term.namespaces.includes(incoming.namespace) || selectorMatches(term.namespaceSelector, nsLabels, symbols);
          if (!nsOk || !selectorMatches(term.selector, incoming.labels, symbols)) continue;
          const v = labelValue(s.nodeLabels(n), term.topologyKey);
          if (v === -1) continue;
          const k = `${term.topologyKey}=${v}`;
          want.set(k, (want.get(k) ?? 0) + weight);
        }
      }
    }
    const got = new Map<string, number>();
    const groups: Parameters<ClusterState['podIndexes']['existing']['matching']>[3] = [];
    s.podIndexes.existing.matching(kind, incoming, nsLabels, groups);
    for (const g of groups) {
      const sums = g.synced();
      for (let d = 0; d < g.domains.count; d++) {
        if (sums[d] === 0) continue;
        const k = `${g.domains.key}=${g.domains.values[d]}`;
        got.set(k, (got.get(k) ?? 0) + sums[d]!);
      }
    }
    for (const [k, v] of [...got]) if (v === 0) got.delete(k);
    expect(Object.fromEntries(got), `kind ${kind}`).toEqual(Object.fromEntries(want));
  }
}

// ---- the property --------------------------------------------------------------------

describe('PodIndexes', () => {
  it('match a brute-force recount after every bind, unbind, relabel and node change', () => {
    fc.assert(fc.property(
      fc.array(nodeArb, { minLength: 1, maxLength: 6 }),
      fc.array(podArb, { minLength: 1, maxLength: 12 }),
      fc.array(opArb, { maxLength: 40 }),
      fc.boolean(),
      (nodeGens, podGens, ops, early) => {
        const c = testCluster(nodeGens.map((g, i) => ({ name: `n${i}`, labels: nodeLabels(g, `n${i}`) })));
        const s = c.state;
        const symbols = c.model.symbols;
        s.setNamespace(symbols.intern('ns1'), compileLabels({ team: 'red' }, symbols));
        s.setNamespace(symbols.intern('ns2'), compileLabels({ team: 'blue' }, symbols));
        const pods = compilePods(c, podGens);
        // Half the runs build the indexes before any pod is bound, half after some are.
        if (early) void s.podIndexes;
        const terms: CountedTerm[] = [];
        let nextNode = nodeGens.length;
        const fail = (): never => { throw new Error('bad selector'); };
        const sel = (raw: unknown): LabelSelector => compileLabelSelector(raw as never, symbols, fail);
        for (const o of ops) {
          const live = liveNodes(s);
          switch (o.op) {
            case 'toggle': {
              const p = pods[o.pod % pods.length]!;
              const at = s.nodeOf(p.id);
              if (at !== -1) s.unbind(p, at);
              else if (live.length > 0) s.bind(p, live[o.node % live.length]!);
              break;
            }
            case 'relabel':
              if (live.length > 0) {
                const n = live[o.node % live.length]!;
                s.setLabels(n, compileLabels(nodeLabels(o.labels, symbols.text(s.nodeName[n] as Sym)), symbols));
              }
              break;
            case 'addNode': {
              const name = `n${nextNode++}`;
              s.addNode(compileNode(nodeJson({ name, labels: nodeLabels(o.labels, name) }), c.model));
              break;
            }
            case 'removeNode':
              if (live.length > 1) s.removeNode(live[o.node % live.length]!);
              break;
            case 'acquire': {
              const ns = o.ns === null ? null : Int32Array.from(o.ns, (n) => symbols.intern(n));
              const clauses: MatchClause[] = [{ selector: sel(o.sel), namespaces: ns }];
              if (o.sel2 !== null) clauses.push({ selector: sel(o.sel2), namespaces: null });
              terms.push(s.podIndexes.terms.acquire(clauses, o.skip));
              break;
            }
          }
          checkDomains(s);
          for (const t of terms) checkTerm(s, t);
          for (const p of pods.slice(0, 3)) checkExisting(s, p, s.namespaceLabels(p.namespace));
        }
        // Unbinding everything empties every count and group: bind and unbind are inverses.
        for (const p of pods) {
          const at = s.nodeOf(p.id);
          if (at !== -1) s.unbind(p, at);
        }
        for (const t of terms) expect(t.total).toBe(0);
        expect(s.podIndexes.existing.size).toBe(0);
      },
    ), { numRuns: 150 });
  });

  it('podsSelectedBy lists the bound pods of a namespace a selector matches', () => {
    const c = testCluster([{ name: 'n0' }, { name: 'n1' }]);
    const a = c.bound({ name: 'a', namespace: 'ns1', labels: { app: 'web' }, nodeName: 'n0' });
    c.bound({ name: 'b', namespace: 'ns2', labels: { app: 'web' }, nodeName: 'n1' });
    const d = c.bound({ name: 'd', namespace: 'ns1', labels: { app: 'web', tier: 'x' }, nodeName: 'n1' });
    c.bound({ name: 'e', namespace: 'ns1', labels: { app: 'db' }, nodeName: 'n1' });
    const symbols = c.model.symbols;
    const sel = compileLabelSelector({ matchLabels: { app: 'web' } }, symbols, () => { throw new Error(); });
    expect(c.state.podIndexes.podsSelectedBy(symbols.intern('ns1'), sel)).toEqual([a.id, d.id]);
  });
});
