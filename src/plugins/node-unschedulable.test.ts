import { describe, expect, it } from 'vitest';
import type { CycleContext } from '../framework/types.js';
import { SKIP } from '../framework/types.js';
import { verdictReasons, verdictStatus } from '../framework/verdict.js';
import type { NodeId } from '../model/ids.js';
import type { NodeSketch, PodSketch } from '../testing/builders.js';
import { testCluster } from '../testing/builders.js';
import { create } from './node-unschedulable.js';

function run(node: NodeSketch, pod: PodSketch) {
  const c = testCluster([node]);
  const plugin = create({}, { model: c.model });
  const p = c.pod(pod);
  const cx: CycleContext = { view: c.state };
  const pre = plugin.preFilter!(cx, p);
  // A PreFilter Skip means every node passes (kube's harness reads it as Success).
  if (pre === SKIP) return { status: 'Success', reasons: [], pre };
  const v = plugin.filter!(cx, p, 0 as NodeId, pre);
  return { status: verdictStatus(plugin, v), reasons: verdictReasons(plugin, cx, p, 0 as NodeId, v, pre), pre };
}

const unschedulableToleration = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

describe('NodeUnschedulable.filter', () => {
  // Cases: kube-scheduler nodeunschedulable/node_unschedulable_test.go TestNodeUnschedulable.
  const cases: { name: string; node: NodeSketch; pod: PodSketch; want: string }[] = [
    { name: 'Does not schedule pod to unschedulable node (node.Spec.Unschedulable==true)', node: { name: 'n', unschedulable: true }, pod: {}, want: 'UnschedulableAndUnresolvable' },
    { name: 'Schedule pod to normal node', node: { name: 'n', unschedulable: false }, pod: {}, want: 'Success' },
    {
      name: 'Schedule pod with toleration to unschedulable node (node.Spec.Unschedulable==true)',
      node: { name: 'n', unschedulable: true }, pod: { spec: { tolerations: [unschedulableToleration] } }, want: 'Success',
    },
    {
      name: 'an Exists toleration with an empty key tolerates it too',
      node: { name: 'n', unschedulable: true }, pod: { spec: { tolerations: [{ operator: 'Exists' }] } }, want: 'Success',
    },
    {
      name: 'a toleration for another effect does not',
      node: { name: 'n', unschedulable: true }, pod: { spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoExecute' }] } },
      want: 'UnschedulableAndUnresolvable',
    },
    {
      name: 'a toleration with a value does not (the taint has an empty value)',
      node: { name: 'n', unschedulable: true }, pod: { spec: { tolerations: [{ ...unschedulableToleration, value: 'x' }] } },
      want: 'UnschedulableAndUnresolvable',
    },
  ];
  for (const c of cases) it(c.name, () => expect(run(c.node, c.pod).status).toBe(c.want));

  it('names kube\'s reason, and skips filtering only for a pod that tolerates the taint', () => {
    const r = run({ name: 'n', unschedulable: true }, {});
    expect(r.reasons).toEqual(['node(s) were unschedulable']);
    expect(r.pre).not.toBe(SKIP);
    expect(run({ name: 'n', unschedulable: true }, { spec: { tolerations: [unschedulableToleration] } }).pre).toBe(SKIP);
  });
});
