import { describe, expect, it } from 'vitest';
import type { CycleContext, NodeList } from '../framework/types.js';
import { SKIP } from '../framework/types.js';
import { verdictReasons, verdictStatus } from '../framework/verdict.js';
import type { NodeId } from '../model/ids.js';
import type { NodeSketch } from '../testing/builders.js';
import { testCluster } from '../testing/builders.js';
import { create } from './taint-toleration.js';

type Taint = { key: string; value?: string; effect: string };
type Tol = Record<string, string>;

function setup(nodes: NodeSketch[], tolerations: Tol[]) {
  const c = testCluster(nodes);
  const plugin = create(undefined, { model: c.model });
  const pod = c.pod({ spec: { tolerations } });
  const cx: CycleContext = { view: c.state };
  return { c, plugin, pod, cx };
}

function filter(taints: Taint[], tolerations: Tol[]) {
  const { plugin, pod, cx } = setup([{ name: 'nodeA', taints }], tolerations);
  const v = plugin.filter!(cx, pod, 0 as NodeId, undefined);
  return { status: verdictStatus(plugin, v), reasons: verdictReasons(plugin, cx, pod, 0 as NodeId, v, undefined) };
}

function scores(nodes: NodeSketch[], tolerations: Tol[]) {
  const { plugin, pod, cx } = setup(nodes, tolerations);
  const list: NodeList = { ids: Int32Array.from(nodes.map((_, i) => i)), count: nodes.length };
  const pre = plugin.preScore!(cx, pod, list);
  expect(pre).not.toBe(SKIP);
  const out = new Float64Array(list.count);
  for (let i = 0; i < list.count; i++) out[i] = plugin.score!(cx, pod, i as NodeId, pre);
  plugin.normalize!(cx, pod, list, out, pre);
  return [...out];
}

describe('TaintToleration.filter', () => {
  // Cases: kube-scheduler tainttoleration/taint_toleration_test.go TestTaintTolerationFilter.
  const dedicated1: Taint = { key: 'dedicated', value: 'user1', effect: 'NoSchedule' };
  const cases: { name: string; tols: Tol[]; taints: Taint[]; want: string; reason?: string }[] = [
    { name: 'A pod having no tolerations can\'t be scheduled onto a node with nonempty taints', tols: [], taints: [dedicated1], want: 'UnschedulableAndUnresolvable', reason: 'node(s) had untolerated taint {dedicated: user1}' },
    { name: 'A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule', tols: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], taints: [dedicated1], want: 'Success' },
    { name: 'A pod which can\'t be scheduled on a dedicated node assigned to user2 with effect NoSchedule', tols: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }], taints: [dedicated1], want: 'UnschedulableAndUnresolvable', reason: 'node(s) had untolerated taint {dedicated: user1}' },
    { name: 'A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node', tols: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }], taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], want: 'Success' },
    {
      name: 'A pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node',
      tols: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      taints: [{ key: 'dedicated', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' }], want: 'Success',
    },
    { name: 'A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn\'t match, can\'t be scheduled onto the node', tols: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }], taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], want: 'UnschedulableAndUnresolvable', reason: 'node(s) had untolerated taint {foo: bar}' },
    { name: 'The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node', tols: [{ key: 'foo', operator: 'Equal', value: 'bar' }], taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], want: 'Success' },
    { name: 'The pod has a toleration that key and value don\'t match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node', tols: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }], taints: [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }], want: 'Success' },
    { name: 'The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node', tols: [], taints: [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }], want: 'Success' },
    { name: 'NoExecute taints count as well', tols: [], taints: [{ key: 'gone', effect: 'NoExecute' }], want: 'UnschedulableAndUnresolvable', reason: 'node(s) had untolerated taint {gone: }' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = filter(c.taints, c.tols);
      expect(r.status).toBe(c.want);
      if (c.reason !== undefined) expect(r.reasons).toEqual([c.reason]);
    });
  }
});

describe('TaintToleration.score + normalize (reverse)', () => {
  // Cases: kube-scheduler tainttoleration/taint_toleration_test.go TestTaintTolerationScore.
  const arm: Taint = { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' };
  const ssd: Taint = { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' };
  const cases: { name: string; tols: Tol[]; nodes: NodeSketch[]; want: number[] }[] = [
    {
      name: 'node with taints tolerated by the pod, gets a higher score than those node with intolerable taints',
      tols: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
      nodes: [{ name: 'nodeA', taints: [{ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }] }, { name: 'nodeB', taints: [{ key: 'foo', value: 'blah', effect: 'PreferNoSchedule' }] }],
      want: [100, 0],
    },
    {
      name: 'the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable taints a node has',
      tols: [{ key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' }, { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' }],
      nodes: [{ name: 'nodeA', taints: [] }, { name: 'nodeB', taints: [arm] }, { name: 'nodeC', taints: [arm, ssd] }],
      want: [100, 100, 100],
    },
    {
      name: 'the more intolerable taints a node has, the lower score it gets.',
      tols: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
      nodes: [{ name: 'nodeA', taints: [] }, { name: 'nodeB', taints: [arm] }, { name: 'nodeC', taints: [arm, ssd] }],
      want: [100, 50, 0],
    },
    {
      name: 'only taints and tolerations that have effect PreferNoSchedule are checked by taints-tolerations priority function',
      tols: [{ key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' }, { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' }],
      nodes: [{ name: 'nodeA', taints: [] }, { name: 'nodeB', taints: [{ ...arm, effect: 'NoSchedule' }] }, { name: 'nodeC', taints: [arm, ssd] }],
      want: [100, 100, 0],
    },
    {
      name: 'Default behaviour No taints and tolerations, lands on node with no taints',
      tols: [],
      nodes: [{ name: 'nodeA', taints: [] }, { name: 'nodeB', taints: [arm] }],
      want: [100, 0],
    },
  ];
  for (const c of cases) it(c.name, () => expect(scores(c.nodes, c.tols)).toEqual(c.want));
});
