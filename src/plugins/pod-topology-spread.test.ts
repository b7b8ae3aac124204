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
import { compileNode } from '../model/compile-node.js';
import { nodeSelectorMatches, termMatches } from '../model/node-selector.js';
import type { CompiledPod, SpreadConstraint } from '../model/pod.js';
import { DO_NOT_SCHEDULE, SCHEDULE_ANYWAY } from '../model/pod.js';
import { firstUntoleratedDoNotScheduleTaint } from '../model/taints.js';
import { compileWorkload } from '../model/workloads.js';
import type { NodeSketch, PodSketch, TestCluster } from '../testing/builders.js';
import { nodeJson, testCluster } from '../testing/builders.js';
import { create, NAME } from './pod-topology-spread.js';

const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

// ---- harness (the conformance harness' steps, on a TestCluster) ----------------------

function filterAll(c: TestCluster, plugin: Plugin, pod: CompiledPod): Record<string, StatusCode> {
  const cx: CycleContext = { view: c.state };
  const pre = plugin.preFilter!(cx, pod);
  const out: Record<string, StatusCode> = {};
  for (const node of liveIds(c)) {
    const name = c.model.symbols.text(c.state.nodeName[node] as Sym);
    if (pre === SKIP) out[name] = 'Success';
    else if (pre instanceof Rejection) out[name] = pre.unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
    else out[name] = verdictStatus(plugin, plugin.filter!(cx, pod, node, pre));
  }
  return out;
}

/** Live node ids in id order. */
function liveIds(c: TestCluster): NodeId[] {
  return Array.from(c.state.nodeOrder()).sort((a, b) => a - b) as NodeId[];
}

function scoreAll(c: TestCluster, plugin: Plugin, pod: CompiledPod, names?: readonly string[]): Record<string, number> | 'Skip' {
  const cx: CycleContext = { view: c.state };
  const list = names ?? liveIds(c).map((n) => c.model.symbols.text(c.state.nodeName[n] as Sym));
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
const web = (name: string, nodeName: string, extra: Partial<PodSketch> = {}) => ({ name, nodeName, namespace: 'ns', labels: { app: 'web' }, ...extra });
const spread = (key: string, when: string, maxSkew: number, selector: unknown, more: Record<string, unknown> = {}) => ({
  topologyKey: key, whenUnsatisfiable: when, maxSkew, labelSelector: selector, ...more,
});

// ---- named cases -----------------------------------------------------------------------

describe('PodTopologySpread named cases', () => {
  it('skips PreFilter and PreScore for a pod without constraints that no workload selects', () => {
    const c = testCluster([zoned('n1', 'a')]);
    const p = create({}, { model: c.model });
    const pod = c.pod({ namespace: 'ns', labels: { app: 'web' } });
    expect(p.preFilter!({ view: c.state }, pod)).toBe(SKIP);
    expect(scoreAll(c, p, pod)).toBe('Skip');
  });

  it('system defaults for a pod a Service selects: hostname (maxSkew 3) and zone (maxSkew 5)', () => {
    // Hand calculation (scoring.go): weights log(3+2) for 3 candidate hosts and log(2+2)
    // for zones {a, b}; zone a holds 2 pods, b 1.
    // n1: 2*log5+2 + 2*log4+4 = 11.99 -> 12; n2: 0+2 + 2*log4+4 = 8.77 -> 9;
    // n3: log5+2 + log4+4 = 9.00 -> 9. Normalized 100*(12+9-s)/12: 75, 100, 100.
    const c = testCluster([zoned('n1', 'a'), zoned('n2', 'a'), zoned('n3', 'b')]);
    c.state.workloads.add(compileWorkload({ kind: 'Service', metadata: { name: 's', namespace: 'ns' }, spec: { selector: { app: 'web' } } }, c.model));
    c.bound(web('e1', 'n1'));
    c.bound(web('e2', 'n1'));
    c.bound(web('e3', 'n3'));
    const p = create({ defaultingType: 'System' }, { model: c.model });
    const pod = c.pod({ namespace: 'ns', labels: { app: 'web' } });
    expect(p.preFilter!({ view: c.state }, pod)).toBe(SKIP);
    expect(scoreAll(c, p, pod)).toEqual({ n1: 75, n2: 100, n3: 100 });
  });

  it('system defaults still spread by hostname on nodes without a zone label', () => {
    // requireAllTopologies is false for system defaults. Zone domains among candidates:
    // "a" and "" (n2 lacks the label) -> log(4); hosts log(5). Zone a: 1 pod, "": 2.
    // n1: log5+2 + log4+4 = 9.00 -> 9; n2: 2*log5+2 = 5.22 -> 5 (no zone term);
    // n3: 0+2 + log4+4 = 7.39 -> 7. Normalized: 100*(9+5-s)/9 -> 55, 100, 77.
    const c = testCluster([zoned('n1', 'a'), zoned('n2'), zoned('n3', 'a')]);
    c.state.workloads.add(compileWorkload({ kind: 'Service', metadata: { name: 's', namespace: 'ns' }, spec: { selector: { app: 'web' } } }, c.model));
    c.bound(web('e1', 'n1'));
    c.bound(web('e2', 'n2'));
    c.bound(web('e3', 'n2'));
    const p = create({}, { model: c.model });
    expect(scoreAll(c, p, c.pod({ namespace: 'ns', labels: { app: 'web' } }))).toEqual({ n1: 55, n2: 100, n3: 77 });
  });

  it('system defaults count a node without a zone label as one more zone domain ("")', () => {
    // Zone domains among candidates: a, "" (n2), b -> log(5), as are hosts (3 candidates).
    // Zone a: 3 pods, b: 0. n1: 3*log5+2 + 3*log5+4 = 15.66 -> 16; n2: 0+2 = 2 (no zone
    // term); n3: 0+2 + 0+4 = 6. Normalized 100*(16+2-s)/16: 12, 100, 75.
    const c = testCluster([zoned('n1', 'a'), zoned('n2'), zoned('n3', 'b')]);
    c.state.workloads.add(compileWorkload({ kind: 'Service', metadata: { name: 's', namespace: 'ns' }, spec: { selector: { app: 'web' } } }, c.model));
    for (let i = 0; i < 3; i++) c.bound(web(`e${i}`, 'n1'));
    const p = create({}, { model: c.model });
    expect(scoreAll(c, p, c.pod({ namespace: 'ns', labels: { app: 'web' } }))).toEqual({ n1: 12, n2: 100, n3: 75 });
  });

  it('List defaults with DoNotSchedule use the owning ReplicaSet\'s selector', () => {
    // Zone a holds 2 matching pods, b none: a node in a would make skew 2+1-0 > 1.
    const c = testCluster([zoned('n1', 'a'), zoned('n2', 'b')]);
    c.state.workloads.add(compileWorkload({
      kind: 'ReplicaSet', metadata: { name: 'rs', namespace: 'ns' }, spec: { selector: { matchLabels: { app: 'web' } } },
    }, c.model));
    c.bound(web('e1', 'n1'));
    c.bound(web('e2', 'n1'));
    const p = create({ defaultingType: 'List', defaultConstraints: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule' }] }, { model: c.model });
    const owned = c.pod({ namespace: 'ns', labels: { app: 'web' }, spec: {} });
    const withOwner = { ...owned, owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs' } };
    expect(filterAll(c, p, withOwner)).toEqual({ n1: 'Unschedulable', n2: 'Success' });
    // Without the owner no workload selects the pod: no default constraints.
    expect(filterAll(c, p, owned)).toEqual({ n1: 'Success', n2: 'Success' });
  });

  it('an empty selector counts no pods but matches the pod itself (countPodsMatchSelector)', () => {
    // Skew = 0 + 1 - 0 = 1 <= 1 everywhere, however many pods n1 holds.
    const c = testCluster([zoned('n1', 'a'), zoned('n2', 'b')]);
    for (let i = 0; i < 3; i++) c.bound(web(`e${i}`, 'n1'));
    const p = create({ defaultingType: 'List' }, { model: c.model });
    const pod = c.pod({ namespace: 'ns', labels: { app: 'web' }, spec: { topologySpreadConstraints: [spread(ZONE, 'DoNotSchedule', 1, {})] } });
    expect(filterAll(c, p, pod)).toEqual({ n1: 'Success', n2: 'Success' });
  });

  it('terminating pods and pods of other namespaces do not count', () => {
    const c = testCluster([zoned('n1', 'a'), zoned('n2', 'b')]);
    const t = c.pod(web('t', 'n1'));
    c.state.bind({ ...t, terminating: true }, c.state.nodeByName(c.model.symbols.intern('n1')) as NodeId);
    c.bound(web('o', 'n1', { namespace: 'other' }));
    const p = create({ defaultingType: 'List' }, { model: c.model });
    const pod = c.pod({ namespace: 'ns', labels: { app: 'web' }, spec: { topologySpreadConstraints: [spread(ZONE, 'DoNotSchedule', 1, { matchLabels: { app: 'web' } })] } });
    expect(filterAll(c, p, pod)).toEqual({ n1: 'Success', n2: 'Success' });
  });

  it('a node without the topology key is unresolvable, even when an earlier constraint passes', () => {
    const c = testCluster([zoned('n1', 'a'), { name: 'n2', labels: { [ZONE]: 'b' } }]);
    const p = create({ defaultingType: 'List' }, { model: c.model });
    const pod = c.pod({
      namespace: 'ns', labels: { app: 'web' },
      spec: { topologySpreadConstraints: [spread(ZONE, 'DoNotSchedule', 1, { matchLabels: { app: 'web' } }), spread(HOST, 'DoNotSchedule', 1, { matchLabels: { app: 'web' } })] },
    });
    expect(filterAll(c, p, pod)).toEqual({ n1: 'Success', n2: 'UnschedulableAndUnresolvable' });
  });

  it('nodeAffinityPolicy Honor: only domains of nodes the pod\'s nodeSelector admits count, for the minimum and for minDomains', () => {
    // Eligible: n1 (a), n2 (b); zone c has only an hdd node. Counts a 1, b 1 -> min 1, so
    // every node passes (n3: 0 + 1 - 1). With minDomains 3 > 2 domains the minimum is 0.
    const nodes: NodeSketch[] = [
      { name: 'n1', labels: { [HOST]: 'n1', [ZONE]: 'a', disk: 'ssd' } },
      { name: 'n2', labels: { [HOST]: 'n2', [ZONE]: 'b', disk: 'ssd' } },
      { name: 'n3', labels: { [HOST]: 'n3', [ZONE]: 'c', disk: 'hdd' } },
    ];
    const c = testCluster(nodes);
    c.bound(web('e1', 'n1'));
    c.bound(web('e2', 'n2'));
    const p = create({ defaultingType: 'List' }, { model: c.model });
    const pod = (more: Record<string, unknown>) => c.pod({
      namespace: 'ns', labels: { app: 'web' },
      spec: { nodeSelector: { disk: 'ssd' }, topologySpreadConstraints: [spread(ZONE, 'DoNotSchedule', 1, { matchLabels: { app: 'web' } }, more)] },
    });
    expect(filterAll(c, p, pod({}))).toEqual({ n1: 'Success', n2: 'Success', n3: 'Success' });
    expect(filterAll(c, p, pod({ minDomains: 3 }))).toEqual({ n1: 'Unschedulable', n2: 'Unschedulable', n3: 'Success' });
    expect(filterAll(c, p, pod({ nodeAffinityPolicy: 'Ignore' }))).toEqual({ n1: 'Unschedulable', n2: 'Unschedulable', n3: 'Success' });
  });

  it('rejects invalid args the way ValidatePodTopologySpreadArgs does', () => {
    const c = testCluster([]);
    const bad: [unknown, string][] = [
      [{ defaultingType: 'System', defaultConstraints: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule' }] }, 'defaultingType'],
      [{ defaultingType: 'List', defaultConstraints: [{ maxSkew: 0, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule' }] }, 'defaultConstraints[0].maxSkew'],
      [{ defaultingType: 'List', defaultConstraints: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: {} }] }, 'defaultConstraints[0].labelSelector'],
      [{ defaultingType: 'List', defaultConstraints: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'Never' }] }, 'defaultConstraints[0].whenUnsatisfiable'],
      [{ defaultingType: 'List', defaultConstraints: [{ maxSkew: 1, topologyKey: '', whenUnsatisfiable: 'DoNotSchedule' }] }, 'defaultConstraints[0].topologyKey'],
      [{ defaultingType: 'List', defaultConstraints: [
        { maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule' }, { maxSkew: 2, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule' },
      ] }, 'defaultConstraints[1]'],
      [{ defaultingType: 'Sometimes' }, 'defaultingType'],
      [{ defaultingTyp: 'List' }, 'defaultingTyp'],
    ];
    for (const [args, path] of bad) {
      let err: unknown = null;
      try { create(args, { model: c.model }); } catch (e) { err = e; }
      expect(err, JSON.stringify(args)).toBeInstanceOf(ProfileError);
      expect((err as ProfileError).path).toBe(path);
    }
    expect(() => create({ kind: 'PodTopologySpreadArgs', defaultingType: 'List', defaultConstraints: [] }, { model: c.model })).not.toThrow();
  });
});

// ---- a literal reference: kube's algorithm over maps, pod by pod -----------------------

type Status = StatusCode;

function hasKey(v: ClusterView, n: NodeId, key: Sym): boolean {
  return labelValue(v.nodeLabels(n), key) !== NO_SYM;
}

function refInclusion(v: ClusterView, pod: CompiledPod, c: SpreadConstraint, n: NodeId): boolean {
  if (c.honorNodeAffinity) {
    const labels = v.nodeLabels(n);
    const read = (k: Sym) => labelValue(labels, k);
    const name = v.nodeName[n] as Sym;
    const symbols = v.model.symbols;
    if (pod.nodeSelector !== null && !termMatches(pod.nodeSelector, name, read, symbols)) return false;
    if (pod.requiredNodeAffinity !== null && !nodeSelectorMatches(pod.requiredNodeAffinity, name, read, symbols)) return false;
  }
  if (c.honorNodeTaints && firstUntoleratedDoNotScheduleTaint(v.nodeTaints(n), pod.tolerations) >= 0) return false;
  return true;
}

function refCount(v: ClusterView, n: NodeId, sel: LabelSelector, ns: Sym): number {
  if (sel.nothing || sel.requirements.length === 0) return 0;
  let k = 0;
  for (const id of v.podsOn(n)) {
    const p = v.pod(id);
    if (p.terminating || p.namespace !== ns) continue;
    if (selectorMatches(sel, p.labels, v.model.symbols)) k++;
  }
  return k;
}

function refConstraints(v: ClusterView, pod: CompiledPod, when: number, defaults: readonly SpreadConstraint[], ws: { defaultSelector(p: CompiledPod): LabelSelector }): SpreadConstraint[] {
  if (pod.spread.length > 0) return pod.spread.filter((c) => c.whenUnsatisfiable === when);
  const sel = ws.defaultSelector(pod);
  if (sel.requirements.length === 0) return [];
  return defaults.filter((c) => c.whenUnsatisfiable === when).map((c) => ({ ...c, selector: sel }));
}

/** TpValueToMatchNum per constraint, and the global minimum as minMatchNum computes it. */
function refMaps(v: ClusterView, pod: CompiledPod, cs: readonly SpreadConstraint[]): { maps: Map<Sym, number>[]; mins: number[] } {
  const maps = cs.map(() => new Map<Sym, number>());
  for (const n of v.nodeOrder() as unknown as NodeId[]) {
    if (!cs.every((c) => hasKey(v, n, c.topologyKey))) continue;
    cs.forEach((c, i) => {
      if (!refInclusion(v, pod, c, n)) return;
      const val = labelValue(v.nodeLabels(n), c.topologyKey);
      maps[i]!.set(val, (maps[i]!.get(val) ?? 0) + refCount(v, n, c.selector, pod.namespace));
    });
  }
  const mins = cs.map((c, i) => {
    let min = 2147483647;
    for (const x of maps[i]!.values()) min = Math.min(min, x);
    return maps[i]!.size < c.minDomains ? 0 : min;
  });
  return { maps, mins };
}

function refFilter(v: ClusterView, pod: CompiledPod, cs: readonly SpreadConstraint[], node: NodeId): Status {
  if (cs.length === 0) return 'Success';
  const { maps, mins } = refMaps(v, pod, cs);
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    const val = labelValue(v.nodeLabels(node), c.topologyKey);
    if (val === NO_SYM) return 'UnschedulableAndUnresolvable';
    const min = mins[i]!;
    const self = selectorMatches(c.selector, pod.labels, v.model.symbols) ? 1 : 0;
    if ((maps[i]!.get(val) ?? 0) + self - min > c.maxSkew) return 'Unschedulable';
  }
  return 'Success';
}

function refScore(v: ClusterView, pod: CompiledPod, cs: readonly SpreadConstraint[], cands: readonly NodeId[], requireAll: boolean): number[] | 'Skip' {
  if (cs.length === 0) return 'Skip';
  const symbols = v.model.symbols;
  const host = symbols.intern(HOST);
  const empty = symbols.intern('');
  const valueOf = (n: NodeId, k: Sym) => { const x = labelValue(v.nodeLabels(n), k); return x === NO_SYM ? empty : x; };
  const ignored = new Set<NodeId>();
  const maps = cs.map(() => new Map<Sym, number>());
  for (const n of cands) {
    if (requireAll && !cs.every((c) => hasKey(v, n, c.topologyKey))) { ignored.add(n); continue; }
    cs.forEach((c, i) => { if (c.topologyKey !== host) { const val = valueOf(n, c.topologyKey); if (!maps[i]!.has(val)) maps[i]!.set(val, 0); } });
  }
  const weights = cs.map((c, i) => Math.log((c.topologyKey === host ? cands.length - ignored.size : maps[i]!.size) + 2));
  for (const n of v.nodeOrder() as unknown as NodeId[]) {
    if (requireAll && !cs.every((c) => hasKey(v, n, c.topologyKey))) continue;
    cs.forEach((c, i) => {
      if (!refInclusion(v, pod, c, n)) return;
      const val = valueOf(n, c.topologyKey);
      if (!maps[i]!.has(val)) return;
      maps[i]!.set(val, maps[i]!.get(val)! + refCount(v, n, c.selector, pod.namespace));
    });
  }
  const raw = cands.map((n) => {
    if (ignored.has(n)) return 0;
    let s = 0;
    cs.forEach((c, i) => {
      if (!hasKey(v, n, c.topologyKey)) return;
      const cnt = c.topologyKey === host ? refCount(v, n, c.selector, pod.namespace) : maps[i]!.get(valueOf(n, c.topologyKey))!;
      s += cnt * weights[i]! + (c.maxSkew - 1);
    });
    return Math.round(s);
  });
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  cands.forEach((n, i) => { if (!ignored.has(n)) { min = Math.min(min, raw[i]!); max = Math.max(max, raw[i]!); } });
  return cands.map((n, i) => (ignored.has(n) ? 0 : max === 0 ? 100 : Math.trunc((100 * (max + min - raw[i]!)) / max)));
}

// ---- random clusters -------------------------------------------------------------------

const selectorArb = fc.oneof(
  fc.constant<unknown>({}),
  fc.constantFrom('x', 'y').map((a) => ({ matchLabels: { app: a } })),
  fc.constant({ matchExpressions: [{ key: 'app', operator: 'In', values: ['x', 'y'] }] }),
  fc.constant({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }),
  fc.constant({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['y'] }] }),
);
const keyArb = fc.constantFrom(ZONE, HOST, 'rack');
const constraintArb = fc.record({
  topologyKey: keyArb,
  whenUnsatisfiable: fc.constantFrom('DoNotSchedule', 'ScheduleAnyway'),
  maxSkew: fc.integer({ min: 1, max: 3 }),
  labelSelector: selectorArb,
  minDomains: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  nodeAffinityPolicy: fc.constantFrom(undefined, 'Honor', 'Ignore'),
  nodeTaintsPolicy: fc.constantFrom(undefined, 'Honor', 'Ignore'),
  matchLabelKeys: fc.constantFrom(undefined, ['tier']),
}).map((c) => (c.whenUnsatisfiable === 'DoNotSchedule' ? c : { ...c, minDomains: undefined }));
const nodeArb = fc.record({
  zone: fc.constantFrom('a', 'b', 'c', '', null),
  host: fc.constantFrom(true, true, true, false),
  rack: fc.constantFrom('r1', 'r2', null),
  disk: fc.constantFrom('ssd', 'hdd', null),
  tainted: fc.boolean(),
});
const podArb = fc.record({
  app: fc.constantFrom('x', 'y', null),
  tier: fc.constantFrom('1', '2', null),
  ns: fc.constantFrom('ns1', 'ns2'),
  terminating: fc.boolean(),
});
const incomingArb = fc.record({
  labels: podArb,
  constraints: fc.oneof(fc.constant([]), fc.array(constraintArb, { maxLength: 3 })),
  nodeSelector: fc.constantFrom(undefined, { disk: 'ssd' }),
  requiredDisk: fc.constantFrom(undefined, 'hdd'),
  tolerates: fc.boolean(),
  owner: fc.boolean(),
});
type NodeGen = typeof nodeArb extends fc.Arbitrary<infer T> ? T : never;
type PodGen = typeof podArb extends fc.Arbitrary<infer T> ? T : never;
type IncomingGen = typeof incomingArb extends fc.Arbitrary<infer T> ? T : never;

function nodeSketch(g: NodeGen, i: number): NodeSketch {
  const labels: Record<string, string> = {};
  if (g.zone !== null) labels[ZONE] = g.zone;
  if (g.host) labels[HOST] = `n${i}`;
  if (g.rack !== null) labels.rack = g.rack;
  if (g.disk !== null) labels.disk = g.disk;
  return { name: `n${i}`, labels, taints: g.tainted ? [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] : [] };
}

function podLabels(g: PodGen): Record<string, string> {
  const l: Record<string, string> = {};
  if (g.app !== null) l.app = g.app;
  if (g.tier !== null) l.tier = g.tier;
  return l;
}

function incomingPod(c: TestCluster, g: IncomingGen, name: string): CompiledPod {
  const affinity = g.requiredDisk === undefined ? undefined : {
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: [g.requiredDisk] }] }] } },
  };
  const p = c.pod({
    name, namespace: g.labels.ns, labels: podLabels(g.labels),
    spec: {
      topologySpreadConstraints: g.constraints,
      ...(g.nodeSelector === undefined ? {} : { nodeSelector: g.nodeSelector }),
      ...(affinity === undefined ? {} : { affinity }),
      tolerations: g.tolerates ? [{ key: 'dedicated', operator: 'Exists' }] : [],
    },
  });
  return g.owner ? { ...p, owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs' } } : p;
}

function randomCluster(nodes: readonly NodeGen[], pods: readonly { pod: PodGen; node: number }[]) {
  const c = testCluster(nodes.map(nodeSketch));
  for (const ns of ['ns1', 'ns2']) {
    c.state.workloads.add(compileWorkload({ kind: 'Service', metadata: { name: 'svc', namespace: ns }, spec: { selector: { app: 'x' } } }, c.model));
    c.state.workloads.add(compileWorkload({ kind: 'ReplicaSet', metadata: { name: 'rs', namespace: ns }, spec: { selector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] } } }, c.model));
  }
  const bound: CompiledPod[] = [];
  pods.forEach((e, i) => {
    const p = c.pod({ name: `e${i}`, namespace: e.pod.ns, labels: podLabels(e.pod) });
    const pod = e.pod.terminating ? { ...p, terminating: true } : p;
    c.state.bind(pod, (e.node % nodes.length) as NodeId);
    bound.push(pod);
  });
  return { c, bound };
}

const ARGS: unknown[] = [
  { defaultingType: 'System' },
  { defaultingType: 'List' },
  { defaultingType: 'List', defaultConstraints: [
    { maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule' },
    { maxSkew: 2, topologyKey: HOST, whenUnsatisfiable: 'ScheduleAnyway', nodeTaintsPolicy: 'Honor' },
  ] },
];
const DEFAULTS = (c: TestCluster, i: number): SpreadConstraint[] => {
  const sym = (s: string) => c.model.symbols.intern(s);
  const base = { selector: { nothing: true, requirements: [] }, minDomains: 1, honorNodeAffinity: true, honorNodeTaints: false };
  if (i === 0) {
    return [
      { ...base, maxSkew: 3, topologyKey: sym(HOST), whenUnsatisfiable: SCHEDULE_ANYWAY },
      { ...base, maxSkew: 5, topologyKey: sym(ZONE), whenUnsatisfiable: SCHEDULE_ANYWAY },
    ];
  }
  if (i === 1) return [];
  return [
    { ...base, maxSkew: 1, topologyKey: sym(ZONE), whenUnsatisfiable: DO_NOT_SCHEDULE },
    { ...base, maxSkew: 2, topologyKey: sym(HOST), whenUnsatisfiable: SCHEDULE_ANYWAY, honorNodeTaints: true },
  ];
};

describe('PodTopologySpread against a literal port of kube\'s algorithm', () => {
  it('gives the same Filter statuses and normalized scores on random clusters, before and after changes', () => {
    fc.assert(fc.property(
      fc.array(nodeArb, { minLength: 1, maxLength: 7 }),
      fc.array(fc.record({ pod: podArb, node: fc.nat() }), { maxLength: 14 }),
      incomingArb,
      fc.integer({ min: 0, max: ARGS.length - 1 }),
      fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
      fc.array(fc.nat(), { maxLength: 6 }),
      fc.boolean(),
      fc.option(fc.record({ node: fc.nat(), labels: nodeArb, add: fc.boolean() }), { nil: undefined }),
      (someNodes, pods, inc, argIdx, candMask, unbinds, fullyLabeled, change) => {
        // Fully labeled clusters take the index fast paths; the others the per-node pass.
        const nodes = fullyLabeled
          ? someNodes.map((g) => ({ ...g, zone: g.zone ?? 'a', host: true, rack: g.rack ?? 'r1' }))
          : someNodes;
        const { c, bound } = randomCluster(nodes, pods);
        const plugin = create(ARGS[argIdx], { model: c.model });
        const defaults = DEFAULTS(c, argIdx);
        const pod = incomingPod(c, inc, 'incoming');
        const check = () => {
          const v = c.state;
          const filterCs = refConstraints(v, pod, DO_NOT_SCHEDULE, defaults, v.workloads);
          const got = filterAll(c, plugin, pod);
          const name = (id: NodeId) => c.model.symbols.text(v.nodeName[id] as Sym);
          for (const id of liveIds(c)) expect(got[name(id)], `filter ${name(id)}`).toBe(refFilter(v, pod, filterCs, id));
          const cands = liveIds(c).filter((_, i) => candMask[i] ?? true).map(name);
          if (cands.length === 0) return;
          const scoreCs = refConstraints(v, pod, SCHEDULE_ANYWAY, defaults, v.workloads);
          const requireAll = pod.spread.length > 0 || argIdx !== 0;
          const want = refScore(v, pod, scoreCs, cands.map((n) => v.nodeByName(c.model.symbols.intern(n)) as NodeId), requireAll);
          const gotScores = scoreAll(c, plugin, pod, cands);
          expect(gotScores === 'Skip' ? 'Skip' : cands.map((n) => gotScores[n])).toEqual(want);
        };
        check();
        // The indexes now exist; change the cluster and check again.
        for (const u of unbinds) {
          if (bound.length === 0) break;
          const p = bound[u % bound.length]!;
          const at = c.state.nodeOf(p.id);
          if (at !== -1) c.state.unbind(p, at);
          else c.state.bind(p, (u % nodes.length) as NodeId);
        }
        check();
        // Relabel a node, or add one: domains, affinity masks and counts must follow.
        if (change !== undefined) {
          const g = fullyLabeled ? { ...change.labels, zone: change.labels.zone ?? 'b', host: true, rack: change.labels.rack ?? 'r2' } : change.labels;
          if (change.add) {
            c.state.addNode(compileNode(nodeJson(nodeSketch(g, nodes.length)), c.model));
          } else {
            const k = change.node % nodes.length;
            c.state.setLabels(k as NodeId, compileLabels(nodeSketch(g, k).labels, c.model.symbols));
          }
          check();
        }
      },
    ), { numRuns: 1000 });
  });
});

// ---- scheduling invariant --------------------------------------------------------------

describe('PodTopologySpread in a scheduling loop', () => {
  it('never admits a pod onto a node where a DoNotSchedule constraint\'s skew would exceed maxSkew', () => {
    fc.assert(fc.property(
      fc.array(nodeArb, { minLength: 2, maxLength: 8 }),
      fc.array(incomingArb, { minLength: 1, maxLength: 16 }),
      fc.integer({ min: 1, max: 1000 }),
      (nodes, incoming, seed) => {
        const c = testCluster(nodes.map(nodeSketch));
        const registry = new Map<string, PluginFactory>([[NAME, create]]);
        const fw = buildFramework({ name: 't', filter: [NAME], score: [{ name: NAME, weight: 2 }], args: { [NAME]: { defaultingType: 'List' } } }, registry, c.model);
        const s = new Scheduler(fw, Rng.fromSeed(seed));
        incoming.forEach((g, i) => {
          const pod = incomingPod(c, { ...g, owner: false }, `p${i}`);
          const cs = pod.spread.filter((x) => x.whenUnsatisfiable === DO_NOT_SCHEDULE);
          const d = s.scheduleOne(c.state, pod);
          if (d.kind !== 'bound') return;
          // Before binding: the chosen node must pass the literal check.
          expect(refFilter(c.state, pod, cs, d.node)).toBe('Success');
          c.state.bind(pod, d.node);
          // After binding, the pod's own domain is within maxSkew of the global minimum
          // for every constraint it matches (a pod that does not match adds nothing).
          const { maps, mins } = refMaps(c.state, pod, cs);
          cs.forEach((x, k) => {
            if (!selectorMatches(x.selector, pod.labels, c.model.symbols) || x.selector.requirements.length === 0) return;
            const val = labelValue(c.state.nodeLabels(d.node), x.topologyKey);
            expect((maps[k]!.get(val) ?? 0) - mins[k]!).toBeLessThanOrEqual(x.maxSkew);
          });
        });
      },
    ), { numRuns: 150 });
  });
});
