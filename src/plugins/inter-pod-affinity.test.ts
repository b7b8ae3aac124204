import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterView } from '../cluster/cluster-view.js';
import { buildFramework } from '../framework/framework.js';
import { ProfileError } from '../framework/profile-error.js';
import { Scheduler } from '../framework/scheduler.js';
import type { CycleContext, NodeList, Plugin, PluginFactory, StatusCode } from '../framework/types.js';
import { Rejection, SKIP } from '../framework/types.js';
import { verdictStatus } from '../framework/verdict.js';
import { Rng } from '../generators/rng.js';
import type { NodeId, Sym } from '../model/ids.js';
import { NO_SYM } from '../model/ids.js';
import type { LabelSelector } from '../model/labels.js';
import { compileLabels, labelValue, selectorMatches } from '../model/labels.js';
import type { CompiledPod, PodAffinityTerm } from '../model/pod.js';
import type { NodeSketch, TestCluster } from '../testing/builders.js';
import { testCluster } from '../testing/builders.js';
import { create, NAME } from './inter-pod-affinity.js';

const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

// ---- harness (the conformance harness' steps, on a TestCluster) ----------------------

function filterAll(c: TestCluster, plugin: Plugin, pod: CompiledPod): Record<string, StatusCode> {
  const cx: CycleContext = { view: c.state };
  const pre = plugin.preFilter!(cx, pod);
  const out: Record<string, StatusCode> = {};
  for (const n of c.nodes) {
    const node = c.state.nodeByName(n.name) as NodeId;
    const name = c.model.symbols.text(n.name);
    if (pre === SKIP) out[name] = 'Success';
    else if (pre instanceof Rejection) out[name] = pre.unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
    else out[name] = verdictStatus(plugin, plugin.filter!(cx, pod, node, pre));
  }
  return out;
}

function scoreAll(c: TestCluster, plugin: Plugin, pod: CompiledPod, names?: readonly string[]): Record<string, number> | 'Skip' {
  const cx: CycleContext = { view: c.state };
  const list = names ?? c.nodes.map((n) => c.model.symbols.text(n.name));
  const ids = Int32Array.from(list, (n) => c.state.nodeByName(c.model.symbols.intern(n)));
  const fl: NodeList = { ids, count: ids.length };
  const pre = plugin.preScore!(cx, pod, fl);
  if (pre === SKIP) return 'Skip';
  const scores = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) scores[i] = plugin.score!(cx, pod, ids[i] as NodeId, pre);
  plugin.normalize!(cx, pod, fl, scores, pre);
  return Object.fromEntries(list.map((n, i) => [n, scores[i]!]));
}

const zoned = (name: string, zone?: string): NodeSketch => ({
  name, labels: { [HOST]: name, ...(zone === undefined ? {} : { [ZONE]: zone }) },
});
const term = (selector: unknown, topologyKey: string, more: Record<string, unknown> = {}) => ({ labelSelector: selector, topologyKey, ...more });
const app = (a: string) => ({ matchLabels: { app: a } });

// ---- named cases -----------------------------------------------------------------------

describe('InterPodAffinity named cases', () => {
  it('skips PreFilter and PreScore when neither the pod nor any existing pod has terms', () => {
    const c = testCluster([zoned('n1', 'a')]);
    c.bound({ name: 'e', namespace: 'ns', labels: { app: 'db' }, nodeName: 'n1' });
    const p = create({}, { model: c.model });
    const pod = c.pod({ namespace: 'ns', labels: { app: 'web' } });
    expect(p.preFilter!({ view: c.state }, pod)).toBe(SKIP);
    expect(scoreAll(c, p, pod)).toBe('Skip');
  });

  it('lets the first pod of a self-affine group go to any node that has the key', () => {
    // satisfyPodAffinity: no pod matches anywhere and the pod matches its own term.
    const c = testCluster([zoned('n1', 'a'), zoned('n2', 'b'), zoned('n3')]);
    const p = create({}, { model: c.model });
    const pod = c.pod({ namespace: 'ns', labels: { app: 'web' }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(app('web'), ZONE)] } } } });
    expect(filterAll(c, p, pod)).toEqual({ n1: 'Success', n2: 'Success', n3: 'UnschedulableAndUnresolvable' });
    // A pod that does not match its own term gets no such pass.
    const other = c.pod({ namespace: 'ns', labels: { app: 'api' }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(app('web'), ZONE)] } } } });
    expect(filterAll(c, p, other)).toEqual({ n1: 'UnschedulableAndUnresolvable', n2: 'UnschedulableAndUnresolvable', n3: 'UnschedulableAndUnresolvable' });
  });

  it('still counts as the first pod when the only matching pods sit on nodes without the key', () => {
    // affinityCounts only gets entries for nodes that have the term's topology key.
    const c = testCluster([zoned('n1', 'a'), zoned('n2')]);
    c.bound({ name: 'e', namespace: 'ns', labels: { app: 'web' }, nodeName: 'n2' });
    const p = create({}, { model: c.model });
    const pod = c.pod({ namespace: 'ns', labels: { app: 'web' }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(app('web'), ZONE)] } } } });
    expect(filterAll(c, p, pod)).toEqual({ n1: 'Success', n2: 'UnschedulableAndUnresolvable' });
  });

  it('counts terminating pods (unlike PodTopologySpread)', () => {
    const c = testCluster([zoned('n1', 'a'), zoned('n2', 'b')]);
    const e = c.pod({ name: 'e', namespace: 'ns', labels: { app: 'web' } });
    c.state.bind({ ...e, terminating: true }, c.state.nodeByName(c.model.symbols.intern('n1')) as NodeId);
    const p = create({}, { model: c.model });
    const pod = c.pod({ namespace: 'ns', labels: { app: 'api' }, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(app('web'), ZONE)] } } } });
    expect(filterAll(c, p, pod)).toEqual({ n1: 'Unschedulable', n2: 'Success' });
  });

  it('unrolls a namespaceSelector over the known namespaces; {} means every namespace', () => {
    const c = testCluster([zoned('n1', 'a'), zoned('n2', 'b'), zoned('n3', 'c')]);
    const s = c.model.symbols;
    c.state.setNamespace(s.intern('red1'), compileLabels({ team: 'red' }, s));
    c.state.setNamespace(s.intern('blue'), compileLabels({ team: 'blue' }, s));
    c.bound({ name: 'e1', namespace: 'red1', labels: { app: 'web' }, nodeName: 'n1' });
    c.bound({ name: 'e2', namespace: 'blue', labels: { app: 'web' }, nodeName: 'n2' });
    // 'ghost' has no Namespace object: a selector cannot pick it, {} still does.
    c.bound({ name: 'e3', namespace: 'ghost', labels: { app: 'web' }, nodeName: 'n3' });
    const p = create({}, { model: c.model });
    const anti = (nsSel: unknown) => c.pod({ namespace: 'blue', labels: { app: 'api' }, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(app('web'), ZONE, { namespaceSelector: nsSel })] } } } });
    expect(filterAll(c, p, anti({ matchLabels: { team: 'red' } }))).toEqual({ n1: 'Unschedulable', n2: 'Success', n3: 'Success' });
    expect(filterAll(c, p, anti({}))).toEqual({ n1: 'Unschedulable', n2: 'Unschedulable', n3: 'Unschedulable' });
    expect(filterAll(c, p, anti({ matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }))).toEqual({ n1: 'Success', n2: 'Success', n3: 'Success' });
  });

  it('honours an existing pod\'s anti-affinity whose namespaceSelector matches the incoming namespace', () => {
    const c = testCluster([zoned('n1', 'a'), zoned('n2', 'b')]);
    const s = c.model.symbols;
    c.state.setNamespace(s.intern('red1'), compileLabels({ team: 'red' }, s));
    c.bound({ name: 'e', namespace: 'other', labels: { app: 'db' }, nodeName: 'n1', spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(app('web'), ZONE, { namespaceSelector: { matchLabels: { team: 'red' } } })] } } } });
    const p = create({}, { model: c.model });
    expect(filterAll(c, p, c.pod({ namespace: 'red1', labels: { app: 'web' } }))).toEqual({ n1: 'Unschedulable', n2: 'Success' });
    expect(filterAll(c, p, c.pod({ namespace: 'blue', labels: { app: 'web' } }))).toEqual({ n1: 'Success', n2: 'Success' });
  });

  it('weights existing pods\' required affinity by hardPodAffinityWeight', () => {
    // n1's pod requires app=web in its zone: zone a gets weight w. Normalized: a 100, b 0.
    const c = testCluster([zoned('n1', 'a'), zoned('n2', 'a'), zoned('n3', 'b')]);
    c.bound({ name: 'e', namespace: 'ns', labels: { app: 'db' }, nodeName: 'n1', spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(app('web'), ZONE)] } } } });
    const pod = c.pod({ namespace: 'ns', labels: { app: 'web' } });
    expect(scoreAll(c, create({}, { model: c.model }), pod)).toEqual({ n1: 100, n2: 100, n3: 0 });
    expect(scoreAll(c, create({ hardPodAffinityWeight: 0 }, { model: c.model }), pod)).toBe('Skip');
    expect(scoreAll(c, create({ ignorePreferredTermsOfExistingPods: true }, { model: c.model }), pod)).toBe('Skip');
  });

  it('combines preferred terms both ways and min-max normalizes', () => {
    // Incoming: prefers app=db in its zone (weight 10), avoids app=cache on its host (5).
    // Existing: db on n1 (zone a); cache on n2 (zone a), which avoids app=web by zone (3).
    // Raw: n1 10-3 = 7, n2 10-5-3 = 2, n3 0. Normalized 100*(s-0)/7: 100, 28, 0.
    const c = testCluster([zoned('n1', 'a'), zoned('n2', 'a'), zoned('n3', 'b')]);
    c.bound({ name: 'db', namespace: 'ns', labels: { app: 'db' }, nodeName: 'n1' });
    c.bound({ name: 'cache', namespace: 'ns', labels: { app: 'cache' }, nodeName: 'n2', spec: { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 3, podAffinityTerm: term(app('web'), ZONE) }] } } } });
    const pod = c.pod({ namespace: 'ns', labels: { app: 'web' }, spec: { affinity: {
      podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term(app('db'), ZONE) }] },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: term(app('cache'), HOST) }] },
    } } });
    expect(scoreAll(c, create({}, { model: c.model }), pod)).toEqual({ n1: 100, n2: 28, n3: 0 });
  });

  it('normalizes in float64 as kube does: 100 * (29 / 100) truncates to 28', () => {
    // Raw n1 29, n2 100, n3 0; float64(100) * (29.0 / 100.0) = 28.999999999999996.
    const c = testCluster([zoned('n1', 'a'), zoned('n2', 'a'), zoned('n3', 'b')]);
    c.bound({ name: 'a', namespace: 'ns', labels: { app: 'a' }, nodeName: 'n1' });
    c.bound({ name: 'b', namespace: 'ns', labels: { app: 'b' }, nodeName: 'n2' });
    const pod = c.pod({ namespace: 'ns', labels: { app: 'web' }, spec: { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 29, podAffinityTerm: term(app('a'), HOST) }, { weight: 100, podAffinityTerm: term(app('b'), HOST) },
    ] } } } });
    expect(scoreAll(c, create({}, { model: c.model }), pod)).toEqual({ n1: 28, n2: 100, n3: 0 });
  });

  it('rejects invalid args', () => {
    const c = testCluster([]);
    for (const [args, path] of [[{ hardPodAffinityWeight: 101 }, 'hardPodAffinityWeight'], [{ hardPodAffinityWeight: -1 }, 'hardPodAffinityWeight'], [{ hardPodAffinityWeigh: 1 }, 'hardPodAffinityWeigh']] as const) {
      let err: unknown = null;
      try { create(args, { model: c.model }); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(ProfileError);
      expect((err as ProfileError).path).toBe(path);
    }
  });
});

// ---- a literal reference: kube's maps of topology pairs, pod by pod -------------------

interface MergedTerm {
  readonly selector: LabelSelector;
  /** null: the namespaceSelector was {} (every namespace). */
  readonly namespaces: Set<Sym> | null;
  readonly key: Sym;
}

function merge(v: ClusterView, t: PodAffinityTerm): MergedTerm {
  const sel = t.namespaceSelector;
  if (!sel.nothing && sel.requirements.length === 0) return { selector: t.selector, namespaces: null, key: t.topologyKey };
  const ns = new Set<Sym>(Array.from(t.namespaces) as Sym[]);
  if (!sel.nothing) for (const n of v.namespaces()) if (selectorMatches(sel, v.namespaceLabels(n), v.model.symbols)) ns.add(n);
  return { selector: t.selector, namespaces: ns, key: t.topologyKey };
}

function mergedMatches(v: ClusterView, t: MergedTerm, p: CompiledPod): boolean {
  return (t.namespaces === null || t.namespaces.has(p.namespace)) && selectorMatches(t.selector, p.labels, v.model.symbols);
}

/** framework.AffinityTerm.Matches for an existing pod's term against the incoming pod. */
function existingMatches(v: ClusterView, t: PodAffinityTerm, incoming: CompiledPod): boolean {
  const symbols = v.model.symbols;
  const nsOk = t.namespaces.includes(incoming.namespace) || selectorMatches(t.namespaceSelector, v.namespaceLabels(incoming.namespace), symbols);
  return nsOk && selectorMatches(t.selector, incoming.labels, symbols);
}

const pair = (k: Sym, val: Sym) => `${k}=${val}`;
function bump(m: Map<string, number>, v: ClusterView, n: NodeId, key: Sym, by: number): void {
  const val = labelValue(v.nodeLabels(n), key);
  if (val === NO_SYM) return;
  m.set(pair(key, val), (m.get(pair(key, val)) ?? 0) + by);
}
const nodesOf = (v: ClusterView) => Array.from(v.nodeOrder()) as NodeId[];

function refFilter(v: ClusterView, pod: CompiledPod, node: NodeId): StatusCode {
  const aff = pod.affinityRequired.map((t) => merge(v, t));
  const anti = pod.antiAffinityRequired.map((t) => merge(v, t));
  const existing = new Map<string, number>();
  const affCounts = new Map<string, number>();
  const antiCounts = new Map<string, number>();
  for (const n of nodesOf(v)) {
    for (const id of v.podsOn(n)) {
      const p = v.pod(id);
      for (const t of p.antiAffinityRequired) if (existingMatches(v, t, pod)) bump(existing, v, n, t.topologyKey, 1);
      if (aff.length > 0 && aff.every((t) => mergedMatches(v, t, p))) for (const t of aff) bump(affCounts, v, n, t.key, 1);
      for (const t of anti) if (mergedMatches(v, t, p)) bump(antiCounts, v, n, t.key, 1);
    }
  }
  if (existing.size === 0 && aff.length === 0 && anti.length === 0) return 'Success';
  const labels = v.nodeLabels(node);
  let podsExist = true;
  for (const t of aff) {
    const val = labelValue(labels, t.key);
    if (val === NO_SYM) return 'UnschedulableAndUnresolvable';
    if ((affCounts.get(pair(t.key, val)) ?? 0) <= 0) podsExist = false;
  }
  if (!podsExist && !(affCounts.size === 0 && aff.every((t) => mergedMatches(v, t, pod)))) return 'UnschedulableAndUnresolvable';
  for (const t of anti) {
    const val = labelValue(labels, t.key);
    if (val !== NO_SYM && (antiCounts.get(pair(t.key, val)) ?? 0) > 0) return 'Unschedulable';
  }
  for (let i = 0; i < labels.length; i += 2) {
    if ((existing.get(pair(labels[i] as Sym, labels[i + 1] as Sym)) ?? 0) > 0) return 'Unschedulable';
  }
  return 'Success';
}

function refScore(v: ClusterView, pod: CompiledPod, cands: readonly NodeId[], hard: number, ignorePreferred: boolean): number[] | 'Skip' {
  if (cands.length === 0) return 'Skip';
  const has = pod.affinityPreferred.length > 0 || pod.antiAffinityPreferred.length > 0;
  if (ignorePreferred && !has) return 'Skip';
  const prefAff = pod.affinityPreferred.map((w) => ({ w: w.weight, t: merge(v, w.term) }));
  const prefAnti = pod.antiAffinityPreferred.map((w) => ({ w: w.weight, t: merge(v, w.term) }));
  const topo = new Map<string, number>();
  let touched = false;
  const add = (n: NodeId, key: Sym, by: number) => {
    if (labelValue(v.nodeLabels(n), key) === NO_SYM) return;
    touched = true;
    bump(topo, v, n, key, by);
  };
  for (const n of nodesOf(v)) {
    if (v.nodeLabels(n).length === 0) continue;
    for (const id of v.podsOn(n)) {
      const p = v.pod(id);
      for (const { w, t } of prefAff) if (mergedMatches(v, t, p)) add(n, t.key, w);
      for (const { w, t } of prefAnti) if (mergedMatches(v, t, p)) add(n, t.key, -w);
      if (hard > 0) for (const t of p.affinityRequired) if (existingMatches(v, t, pod)) add(n, t.topologyKey, hard);
      for (const w of p.affinityPreferred) if (existingMatches(v, w.term, pod)) add(n, w.term.topologyKey, w.weight);
      for (const w of p.antiAffinityPreferred) if (existingMatches(v, w.term, pod)) add(n, w.term.topologyKey, -w.weight);
    }
  }
  if (!touched) return 'Skip';
  const raw = cands.map((n) => {
    const labels = v.nodeLabels(n);
    let s = 0;
    for (let i = 0; i < labels.length; i += 2) s += topo.get(pair(labels[i] as Sym, labels[i + 1] as Sym)) ?? 0;
    return s;
  });
  const max = Math.max(...raw);
  const min = Math.min(...raw);
  return raw.map((s) => (max - min > 0 ? Math.trunc(100 * ((s - min) / (max - min))) : 0));
}

// ---- random clusters -------------------------------------------------------------------

const KEYS = [ZONE, HOST, 'rack'] as const;
const selectorArb = fc.oneof(
  fc.constant<unknown>(null),
  fc.constant<unknown>({}),
  fc.constantFrom('x', 'y', 'z').map((a) => app(a)),
  fc.constant({ matchExpressions: [{ key: 'app', operator: 'In', values: ['x', 'y'] }] }),
  fc.constant({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }),
  fc.constant({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['x'] }] }),
);
const termArb = fc.record({
  labelSelector: selectorArb,
  namespaces: fc.constantFrom<string[] | undefined>(undefined, ['ns1'], ['ns1', 'ns3']),
  namespaceSelector: fc.constantFrom<unknown>(undefined, {}, { matchLabels: { team: 'red' } }, { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }),
  topologyKey: fc.constantFrom(...KEYS),
  matchLabelKeys: fc.constantFrom<string[] | undefined>(undefined, ['tier']),
});
const weightedArb = fc.record({ weight: fc.integer({ min: 1, max: 100 }), podAffinityTerm: termArb });
const podArb = fc.record({
  app: fc.constantFrom('x', 'y', 'z', null),
  tier: fc.constantFrom('1', '2', null),
  ns: fc.constantFrom('ns1', 'ns2', 'ns3'),
  terminating: fc.boolean(),
  reqAff: fc.oneof(fc.constant([]), fc.array(termArb, { maxLength: 2 })),
  reqAnti: fc.oneof(fc.constant([]), fc.array(termArb, { maxLength: 2 })),
  prefAff: fc.oneof(fc.constant([]), fc.array(weightedArb, { maxLength: 2 })),
  prefAnti: fc.oneof(fc.constant([]), fc.array(weightedArb, { maxLength: 2 })),
});
const nodeArb = fc.record({
  zone: fc.constantFrom('a', 'b', null),
  host: fc.constantFrom(true, true, false),
  rack: fc.constantFrom('r1', 'r2', null),
});
type PodGen = typeof podArb extends fc.Arbitrary<infer T> ? T : never;
type NodeGen = typeof nodeArb extends fc.Arbitrary<infer T> ? T : never;

function nodeSketch(g: NodeGen, i: number): NodeSketch {
  const labels: Record<string, string> = {};
  if (g.zone !== null) labels[ZONE] = g.zone;
  if (g.host) labels[HOST] = `n${i}`;
  if (g.rack !== null) labels.rack = g.rack;
  return { name: `n${i}`, labels };
}

function compilePod(c: TestCluster, g: PodGen, name: string): CompiledPod {
  const labels: Record<string, string> = {};
  if (g.app !== null) labels.app = g.app;
  if (g.tier !== null) labels.tier = g.tier;
  const p = c.pod({
    name, namespace: g.ns, labels,
    spec: { affinity: {
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: g.reqAff, preferredDuringSchedulingIgnoredDuringExecution: g.prefAff },
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: g.reqAnti, preferredDuringSchedulingIgnoredDuringExecution: g.prefAnti },
    } },
  });
  return g.terminating ? { ...p, terminating: true } : p;
}

function cluster(nodes: readonly NodeGen[]): TestCluster {
  const c = testCluster(nodes.map(nodeSketch));
  const s = c.model.symbols;
  c.state.setNamespace(s.intern('ns1'), compileLabels({ team: 'red' }, s));
  c.state.setNamespace(s.intern('ns2'), compileLabels({ team: 'blue' }, s));
  return c;
}

const ARGS = [{}, { hardPodAffinityWeight: 0 }, { hardPodAffinityWeight: 7, ignorePreferredTermsOfExistingPods: true }] as const;

describe('InterPodAffinity against a literal port of kube\'s algorithm', () => {
  it('gives the same Filter statuses and normalized scores on random clusters, before and after changes', () => {
    fc.assert(fc.property(
      fc.array(nodeArb, { minLength: 1, maxLength: 6 }),
      fc.array(fc.record({ pod: podArb, node: fc.nat() }), { maxLength: 10 }),
      podArb,
      fc.integer({ min: 0, max: ARGS.length - 1 }),
      fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      fc.array(fc.nat(), { maxLength: 5 }),
      (nodes, existing, inc, argIdx, candMask, toggles) => {
        const c = cluster(nodes);
        const bound = existing.map((e, i) => {
          const p = compilePod(c, e.pod, `e${i}`);
          c.state.bind(p, (e.node % nodes.length) as NodeId);
          return p;
        });
        const args = ARGS[argIdx]!;
        const plugin = create(args, { model: c.model });
        const pod = compilePod(c, inc, 'incoming');
        const hard = 'hardPodAffinityWeight' in args ? args.hardPodAffinityWeight : 1;
        const ignore = 'ignorePreferredTermsOfExistingPods' in args;
        const check = () => {
          const got = filterAll(c, plugin, pod);
          for (const n of c.nodes) {
            const name = c.model.symbols.text(n.name);
            expect(got[name], `filter ${name}`).toBe(refFilter(c.state, pod, c.state.nodeByName(n.name) as NodeId));
          }
          const cands = c.nodes.filter((_, i) => candMask[i]).map((n) => c.model.symbols.text(n.name));
          const want = refScore(c.state, pod, cands.map((n) => c.state.nodeByName(c.model.symbols.intern(n)) as NodeId), hard, ignore);
          const gotScores = scoreAll(c, plugin, pod, cands);
          expect(gotScores === 'Skip' ? 'Skip' : cands.map((n) => gotScores[n])).toEqual(want);
        };
        check();
        for (const t of toggles) {
          if (bound.length === 0) break;
          const p = bound[t % bound.length]!;
          const at = c.state.nodeOf(p.id);
          if (at !== -1) c.state.unbind(p, at);
          else c.state.bind(p, (t % nodes.length) as NodeId);
        }
        check();
      },
    ), { numRuns: 400 });
  });
});

// ---- scheduling invariants -------------------------------------------------------------

describe('InterPodAffinity in a scheduling loop', () => {
  it('binds no pod against a required anti-affinity, and every pod with required affinity next to a match or first', () => {
    fc.assert(fc.property(
      fc.array(nodeArb, { minLength: 2, maxLength: 8 }),
      fc.array(podArb, { minLength: 1, maxLength: 16 }),
      fc.integer({ min: 1, max: 1000 }),
      (nodes, pods, seed) => {
        const c = cluster(nodes);
        const registry = new Map<string, PluginFactory>([[NAME, create]]);
        const fw = buildFramework({ name: 't', filter: [NAME], score: [{ name: NAME, weight: 2 }] }, registry, c.model);
        const s = new Scheduler(fw, Rng.fromSeed(seed));
        const v = c.state;
        pods.forEach((g, i) => {
          const pod = compilePod(c, g, `p${i}`);
          const firstOfGroup = nodesOf(v).every((n) => v.podsOn(n).every((id) => {
            const p = v.pod(id);
            const terms = pod.affinityRequired.map((t) => merge(v, t));
            return !(terms.every((t) => mergedMatches(v, t, p)) && terms.some((t) => labelValue(v.nodeLabels(n), t.key) !== NO_SYM));
          }));
          const d = s.scheduleOne(v, pod);
          if (d.kind !== 'bound') return;
          const node = d.node;
          const here = (key: Sym, n: NodeId) => {
            const val = labelValue(v.nodeLabels(node), key);
            return val !== NO_SYM && labelValue(v.nodeLabels(n), key) === val;
          };
          for (const n of nodesOf(v)) {
            for (const id of v.podsOn(n)) {
              const p = v.pod(id);
              // The incoming pod's anti-affinity: no matching pod in its domain.
              for (const t of pod.antiAffinityRequired) expect(mergedMatches(v, merge(v, t), p) && here(t.topologyKey, n)).toBe(false);
              // Symmetry: no existing pod's anti-affinity matches it within that pod's domain.
              for (const t of p.antiAffinityRequired) expect(existingMatches(v, t, pod) && here(t.topologyKey, n)).toBe(false);
            }
          }
          if (pod.affinityRequired.length > 0 && !firstOfGroup) {
            for (const t of pod.affinityRequired.map((x) => merge(v, x))) {
              const found = nodesOf(v).some((n) => here(t.key, n) && v.podsOn(n).some((id) => pod.affinityRequired.map((x) => merge(v, x)).every((u) => mergedMatches(v, u, v.pod(id)))));
              expect(found).toBe(true);
            }
          }
          v.bind(pod, node);
        });
      },
    ), { numRuns: 150 });
  });
});
