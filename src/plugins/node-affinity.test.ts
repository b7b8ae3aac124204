import { describe, expect, it } from 'vitest';
import type { CycleContext, NodeList, Plugin } from '../framework/types.js';
import { Rejection, SKIP } from '../framework/types.js';
import { verdictReasons, verdictStatus } from '../framework/verdict.js';
import type { NodeId, Sym } from '../model/ids.js';
import type { NodeSketch } from '../testing/builders.js';
import { testCluster } from '../testing/builders.js';
import { create } from './node-affinity.js';

type Req = { key: string; operator: string; values?: string[] };
type Term = { matchExpressions?: Req[]; matchFields?: Req[] };

const required = (...terms: Term[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
const expr = (key: string, operator: string, values?: string[]): Term => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });
const nameIn = (...names: string[]): Req[] => names.map((n) => ({ key: 'metadata.name', operator: 'In', values: [n] }));

interface FilterResult {
  readonly status: string;
  readonly reasons: string[];
  readonly nodeNames?: string[] | null;
}

function filter(node: NodeSketch, spec: Record<string, unknown>, args?: unknown): FilterResult {
  const c = testCluster([node, { name: 'other-node' }]);
  const plugin = create(args, { model: c.model }) as Plugin<{ nodeNames: Int32Array | null }>;
  const pod = c.pod({ spec });
  const cx: CycleContext = { view: c.state };
  const pre = plugin.preFilter!(cx, pod);
  if (pre === SKIP) return { status: 'Skip', reasons: [] };
  if (pre instanceof Rejection) return { status: `${pre.unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable'}: ${pre.message}`, reasons: [] };
  const v = plugin.filter!(cx, pod, 0 as NodeId, pre);
  const names = pre.nodeNames === null ? null : [...pre.nodeNames].map((s) => c.model.symbols.text(s as Sym)).sort();
  return { status: verdictStatus(plugin, v), reasons: verdictReasons(plugin, cx, pod, 0 as NodeId, v, pre), nodeNames: names };
}

describe('NodeAffinity PreFilter + Filter', () => {
  // Cases: kube-scheduler nodeaffinity/node_affinity_test.go TestNodeAffinity (node "n"
  // stands for the test's node; "other-node" only makes the snapshot bigger).
  const POD = "node(s) didn't match Pod's node affinity/selector";
  const ENFORCED = "node(s) didn't match scheduler-enforced node affinity";
  const U = 'UnschedulableAndUnresolvable';
  const cases: { name: string; labels?: Record<string, string>; node?: string; spec: Record<string, unknown>; args?: unknown; want: string; reason?: string; nodeNames?: string[] | null }[] = [
    { name: 'missing labels', spec: { nodeSelector: { foo: 'bar' } }, want: U, reason: POD },
    { name: 'same labels', labels: { foo: 'bar' }, spec: { nodeSelector: { foo: 'bar' } }, want: 'Success' },
    { name: 'node labels are superset', labels: { foo: 'bar', baz: 'blah' }, spec: { nodeSelector: { foo: 'bar' } }, want: 'Success' },
    { name: 'node labels are subset', labels: { foo: 'bar' }, spec: { nodeSelector: { foo: 'bar', baz: 'blah' } }, want: U },
    { name: 'Pod with matchExpressions using In operator that matches the existing node', labels: { foo: 'bar' }, spec: required(expr('foo', 'In', ['bar', 'value2'])), want: 'Success', nodeNames: null },
    { name: 'Pod with matchExpressions using Gt operator that matches the existing node', labels: { 'kernel-version': '0206' }, spec: required(expr('kernel-version', 'Gt', ['0204'])), want: 'Success' },
    { name: 'Pod with matchExpressions using NotIn operator that matches the existing node', labels: { 'mem-type': 'DDR3' }, spec: required(expr('mem-type', 'NotIn', ['DDR', 'DDR2'])), want: 'Success' },
    { name: 'Pod with matchExpressions using Exists operator that matches the existing node', labels: { GPU: 'NVIDIA-GRID-K1' }, spec: required(expr('GPU', 'Exists')), want: 'Success' },
    { name: 'Pod with affinity that don\'t match node\'s labels won\'t schedule onto the node', labels: { foo: 'bar' }, spec: required(expr('foo', 'In', ['value1', 'value2'])), want: U, reason: POD },
    { name: 'Pod with empty MatchExpressions is not a valid value will match no objects and won\'t schedule onto the node', labels: { foo: 'bar' }, spec: required({ matchExpressions: [] }), want: U },
    { name: 'Pod with no Affinity will schedule onto a node', labels: { foo: 'bar' }, spec: {}, want: 'Skip' },
    { name: 'Pod with Affinity but nil NodeSelector will schedule onto a node', labels: { foo: 'bar' }, spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: null } } }, want: 'Skip' },
    {
      name: 'Pod with multiple matchExpressions ANDed that matches the existing node', labels: { GPU: 'NVIDIA-GRID-K1' },
      spec: required({ matchExpressions: [{ key: 'GPU', operator: 'Exists' }, { key: 'GPU', operator: 'NotIn', values: ['AMD', 'INTER'] }] }), want: 'Success',
    },
    {
      name: 'Pod with multiple matchExpressions ANDed that doesn\'t match the existing node', labels: { GPU: 'NVIDIA-GRID-K1' },
      spec: required({ matchExpressions: [{ key: 'GPU', operator: 'Exists' }, { key: 'GPU', operator: 'In', values: ['AMD', 'INTER'] }] }), want: U,
    },
    { name: 'Pod with multiple NodeSelectorTerms ORed in affinity, matches the node\'s labels and will schedule onto the node', labels: { foo: 'bar' }, spec: required(expr('foo', 'In', ['bar', 'value2']), expr('diffkey', 'In', ['wrong', 'value2'])), want: 'Success' },
    { name: 'Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node', labels: { foo: 'bar' }, spec: { nodeSelector: { foo: 'bar' }, ...required(expr('foo', 'Exists')) }, want: 'Success' },
    { name: 'Pod with an Affinity matches node\'s labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won\'t schedule onto the node', labels: { foo: 'barrrrrr' }, spec: { nodeSelector: { foo: 'bar' }, ...required(expr('foo', 'Exists')) }, want: U },
    { name: 'Pod with an invalid value in Affinity term won\'t be scheduled onto the node', labels: { foo: 'bar' }, spec: required(expr('foo', 'NotIn', ['invalid value: ___@#$%^'])), want: U, reason: POD },
    { name: 'Pod with matchFields using In operator that matches the existing node', node: 'node1', spec: required({ matchFields: nameIn('node1') }), want: 'Success', nodeNames: ['node1'] },
    { name: 'Pod with matchFields using In operator that does not match the existing node', node: 'node2', spec: required({ matchFields: nameIn('node1') }), want: U, nodeNames: ['node1'] },
    { name: 'Pod with two terms: matchFields does not match, but matchExpressions matches', node: 'node2', labels: { foo: 'bar' }, spec: required({ matchFields: nameIn('node1') }, expr('foo', 'In', ['bar'])), want: 'Success', nodeNames: null },
    { name: 'Pod with one term: matchFields does not match, but matchExpressions matches', node: 'node2', labels: { foo: 'bar' }, spec: required({ matchFields: nameIn('node1'), ...expr('foo', 'In', ['bar']) }), want: U, nodeNames: ['node1'] },
    { name: 'Pod with one term: both matchFields and matchExpressions match', node: 'node1', labels: { foo: 'bar' }, spec: required({ matchFields: nameIn('node1'), ...expr('foo', 'In', ['bar']) }), want: 'Success', nodeNames: ['node1'] },
    { name: 'Pod with two terms: both matchFields and matchExpressions do not match', node: 'node2', labels: { foo: 'bar' }, spec: required({ matchFields: nameIn('node1') }, expr('foo', 'In', ['not-match-to-bar'])), want: U },
    { name: 'Pod with two terms of node.Name affinity', node: 'node2', spec: required({ matchFields: nameIn('node1') }, { matchFields: nameIn('node2') }), want: 'Success', nodeNames: ['node1', 'node2'] },
    { name: 'Pod with two conflicting mach field requirements', node: 'node2', labels: { foo: 'bar' }, spec: required({ matchFields: nameIn('node1', 'node2') }), want: `${U}: pod affinity terms conflict` },
    {
      name: 'Matches added affinity and Pod\'s node affinity', node: 'node2', labels: { zone: 'foo' }, spec: required(expr('zone', 'In', ['foo'])),
      args: { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: nameIn('node2') }] } } }, want: 'Success',
    },
    {
      name: 'Matches added affinity but not Pod\'s node affinity', node: 'node2', labels: { zone: 'foo' }, spec: required(expr('zone', 'In', ['bar'])),
      args: { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: nameIn('node2') }] } } }, want: U, reason: POD,
    },
    {
      name: 'Doesn\'t match added affinity', node: 'node2', labels: { zone: 'foo' }, spec: {},
      args: { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [expr('zone', 'In', ['bar'])] } } }, want: U, reason: ENFORCED,
    },
    {
      name: 'the enforced affinity is checked before the pod\'s', labels: { zone: 'foo' }, spec: { nodeSelector: { zone: 'bar' } },
      args: { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [expr('zone', 'In', ['bar'])] } } }, want: U, reason: ENFORCED,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = filter({ name: c.node ?? 'n', labels: c.labels ?? {} }, c.spec, c.args);
      expect(r.status).toBe(c.want);
      if (c.reason !== undefined) expect(r.reasons).toEqual([c.reason]);
      if (c.nodeNames !== undefined) expect(r.nodeNames).toEqual(c.nodeNames);
    });
  }
});

function scores(nodes: NodeSketch[], spec: Record<string, unknown>, args?: unknown): number[] | 'Skip' {
  const c = testCluster(nodes);
  const plugin = create(args, { model: c.model });
  const pod = c.pod({ spec });
  const cx: CycleContext = { view: c.state };
  const list: NodeList = { ids: Int32Array.from(nodes.map((_, i) => i)), count: nodes.length };
  const pre = plugin.preScore!(cx, pod, list);
  if (pre === SKIP) return 'Skip';
  const out = new Float64Array(list.count);
  for (let i = 0; i < list.count; i++) out[i] = plugin.score!(cx, pod, i as NodeId, pre);
  plugin.normalize!(cx, pod, list, out, pre);
  return [...out];
}

describe('NodeAffinity PreScore + Score + NormalizeScore', () => {
  // Cases: kube-scheduler nodeaffinity/node_affinity_test.go TestNodeAffinityPriority.
  const label1 = { foo: 'bar' };
  const label2 = { key: 'value' };
  const label3 = { az: 'az1' };
  const label4 = { abc: 'az11', def: 'az22' };
  const label5 = { foo: 'bar', key: 'value', az: 'az1' };
  const pref = (weight: number, term: Term) => ({ weight, preference: term });
  const affinity1 = { preferredDuringSchedulingIgnoredDuringExecution: [pref(2, expr('foo', 'In', ['bar']))] };
  const affinity2 = {
    preferredDuringSchedulingIgnoredDuringExecution: [
      pref(2, expr('foo', 'In', ['bar'])),
      pref(4, expr('key', 'In', ['value'])),
      pref(5, { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }, { key: 'key', operator: 'In', values: ['value'] }, { key: 'az', operator: 'In', values: ['az1'] }] }),
    ],
  };
  const n = (name: string, labels: Record<string, string>): NodeSketch => ({ name, labels });
  const cases: { name: string; nodes: NodeSketch[]; spec: Record<string, unknown>; args?: unknown; want: number[] | 'Skip' }[] = [
    { name: 'all nodes are same priority as NodeAffinity is nil (Skip is returned in PreScore)', nodes: [n('node1', label1), n('node2', label2), n('node3', label3)], spec: {}, want: 'Skip' },
    {
      name: 'no node matches preferred scheduling requirements in NodeAffinity of pod so all nodes\' priority is zero',
      nodes: [n('node1', label4), n('node2', label2), n('node3', label3)], spec: { affinity: { nodeAffinity: affinity1 } }, want: [0, 0, 0],
    },
    {
      name: 'only node1 matches the preferred scheduling requirements of pod',
      nodes: [n('node1', label1), n('node2', label2), n('node3', label3)], spec: { affinity: { nodeAffinity: affinity1 } }, want: [100, 0, 0],
    },
    {
      // Raw 2, 11, 4: 100*2/11 = 18, 100*4/11 = 36.
      name: 'all nodes matches the preferred scheduling requirements of pod but with different priorities ',
      nodes: [n('node1', label1), n('node5', label5), n('node2', label2)], spec: { affinity: { nodeAffinity: affinity2 } }, want: [18, 100, 36],
    },
    {
      name: 'added affinity',
      nodes: [n('node1', label1), n('node2', label2)], spec: {}, args: { addedAffinity: affinity1 }, want: [100, 0],
    },
    {
      // Raw 2, 3, 5: 100*2/5 = 40, 100*3/5 = 60.
      name: 'added affinity and pod has default affinity',
      nodes: [n('node1', label1), n('node2', label2), n('node3', label5)], spec: { affinity: { nodeAffinity: affinity1 } },
      args: { addedAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(3, expr('key', 'In', ['value']))] } }, want: [40, 60, 100],
    },
    {
      name: 'a preferred term on metadata.name',
      nodes: [n('node1', {}), n('node2', {})], spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(7, { matchFields: nameIn('node2') })] } } }, want: [0, 100],
    },
    {
      name: 'an unparsable preferred term counts for no node (kube: PreScore error)',
      nodes: [n('node1', label1)], spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(2, expr('invalid key', 'In', ['bar']))] } } }, want: [0],
    },
  ];
  for (const c of cases) it(c.name, () => expect(scores(c.nodes, c.spec, c.args)).toEqual(c.want));
});

describe('NodeAffinityArgs', () => {
  const model = () => testCluster([]).model;
  const cases: { name: string; args: unknown; error: RegExp | null }[] = [
    { name: 'absent args', args: undefined, error: null },
    { name: 'empty args', args: {}, error: null },
    { name: 'apiVersion and kind are allowed', args: { apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'NodeAffinityArgs' }, error: null },
    { name: 'unknown field', args: { addedAffinty: {} }, error: /^addedAffinty: unknown field/ },
    { name: 'unknown nested field', args: { addedAffinity: { requiredDuringSchedulingRequiredDuringExecution: {} } }, error: /^addedAffinity\.requiredDuringSchedulingRequiredDuringExecution: unknown field/ },
    {
      name: 'an unparsable required term is an error (ValidateNodeAffinityArgs)',
      args: { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [expr('foo', 'Gt', ['x'])] } } },
      error: /^addedAffinity\.requiredDuringSchedulingIgnoredDuringExecution\.nodeSelectorTerms\[0\]\.matchExpressions\[0\]: values\[0\]: .*integer/,
    },
    {
      name: 'an unparsable preferred term is an error',
      args: { addedAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: expr('invalid key', 'Exists') }] } },
      error: /^addedAffinity\.preferredDuringSchedulingIgnoredDuringExecution\[0\]\.preference\.matchExpressions\[0\]: invalid label key/,
    },
    {
      name: 'a negative weight is an error',
      args: { addedAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: -1, preference: expr('a', 'Exists') }] } },
      error: /weight must not be negative/,
    },
    {
      name: 'In without values is an error',
      args: { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }] } } },
      error: /nodeSelectorTerms\[0\]\.matchExpressions\[0\]: operator In needs at least one value/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const build = () => create(c.args, { model: model() });
      if (c.error === null) expect(build).not.toThrow();
      else expect(build).toThrow(c.error);
    });
  }

  it('an empty required selector rejects every node as enforced', () => {
    const r = filter({ name: 'n' }, {}, { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } });
    expect(r.reasons).toEqual(["node(s) didn't match scheduler-enforced node affinity"]);
  });
});
