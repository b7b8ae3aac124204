import { describe, expect, it } from 'vitest';
import type { CycleContext, Plugin } from '../framework/types.js';
import { SKIP } from '../framework/types.js';
import type { NodeId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import type { PodSketch, TestCluster } from '../testing/builders.js';
import { testCluster } from '../testing/builders.js';
import { create } from './inter-pod-affinity.js';

/**
 * addPod/removePod, transcribed from kube-scheduler's TestPreFilterStateAddRemovePod
 * (pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go). kube compares the
 * count maps; our state keeps counts per term and domain with the hooks' changes patched
 * on top, so each case checks what the counts decide: Filter's reason on every node after
 * AddPod (written out from kube's expected maps), that it equals PreFilter run with the
 * added pod really bound (kube's allPodsState), and that RemovePod gives back the
 * original verdicts. Where kube expects a count of 2, a follow-up removes one of the two
 * pods and shows the domain still counts.
 */

const nodes = [
  { name: 'nodeA', labels: { region: 'r1', zone: 'z11' } },
  { name: 'nodeB', labels: { region: 'r1', zone: 'z12' } },
  { name: 'nodeC', labels: { region: 'r2', zone: 'z21' } },
];
const selector1 = { foo: 'bar' };
const antiAffinityFooBar = {
  requiredDuringSchedulingIgnoredDuringExecution: [
    { labelSelector: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] }, topologyKey: 'region' },
  ],
};
const complexTerms = [
  { labelSelector: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'buzz'] }] }, topologyKey: 'region' },
  { labelSelector: { matchExpressions: [{ key: 'service', operator: 'NotIn', values: ['bar', 'security', 'test'] }] }, topologyKey: 'zone' },
];
const antiAffinityComplex = { requiredDuringSchedulingIgnoredDuringExecution: complexTerms };
const affinityComplex = { requiredDuringSchedulingIgnoredDuringExecution: complexTerms };

const SUCCESS = 'Success';
const AFFINITY = "node(s) didn't match pod affinity rules";
const ANTI = "node(s) didn't match pod anti-affinity rules";
const EXISTING = "node(s) didn't satisfy existing pods anti-affinity rules";

type Reasons = Record<string, string>;

interface Case {
  readonly name: string;
  readonly pendingPod: PodSketch;
  readonly existingPods: readonly (PodSketch & { nodeName: string })[];
  readonly addedPod: PodSketch & { nodeName: string };
  /** Filter after AddPod, from kube's expectedAffinity / expectedAntiAffinity and the existing pods' terms. */
  readonly afterAdd: Reasons;
  /** Filter after AddPod and then RemovePod of the existing pod named here (a count of 2 drops to 1). */
  readonly thenRemove?: { readonly pod: string; readonly want: Reasons };
}

const cases: readonly Case[] = [
  {
    name: 'anti-affinity terms are updated correctly after adding and removing a pod',
    pendingPod: { name: 'pending', labels: selector1, spec: { affinity: { podAntiAffinity: antiAffinityFooBar } } },
    existingPods: [
      { name: 'p1', labels: selector1, nodeName: 'nodeA' },
      { name: 'p2', nodeName: 'nodeC', spec: { affinity: { podAntiAffinity: antiAffinityFooBar } } },
    ],
    addedPod: { name: 'addedPod', labels: selector1, nodeName: 'nodeB', spec: { affinity: { podAntiAffinity: antiAffinityFooBar } } },
    // expectedAntiAffinity {region/r1: 2}; p2's term matches the pending pod in r2.
    afterAdd: { nodeA: ANTI, nodeB: ANTI, nodeC: EXISTING },
    thenRemove: { pod: 'p1', want: { nodeA: ANTI, nodeB: ANTI, nodeC: EXISTING } },
  },
  {
    name: 'anti-affinity terms (two keys) are updated correctly after adding and removing a pod',
    pendingPod: { name: 'pending', labels: selector1, spec: { affinity: { podAntiAffinity: antiAffinityComplex } } },
    existingPods: [
      { name: 'p1', labels: selector1, nodeName: 'nodeA' },
      { name: 'p2', nodeName: 'nodeC', spec: { affinity: { podAntiAffinity: antiAffinityFooBar } } },
    ],
    addedPod: { name: 'addedPod', labels: selector1, nodeName: 'nodeA', spec: { affinity: { podAntiAffinity: antiAffinityComplex } } },
    // expectedAntiAffinity {region/r1: 2, zone/z11: 2, zone/z21: 1}.
    afterAdd: { nodeA: ANTI, nodeB: ANTI, nodeC: ANTI },
    thenRemove: { pod: 'p1', want: { nodeA: ANTI, nodeB: ANTI, nodeC: ANTI } },
  },
  {
    name: 'matching pod affinity and anti-affinity are updated correctly after adding and removing a pod',
    pendingPod: { name: 'pending', labels: selector1, spec: { affinity: { podAffinity: affinityComplex } } },
    existingPods: [
      { name: 'p1', labels: selector1, nodeName: 'nodeA' },
      { name: 'p2', nodeName: 'nodeC', spec: { affinity: { podAntiAffinity: antiAffinityFooBar, podAffinity: affinityComplex } } },
    ],
    addedPod: { name: 'addedPod', labels: selector1, nodeName: 'nodeA', spec: { affinity: { podAntiAffinity: antiAffinityComplex } } },
    // expectedAffinity {region/r1: 2, zone/z11: 2}: only nodeA has both; the added pod's
    // anti-affinity matches the pending pod (region r1, and zone z11: a key no existing
    // pod's term had), p2's in region r2.
    afterAdd: { nodeA: EXISTING, nodeB: AFFINITY, nodeC: AFFINITY },
    thenRemove: { pod: 'p1', want: { nodeA: EXISTING, nodeB: AFFINITY, nodeC: AFFINITY } },
  },
];

/** Filter's reason per node name ('Success' when it passes). */
function reasons(c: TestCluster, plugin: Plugin, pod: CompiledPod, pre: unknown): Reasons {
  const cx: CycleContext = { view: c.state };
  const out: Reasons = {};
  for (const n of c.nodes) {
    const v = pre === SKIP ? 0 : plugin.filter!(cx, pod, c.state.nodeByName(n.name) as NodeId, pre);
    out[c.model.symbols.text(n.name)] = v === 0 ? SUCCESS : plugin.reasons![Math.log2(v & -v)]!.text;
  }
  return out;
}

describe('InterPodAffinity addPod/removePod (TestPreFilterStateAddRemovePod)', () => {
  for (const tc of cases) {
    it(tc.name, () => {
      const c = testCluster(nodes);
      const existing = new Map(tc.existingPods.map((p) => [p.name!, c.bound(p)]));
      const plugin = create({}, { model: c.model });
      const cx: CycleContext = { view: c.state };
      const pending = c.pod(tc.pendingPod);
      const added = c.pod(tc.addedPod);
      const node = (name: string) => c.state.nodeByName(c.model.symbols.intern(name)) as NodeId;
      const addedNode = node(tc.addedPod.nodeName);

      const state = plugin.preFilter!(cx, pending);
      expect(state).not.toBe(SKIP);
      const original = reasons(c, plugin, pending, state);
      const afterAdd = plugin.addPod!(cx, pending, state, added, addedNode);
      const seenAfterAdd = reasons(c, plugin, pending, afterAdd);
      const afterRemove = plugin.removePod!(cx, pending, afterAdd, added, addedNode);
      const seenAfterRemove = reasons(c, plugin, pending, afterRemove);
      let thenRemoved: Reasons | null = null;
      if (tc.thenRemove !== undefined) {
        const p = existing.get(tc.thenRemove.pod)!;
        thenRemoved = reasons(c, plugin, pending, plugin.removePod!(cx, pending, afterAdd, p, c.state.nodeOf(p.id) as NodeId));
      }
      expect(reasons(c, plugin, pending, state)).toEqual(original); // the hooks wrote nothing

      expect(seenAfterAdd).toEqual(tc.afterAdd);
      expect(seenAfterRemove).toEqual(original);
      if (tc.thenRemove !== undefined) expect(thenRemoved).toEqual(tc.thenRemove.want);
      // kube's allPodsState: PreFilter with the added pod bound.
      c.state.bind(added, addedNode);
      expect(reasons(c, plugin, pending, plugin.preFilter!(cx, pending))).toEqual(tc.afterAdd);
    });
  }

  it('keeps Skip when PreFilter skips (kube\'s "no affinity exist" case: the framework never calls the hooks)', () => {
    const c = testCluster(nodes);
    c.bound({ name: 'p1', labels: selector1, nodeName: 'nodeA' });
    c.bound({ name: 'p2', nodeName: 'nodeC' });
    const plugin = create({}, { model: c.model });
    const pending = c.pod({ name: 'pending', labels: selector1 });
    expect(plugin.preFilter!({ view: c.state }, pending)).toBe(SKIP);
  });
});
