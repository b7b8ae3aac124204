import { describe, expect, it } from 'vitest';
import { buildFramework } from '../framework/framework.js';
import { NodeFitChecker } from '../framework/node-fit-checker.js';
import type { CycleContext, Plugin, PluginFactory, StatusCode } from '../framework/types.js';
import { Rejection, SKIP } from '../framework/types.js';
import { verdictStatus } from '../framework/verdict.js';
import type { NodeId, Sym } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import type { NodeSketch, PodSketch, TestCluster } from '../testing/builders.js';
import { testCluster } from '../testing/builders.js';
import { create, NAME } from './pod-topology-spread.js';

/**
 * addPod/removePod, case by case. The first two tables are kube's TestPreFilterStateAddPod
 * and TestPreFilterStateRemovePod (podtopologyspread/filtering_test.go), the cases with the
 * NodeInclusionPolicy feature enabled (GA since; the disabled ones are left out). kube
 * checks the state: matching pods per topology value (TpValueToMatchNum) and the
 * minimum (CriticalPaths[0]); ours is opaque, so each case states kube's numbers and the
 * test checks the Filter statuses those numbers give on every node (missing key:
 * UnschedulableAndUnresolvable; count + self match - minimum > maxSkew: Unschedulable).
 */

const foo = { matchExpressions: [{ key: 'foo', operator: 'Exists' }] };
const bar = { matchExpressions: [{ key: 'bar', operator: 'Exists' }] };

/** A DoNotSchedule constraint with maxSkew 1 on `key` (kube's st.SpreadConstraint(1, key, DoNotSchedule, selector, ...)). */
const spread = (key: string, selector: unknown, more: Record<string, unknown> = {}) =>
  ({ maxSkew: 1, topologyKey: key, whenUnsatisfiable: 'DoNotSchedule', labelSelector: selector, ...more });
/** A node labelled zone and node (kube's st.MakeNode().Label("zone", z).Label("node", name)). */
const node = (name: string, zone: string, more: Partial<NodeSketch> = {}): NodeSketch =>
  ({ name, ...more, labels: { zone, node: name, ...(more.labels ?? {}) } });
/** A pod in namespace default with labels set to "" (kube's st.MakePod().Label(k, "")). */
const pod = (name: string, labels: readonly string[], more: Partial<PodSketch> = {}): PodSketch =>
  ({ name, namespace: 'default', labels: Object.fromEntries(labels.map((k) => [k, ''])), ...more });
/** A pod of `pod`'s kind bound to `nodeName` (kube's .Node(nodeName)). */
const bound = (name: string, labels: readonly string[], nodeName: string): PodSketch & { nodeName: string } =>
  ({ ...pod(name, labels), nodeName });
const preemptor = (constraints: unknown[], labels: readonly string[] = ['foo'], spec: Record<string, unknown> = {}) =>
  pod('p', labels, { spec: { topologySpreadConstraints: constraints, ...spec } });

/** kube's expected state for one constraint: matching pods per topology value and the minimum. */
interface Want {
  readonly key: string;
  readonly counts: Readonly<Record<string, number>>;
  readonly min: number;
  readonly maxSkew?: number;
  /** The preemptor matches the constraint's selector (selfMatchNum). @default 1 */
  readonly self?: 0 | 1;
}

interface Case {
  readonly name: string;
  readonly nodes: readonly NodeSketch[];
  readonly existing: readonly (PodSketch & { nodeName: string })[];
  readonly preemptor: PodSketch;
  /** The pod added (a new one) or removed (by name from `existing`, else a pod never bound) on `on`. */
  readonly add?: PodSketch;
  readonly remove?: string | PodSketch;
  readonly on: string;
  readonly want: readonly Want[];
}

/** kube's Filter over a state with the wanted numbers, for every node, in node order. */
function statusesOf(c: TestCluster, want: readonly Want[]): Record<string, StatusCode> {
  const out: Record<string, StatusCode> = {};
  for (const [name, id] of nodeIds(c)) {
    out[name] = 'Success';
    for (const w of want) {
      const value = labelOf(c, c.state.nodeLabels(id), w.key);
      if (value === null) { out[name] = 'UnschedulableAndUnresolvable'; break; }
      if ((w.counts[value] ?? 0) + (w.self ?? 1) - w.min > (w.maxSkew ?? 1)) { out[name] = 'Unschedulable'; break; }
    }
  }
  return out;
}

/** Node names and ids, in the order the case lists the nodes. */
function nodeIds(c: TestCluster): [string, NodeId][] {
  return c.nodes.map((n) => {
    const name = c.model.symbols.text(n.name);
    return [name, c.state.nodeByName(n.name) as NodeId];
  });
}

function labelOf(c: TestCluster, labels: Int32Array, key: string): string | null {
  const k = c.model.symbols.intern(key);
  for (let i = 0; i < labels.length; i += 2) if (labels[i] === k) return c.model.symbols.text(labels[i + 1] as Sym);
  return null;
}

/** Filter statuses for `state` on every node, in node order. */
function statuses(c: TestCluster, plugin: Plugin, incoming: CompiledPod, state: unknown): Record<string, StatusCode> {
  if (state === SKIP || state instanceof Rejection) throw new Error('expected a PreFilter state');
  const cx: CycleContext = { view: c.state };
  const out: Record<string, StatusCode> = {};
  for (const [name, id] of nodeIds(c)) out[name] = verdictStatus(plugin, plugin.filter!(cx, incoming, id, state));
  return out;
}

/** The case's cluster, plugin, preemptor, PreFilter state and the state after the case's hook. */
function run(k: Case) {
  const c = testCluster(k.nodes);
  const bound = new Map(k.existing.map((p) => [p.name!, c.bound(p)]));
  const plugin = create({ defaultingType: 'List' }, { model: c.model });
  const incoming = c.pod(k.preemptor);
  const cx: CycleContext = { view: c.state };
  const pre = plugin.preFilter!(cx, incoming);
  const on = c.state.nodeByName(c.model.symbols.intern(k.on)) as NodeId;
  let after: unknown;
  if (k.add !== undefined) after = plugin.addPod!(cx, incoming, pre, c.pod(k.add), on);
  else {
    const r = k.remove!;
    after = plugin.removePod!(cx, incoming, pre, typeof r === 'string' ? bound.get(r)! : c.pod(r), on);
  }
  return { c, plugin, incoming, pre, after };
}

const ab = [node('node-a', 'zone1'), node('node-b', 'zone1')];
const ax = [node('node-a', 'zone1'), node('node-x', 'zone2')];
const abx = [node('node-a', 'zone1'), node('node-b', 'zone1'), node('node-x', 'zone2')];
const abxy = [...abx, node('node-y', 'zone2')];
/** node-a has foo=bar, which the preemptor's NotIn affinity rejects. */
const affinityNodes = [node('node-a', 'zone1', { labels: { foo: 'bar' } }), node('node-b', 'zone2', { labels: { foo: '' } })];
const notInBar = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'foo', operator: 'NotIn', values: ['bar'] }] }] } } } };

const addCases: Case[] = [
  {
    name: 'node a and b both impact current min match',
    nodes: ab, existing: [], preemptor: preemptor([spread('node', foo)]),
    add: pod('p-a1', ['foo']), on: 'node-a',
    want: [{ key: 'node', counts: { 'node-a': 1, 'node-b': 0 }, min: 0 }],
  },
  {
    name: 'only node a impacts current min match',
    nodes: ab, existing: [bound('p-b1', ['foo'], 'node-b')],
    preemptor: preemptor([spread('node', foo)]),
    add: pod('p-a1', ['foo']), on: 'node-a',
    want: [{ key: 'node', counts: { 'node-a': 1, 'node-b': 1 }, min: 1 }],
  },
  {
    name: 'add a pod in a different namespace doesn\'t change topologyKeyToMinPodsMap',
    nodes: ab, existing: [bound('p-b1', ['foo'], 'node-b')],
    preemptor: preemptor([spread('node', foo)]),
    add: pod('p-a1', ['foo'], { namespace: 'ns1' }), on: 'node-a',
    want: [{ key: 'node', counts: { 'node-a': 0, 'node-b': 1 }, min: 0 }],
  },
  {
    name: 'add pod on non-critical node won\'t trigger re-calculation',
    nodes: ab, existing: [bound('p-b1', ['foo'], 'node-b')],
    preemptor: preemptor([spread('node', foo)]),
    add: pod('p-b2', ['foo']), on: 'node-b',
    want: [{ key: 'node', counts: { 'node-a': 0, 'node-b': 2 }, min: 0 }],
  },
  {
    name: 'node a and x both impact topologyKeyToMinPodsMap on zone and node',
    nodes: ax, existing: [], preemptor: preemptor([spread('zone', foo), spread('node', foo)]),
    add: pod('p-a1', ['foo']), on: 'node-a',
    want: [
      { key: 'zone', counts: { zone1: 1, zone2: 0 }, min: 0 },
      { key: 'node', counts: { 'node-a': 1, 'node-x': 0 }, min: 0 },
    ],
  },
  {
    name: 'only node a impacts topologyKeyToMinPodsMap on zone and node',
    nodes: ax, existing: [bound('p-x1', ['foo'], 'node-x')], preemptor: preemptor([spread('zone', foo), spread('node', foo)]),
    add: pod('p-a1', ['foo']), on: 'node-a',
    want: [
      { key: 'zone', counts: { zone1: 1, zone2: 1 }, min: 1 },
      { key: 'node', counts: { 'node-a': 1, 'node-x': 1 }, min: 1 },
    ],
  },
  {
    name: 'node a impacts topologyKeyToMinPodsMap on node, node x impacts topologyKeyToMinPodsMap on zone',
    nodes: abx,
    existing: [bound('p-b1', ['foo'], 'node-b'), bound('p-b2', ['foo'], 'node-b'), bound('p-x1', ['foo'], 'node-x')],
    preemptor: preemptor([spread('zone', foo), spread('node', foo)]),
    add: pod('p-a1', ['foo']), on: 'node-a',
    want: [
      { key: 'zone', counts: { zone1: 3, zone2: 1 }, min: 1 },
      { key: 'node', counts: { 'node-a': 1, 'node-b': 2, 'node-x': 1 }, min: 1 },
    ],
  },
  {
    name: 'Constraints hold different labelSelectors, node a impacts topologyKeyToMinPodsMap on zone',
    nodes: abx,
    existing: [bound('p-b1', ['foo', 'bar'], 'node-b'), bound('p-x1', ['foo', 'bar'], 'node-x'), bound('p-x2', ['bar'], 'node-x')],
    preemptor: preemptor([spread('zone', foo), spread('node', bar)], ['foo', 'bar']),
    add: pod('p-a1', ['foo']), on: 'node-a',
    want: [
      { key: 'zone', counts: { zone1: 2, zone2: 1 }, min: 1 },
      { key: 'node', counts: { 'node-a': 0, 'node-b': 1, 'node-x': 2 }, min: 0 },
    ],
  },
  {
    name: 'Constraints hold different labelSelectors, node a impacts topologyKeyToMinPodsMap on both zone and node',
    nodes: abx,
    existing: [bound('p-b1', ['bar'], 'node-b'), bound('p-x1', ['foo', 'bar'], 'node-x'), bound('p-x2', ['bar'], 'node-x')],
    preemptor: preemptor([spread('zone', foo), spread('node', bar)], ['foo', 'bar']),
    add: pod('p-a1', ['foo', 'bar']), on: 'node-a',
    want: [
      { key: 'zone', counts: { zone1: 1, zone2: 1 }, min: 1 },
      { key: 'node', counts: { 'node-a': 1, 'node-b': 1, 'node-x': 2 }, min: 1 },
    ],
  },
  {
    name: 'add a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy enabled',
    nodes: affinityNodes,
    existing: [bound('p-a2', ['foo', 'zone'], 'node-a'), bound('p-b1', ['foo', 'zone'], 'node-b')],
    preemptor: preemptor([spread('zone', foo)], ['foo'], notInBar),
    add: pod('p-a1', ['foo', 'zone']), on: 'node-a',
    want: [{ key: 'zone', counts: { zone2: 1 }, min: 1 }],
  },
  {
    name: 'add a pod when scheduling node affinity matched pod with NodeInclusionPolicy enabled',
    nodes: affinityNodes,
    existing: [bound('p-a1', ['foo', 'zone'], 'node-a'), bound('p-b2', ['foo', 'zone'], 'node-b')],
    preemptor: preemptor([spread('zone', foo)]),
    add: pod('p-b1', ['foo', 'zone']), on: 'node-b',
    want: [{ key: 'zone', counts: { zone1: 1, zone2: 2 }, min: 1 }],
  },
  {
    name: 'add a label selector not matched pod when with NodeInclusionPolicy enabled',
    nodes: affinityNodes,
    existing: [bound('p-a1', ['foo', 'zone'], 'node-a'), bound('p-b2', ['foo', 'zone'], 'node-b')],
    preemptor: preemptor([spread('zone', foo)]),
    add: pod('p-b1', ['zone']), on: 'node-b',
    want: [{ key: 'zone', counts: { zone1: 1, zone2: 1 }, min: 1 }],
  },
  {
    name: 'add a pod when scheduling taint tolerated pod with NodeInclusionPolicy enabled',
    nodes: [node('node-a', 'zone1', { taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }), node('node-b', 'zone2')],
    existing: [bound('p-a1', ['foo', 'zone'], 'node-a'), bound('p-b2', ['foo', 'zone'], 'node-b')],
    preemptor: preemptor([spread('zone', foo)], ['foo'], { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }),
    add: pod('p-b1', ['foo', 'zone']), on: 'node-b',
    want: [{ key: 'zone', counts: { zone1: 1, zone2: 2 }, min: 1 }],
  },
];

const removeCases: Case[] = [
  {
    name: 'one spreadConstraint on zone, topologyKeyToMinPodsMap unchanged',
    nodes: abx,
    existing: [bound('p-a1', ['foo'], 'node-a'), bound('p-b1', ['foo'], 'node-b'), bound('p-x1', ['foo'], 'node-x')],
    preemptor: preemptor([spread('zone', foo)]),
    remove: 'p-a1', on: 'node-a',
    want: [{ key: 'zone', counts: { zone1: 1, zone2: 1 }, min: 1 }],
  },
  {
    name: 'one spreadConstraint on node, topologyKeyToMinPodsMap changed',
    nodes: abxy,
    existing: [bound('p-a1', ['foo'], 'node-a'), bound('p-b1', ['foo'], 'node-b'), bound('p-x1', ['foo'], 'node-x'), bound('p-y1', ['foo'], 'node-y')],
    preemptor: preemptor([spread('zone', foo)]),
    remove: 'p-a1', on: 'node-a',
    want: [{ key: 'zone', counts: { zone1: 1, zone2: 2 }, min: 1 }],
  },
  {
    name: 'delete an irrelevant pod won\'t help',
    nodes: abxy,
    existing: [
      bound('p-a0', ['bar'], 'node-a'), bound('p-a1', ['foo'], 'node-a'), bound('p-b1', ['foo'], 'node-b'),
      bound('p-x1', ['foo'], 'node-x'), bound('p-y1', ['foo'], 'node-y'),
    ],
    preemptor: preemptor([spread('zone', foo)]),
    remove: 'p-a0', on: 'node-a',
    want: [{ key: 'zone', counts: { zone1: 2, zone2: 2 }, min: 2 }],
  },
  {
    name: 'delete a non-existing pod won\'t help',
    nodes: abxy,
    existing: [bound('p-a1', ['foo'], 'node-a'), bound('p-b1', ['foo'], 'node-b'), bound('p-x1', ['foo'], 'node-x'), bound('p-y1', ['foo'], 'node-y')],
    preemptor: preemptor([spread('zone', foo)]),
    remove: pod('p-a0', ['bar']), on: 'node-a',
    want: [{ key: 'zone', counts: { zone1: 2, zone2: 2 }, min: 2 }],
  },
  {
    name: 'two spreadConstraints',
    nodes: abx,
    existing: [
      bound('p-a1', ['foo'], 'node-a'), bound('p-a2', ['foo'], 'node-a'), bound('p-b1', ['foo'], 'node-b'),
      bound('p-x1', ['foo'], 'node-x'), bound('p-x2', ['foo'], 'node-x'),
    ],
    preemptor: preemptor([spread('zone', foo), spread('node', foo)]),
    remove: 'p-x1', on: 'node-x',
    want: [
      { key: 'zone', counts: { zone1: 3, zone2: 1 }, min: 1 },
      { key: 'node', counts: { 'node-a': 2, 'node-b': 1, 'node-x': 1 }, min: 1 },
    ],
  },
  {
    name: 'remove a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy enabled',
    nodes: affinityNodes,
    // kube leaves deletedPodIdx at 0, so it removes existingPods[0] (p-a2) from node-a.
    existing: [bound('p-a2', ['foo', 'zone'], 'node-a'), bound('p-b1', ['foo', 'zone'], 'node-b')],
    preemptor: preemptor([spread('zone', foo)], ['foo'], notInBar),
    remove: 'p-a2', on: 'node-a',
    want: [{ key: 'zone', counts: { zone2: 1 }, min: 1 }],
  },
  {
    name: 'remove a pod when scheduling node affinity matched pod with NodeInclusionPolicy enabled',
    nodes: affinityNodes,
    // kube's case binds p-a1 and p-b2 and, deletedPodIdx left at 0, passes existingPods[0]
    // (p-a1) with node-b's NodeInfo: the counts follow the node, so zone2 drops to 0. Here
    // the pod the case names (p-b1) is bound on node-b and removed from it: the same counts.
    existing: [bound('p-a1', ['foo', 'zone'], 'node-a'), bound('p-b1', ['foo', 'zone'], 'node-b')],
    preemptor: preemptor([spread('zone', foo)]),
    remove: 'p-b1', on: 'node-b',
    want: [{ key: 'zone', counts: { zone1: 1, zone2: 0 }, min: 0 }],
  },
];

describe('PodTopologySpread.addPod (kube TestPreFilterStateAddPod)', () => {
  for (const k of addCases) {
    it(k.name, () => {
      const { c, plugin, incoming, after } = run(k);
      expect(statuses(c, plugin, incoming, after)).toEqual(statusesOf(c, k.want));
    });
  }
});

describe('PodTopologySpread.removePod (kube TestPreFilterStateRemovePod)', () => {
  for (const k of removeCases) {
    it(k.name, () => {
      const { c, plugin, incoming, after } = run(k);
      expect(statuses(c, plugin, incoming, after)).toEqual(statusesOf(c, k.want));
    });
  }
});

describe('PodTopologySpread.addPod/removePod, our cases', () => {
  it('a pod added on a node without every constraint\'s key changes no count (nodeLabelsMatchSpreadConstraints)', () => {
    // node-c has a zone but no "node" label: zone1 stays at 0 and remains the minimum, so
    // node-x (zone2: 2 + 1 - 0 > 2) still rejects; counted, zone1 would make the minimum 1.
    // The "node" constraint (selector bar, which nothing has) only asks for the key.
    const k: Case = {
      name: 'missing key', nodes: [node('node-a', 'zone1'), node('node-x', 'zone2'), { name: 'node-c', labels: { zone: 'zone1' } }],
      existing: [bound('p-x1', ['foo'], 'node-x'), bound('p-x2', ['foo'], 'node-x')],
      preemptor: preemptor([spread('zone', foo, { maxSkew: 2 }), spread('node', bar)]),
      add: pod('p-c1', ['foo']), on: 'node-c',
      want: [
        { key: 'zone', counts: { zone1: 0, zone2: 2 }, min: 0, maxSkew: 2 },
        { key: 'node', counts: {}, min: 0, self: 0 },
      ],
    };
    const { c, plugin, incoming, after } = run(k);
    expect(statuses(c, plugin, incoming, after)).toEqual(statusesOf(c, k.want));
    expect(statuses(c, plugin, incoming, after)).toEqual({ 'node-a': 'Success', 'node-x': 'Unschedulable', 'node-c': 'UnschedulableAndUnresolvable' });
  });

  it('nodeTaintsPolicy Honor: a pod added on a node whose taint the preemptor does not tolerate counts nowhere', () => {
    const taint = { key: 'dedicated', value: 'x', effect: 'NoSchedule' };
    const nodes = [node('node-a', 'zone1', { taints: [taint] }), node('node-x', 'zone2')];
    const constraint = spread('zone', foo, { nodeTaintsPolicy: 'Honor' });
    const untolerated = run({
      name: 'untolerated', nodes, existing: [], preemptor: preemptor([constraint]), add: pod('p-a1', ['foo']), on: 'node-a',
      want: [],
    });
    // zone1 is not counted (its only node is tainted): the count stays 0, and zone2 is the only domain.
    expect(statuses(untolerated.c, untolerated.plugin, untolerated.incoming, untolerated.after))
      .toEqual(statusesOf(untolerated.c, [{ key: 'zone', counts: { zone2: 0 }, min: 0 }]));
    expect(untolerated.after).toBe(untolerated.pre);
    const tolerated = run({
      name: 'tolerated', nodes, existing: [],
      preemptor: preemptor([constraint], ['foo'], { tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }] }),
      add: pod('p-a1', ['foo']), on: 'node-a', want: [],
    });
    expect(statuses(tolerated.c, tolerated.plugin, tolerated.incoming, tolerated.after))
      .toEqual(statusesOf(tolerated.c, [{ key: 'zone', counts: { zone1: 1, zone2: 0 }, min: 0 }]));
  });

  it('below minDomains the minimum stays 0, however the counts change', () => {
    // Two zones, minDomains 3: adding on zone2 makes both zones 1, yet the minimum stays 0.
    const k: Case = {
      name: 'minDomains', nodes: ax, existing: [bound('p-a1', ['foo'], 'node-a')],
      preemptor: preemptor([spread('zone', foo, { minDomains: 3 })]),
      add: pod('p-x1', ['foo']), on: 'node-x',
      want: [{ key: 'zone', counts: { zone1: 1, zone2: 1 }, min: 0 }],
    };
    const { c, plugin, incoming, after } = run(k);
    expect(statuses(c, plugin, incoming, after)).toEqual({ 'node-a': 'Unschedulable', 'node-x': 'Unschedulable' });
    expect(statuses(c, plugin, incoming, after)).toEqual(statusesOf(c, k.want));
  });

  it('pods added in two domains of one constraint keep the minimum exact (a third domain stays at 0)', () => {
    // kube's two critical paths assume one node per what-if; here zone1 and zone2 both get
    // a pod, zone3 keeps 0: the minimum is 0, so zone1 and zone2 reject (1 + 1 - 0 > 1).
    const c = testCluster([node('n1', 'z1'), node('n2', 'z2'), node('n3', 'z3')]);
    const plugin = create({ defaultingType: 'List' }, { model: c.model });
    const incoming = c.pod(preemptor([spread('zone', foo)]));
    const cx: CycleContext = { view: c.state };
    const id = (name: string) => c.state.nodeByName(c.model.symbols.intern(name)) as NodeId;
    let s = plugin.preFilter!(cx, incoming);
    s = plugin.addPod!(cx, incoming, s, c.pod(pod('q1', ['foo'])), id('n1'));
    s = plugin.addPod!(cx, incoming, s, c.pod(pod('q2', ['foo'])), id('n2'));
    expect(statuses(c, plugin, incoming, s)).toEqual({ n1: 'Unschedulable', n2: 'Unschedulable', n3: 'Success' });
    // And once zone3 gets one too, the minimum is 1 everywhere.
    s = plugin.addPod!(cx, incoming, s, c.pod(pod('q3', ['foo'])), id('n3'));
    expect(statuses(c, plugin, incoming, s)).toEqual({ n1: 'Success', n2: 'Success', n3: 'Success' });
  });

  it('removing what was added returns the original verdicts, and the original state never changes', () => {
    const c = testCluster(abx);
    c.bound(bound('p-a1', ['foo'], 'node-a'));
    const plugin = create({ defaultingType: 'List' }, { model: c.model });
    const incoming = c.pod(preemptor([spread('zone', foo), spread('node', foo)]));
    const cx: CycleContext = { view: c.state };
    const pre = plugin.preFilter!(cx, incoming);
    const before = statuses(c, plugin, incoming, pre);
    const x = c.state.nodeByName(c.model.symbols.intern('node-x')) as NodeId;
    const q = c.pod(pod('q', ['foo']));
    const added = plugin.addPod!(cx, incoming, pre, q, x);
    expect(statuses(c, plugin, incoming, added)).not.toEqual(before);
    expect(statuses(c, plugin, incoming, plugin.removePod!(cx, incoming, added, q, x))).toEqual(before);
    expect(statuses(c, plugin, incoming, pre)).toEqual(before);
  });
});

describe('PodTopologySpread hooks follow kube where it differs from PreFilter run again', () => {
  it('removing a terminating pod lowers the count, which PreFilter never counted (updateWithPod checks no deletionTimestamp)', () => {
    // PreFilter: zone1 1, zone2 0 (the terminating pod skipped); kube's RemovePod of the
    // terminating pod on node-x: zone2 -1, minimum -1. maxSkew 2: node-a 1 + 1 + 1 = 3 > 2.
    const c = testCluster(ax);
    c.bound(bound('p-a1', ['foo'], 'node-a'));
    const x = c.state.nodeByName(c.model.symbols.intern('node-x')) as NodeId;
    const terminating = { ...c.pod(pod('t', ['foo'])), terminating: true };
    c.state.bind(terminating, x);
    const plugin = create({ defaultingType: 'List' }, { model: c.model });
    const incoming = c.pod(preemptor([spread('zone', foo, { maxSkew: 2 })]));
    const cx: CycleContext = { view: c.state };
    const pre = plugin.preFilter!(cx, incoming);
    expect(statuses(c, plugin, incoming, pre)).toEqual({ 'node-a': 'Success', 'node-x': 'Success' });
    const after = plugin.removePod!(cx, incoming, pre, terminating, x);
    expect(statuses(c, plugin, incoming, after))
      .toEqual(statusesOf(c, [{ key: 'zone', counts: { zone1: 1, zone2: -1 }, min: -1, maxSkew: 2 }]));
    expect(statuses(c, plugin, incoming, after)).toEqual({ 'node-a': 'Unschedulable', 'node-x': 'Success' });
    // PreFilter after a real unbind still sees zone1 1, zone2 0.
    c.state.unbind(terminating, x);
    expect(statuses(c, plugin, incoming, plugin.preFilter!(cx, incoming))).toEqual({ 'node-a': 'Success', 'node-x': 'Success' });
  });

  it('an empty selector counts added pods (labels.Everything() matches), though PreFilter counts none', () => {
    // PreFilter: 0 everywhere (countPodsMatchSelector returns 0 for an empty selector), the
    // pod matches itself. kube's AddPod on node-a: zone1 1, so node-a: 1 + 1 - 0 > 1.
    const c = testCluster(ax);
    const plugin = create({ defaultingType: 'List' }, { model: c.model });
    const incoming = c.pod(preemptor([spread('zone', {})]));
    const cx: CycleContext = { view: c.state };
    const pre = plugin.preFilter!(cx, incoming);
    const a = c.state.nodeByName(c.model.symbols.intern('node-a')) as NodeId;
    const q = c.pod(pod('q', ['anything']));
    const after = plugin.addPod!(cx, incoming, pre, q, a);
    expect(statuses(c, plugin, incoming, after)).toEqual(statusesOf(c, [{ key: 'zone', counts: { zone1: 1, zone2: 0 }, min: 0 }]));
    expect(statuses(c, plugin, incoming, after)).toEqual({ 'node-a': 'Unschedulable', 'node-x': 'Success' });
    c.state.bind(q, a);
    expect(statuses(c, plugin, incoming, plugin.preFilter!(cx, incoming))).toEqual({ 'node-a': 'Success', 'node-x': 'Success' });
    c.state.unbind(q, a);
  });
});

describe('PodTopologySpread through WhatIf (a preemption dry run on one node)', () => {
  it('removing the matching pods of the crowded zone\'s node makes it fit', () => {
    // zone1 (node-a) holds 2 matching pods, zone2 none: node-a rejects (2 + 1 - 0 > 1).
    // Removing both in the what-if: zone1 0, so node-a passes; the live state is untouched.
    const c = testCluster(ax);
    const victims = [c.bound(bound('v1', ['foo'], 'node-a')), c.bound(bound('v2', ['foo'], 'node-a'))];
    const registry = new Map<string, PluginFactory>([[NAME, create]]);
    const fw = buildFramework({ name: 't', filter: [NAME], score: [], args: { [NAME]: { defaultingType: 'List' } } }, registry, c.model);
    const incoming = c.pod(preemptor([spread('zone', foo)]));
    const whatIf = new NodeFitChecker(fw).whatIf(c.state, incoming)!;
    const a = c.state.nodeByName(c.model.symbols.intern('node-a')) as NodeId;
    whatIf.focus(a);
    expect(whatIf.rejection()).toBe(0);
    whatIf.remove(victims[0]!);
    expect(whatIf.rejection()).toBe(0);
    whatIf.remove(victims[1]!);
    expect(whatIf.rejection()).toBe(-1);
    whatIf.undo();
    expect(whatIf.rejection()).toBe(0);
    expect(c.state.podsOn(a)).toHaveLength(2);
  });
});
