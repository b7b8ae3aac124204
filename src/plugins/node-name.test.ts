import { describe, expect, it } from 'vitest';
import type { CycleContext } from '../framework/types.js';
import { SKIP } from '../framework/types.js';
import { verdictReasons, verdictStatus } from '../framework/verdict.js';
import type { NodeId } from '../model/ids.js';
import type { NodeSketch, PodSketch } from '../testing/builders.js';
import { testCluster } from '../testing/builders.js';
import { create } from './node-name.js';

function run(nodes: NodeSketch[], pod: PodSketch, node: string) {
  const c = testCluster(nodes);
  const plugin = create(undefined, { model: c.model });
  const p = c.pod(pod);
  const cx: CycleContext = { view: c.state };
  const id = c.state.nodeByName(c.model.symbols.intern(node)) as NodeId;
  // A PreFilter Skip means every node passes (kube's harness reads it as Success).
  if (plugin.preFilter!(cx, p) === SKIP) return { status: 'Success', reasons: [] };
  const v = plugin.filter!(cx, p, id, undefined);
  return { status: verdictStatus(plugin, v), reasons: verdictReasons(plugin, cx, p, id, v, undefined) };
}

describe('NodeName.filter', () => {
  // Cases: kube-scheduler nodename/node_name_test.go TestNodeName.
  const cases = [
    { name: 'no host specified', pod: {}, node: 'foo', want: 'Success' },
    { name: 'host matches', pod: { nodeName: 'foo' }, node: 'foo', want: 'Success' },
    { name: 'host doesn\'t match', pod: { nodeName: 'bar' }, node: 'foo', want: 'UnschedulableAndUnresolvable' },
  ];
  for (const c of cases) {
    it(c.name, () => expect(run([{ name: 'foo' }, { name: 'bar' }], c.pod, c.node).status).toBe(c.want));
  }
  it('names kube\'s reason', () => {
    expect(run([{ name: 'foo' }, { name: 'bar' }], { nodeName: 'bar' }, 'foo').reasons).toEqual(["node(s) didn't match the requested node name"]);
  });
  it('rejects unknown args', () => {
    const c = testCluster([]);
    expect(() => create({ foo: 1 }, { model: c.model })).toThrow(/unknown field "foo"/);
  });
});
