import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CycleContext } from '../framework/types.js';
import { SKIP } from '../framework/types.js';
import type { NodeId } from '../model/ids.js';
import { compileLabels } from '../model/labels.js';
import '../testing/fast-check-seed.js';
import { testCluster } from '../testing/builders.js';
import type { HookChange, WhatIfPods } from '../testing/hook-replay.js';
import { applyHookOp, expectHooksMatchRecompute, filterVerdicts } from '../testing/hook-replay.js';
import { create } from './inter-pod-affinity.js';

/**
 * addPod/removePod follow kube's preFilterState.updateWithPod, which for InterPodAffinity
 * equals recomputing PreFilter: for random small clusters (nodes with or without zone,
 * rack and hostname labels), namespaces with labels, pods with required (anti-)affinity
 * terms on those keys (own namespace, a namespace list, namespaceSelector {} or by
 * label), a random incoming pod and a random sequence of removals of bound pods,
 * additions of new pods and re-additions of removed ones on random nodes, filter() with
 * the hook-updated state gives, on every node and after every step, the verdict filter()
 * gives with PreFilter recomputed after really binding and unbinding the same pods.
 *
 * CAVEAT: when PreFilter returns Skip for the incoming pod, kube's framework never calls
 * the hooks (the plugin stays skipped for the cycle, even if an added pod's
 * anti-affinity would reject the pod); such runs have nothing to compare.
 */

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const RACK = 'example.com/rack';

const appArb = fc.constantFrom('a', 'b', 'c');
const termArb = fc.record({
  app: appArb,
  key: fc.constantFrom(ZONE, HOST, RACK),
  ns: fc.constantFrom('own', 'list', 'all', 'red'),
});
type TermGen = typeof termArb extends fc.Arbitrary<infer T> ? T : never;
const podArb = fc.record({
  app: appArb,
  ns: fc.constantFrom('ns1', 'ns2'),
  affinity: fc.array(termArb, { maxLength: 2 }),
  anti: fc.array(termArb, { maxLength: 2 }),
});
type PodGen = typeof podArb extends fc.Arbitrary<infer T> ? T : never;
const nodeArb = fc.record({
  zone: fc.option(fc.constantFrom('z1', 'z2', 'z3'), { nil: undefined }),
  rack: fc.option(fc.constantFrom('r1', 'r2'), { nil: undefined }),
  host: fc.boolean(),
});
const opArb = fc.oneof(
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), pod: podArb, node: fc.nat() }),
  fc.record({ kind: fc.constant('readd' as const), pick: fc.nat(), node: fc.nat() }),
);

function termJson(t: TermGen) {
  const ns = t.ns === 'list' ? { namespaces: ['ns1'] }
    : t.ns === 'all' ? { namespaceSelector: {} }
      : t.ns === 'red' ? { namespaceSelector: { matchLabels: { team: 'red' } } }
        : {};
  return { labelSelector: { matchLabels: { app: t.app } }, topologyKey: t.key, ...ns };
}

function podSpec(g: PodGen, name: string) {
  return {
    name, namespace: g.ns, labels: { app: g.app },
    spec: {
      affinity: {
        podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: g.affinity.map(termJson) },
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: g.anti.map(termJson) },
      },
    },
  };
}

/** One change of the what-if: `pod` bound to (add) or taken off (remove) `node`. */
/** filter() on every node; a skipped PreFilter passes every node. */
describe('InterPodAffinity addPod/removePod (property)', () => {
  it('give the verdicts of PreFilter recomputed after the same binds and unbinds, on every node after every step', () => {
    let compared = 0;
    fc.assert(fc.property(
      fc.array(nodeArb, { minLength: 2, maxLength: 6 }),
      fc.array(fc.record({ pod: podArb, node: fc.nat() }), { maxLength: 10 }),
      podArb,
      fc.array(opArb, { minLength: 1, maxLength: 6 }),
      (nodeGen, boundGen, incomingGen, ops) => {
        const c = testCluster(nodeGen.map((n, i) => ({
          name: `n${i}`,
          labels: {
            ...(n.zone === undefined ? {} : { [ZONE]: n.zone }),
            ...(n.rack === undefined ? {} : { [RACK]: n.rack }),
            ...(n.host ? { [HOST]: `n${i}` } : {}),
          },
        })));
        const s = c.model.symbols;
        c.state.setNamespace(s.intern('ns1'), compileLabels({ team: 'red' }, s));
        c.state.setNamespace(s.intern('ns2'), compileLabels({ team: 'blue' }, s));
        const nodes = Array.from(c.state.nodeOrder()) as NodeId[];
        const placed = boundGen.map((b, i) => {
          const pod = c.pod(podSpec(b.pod, `b${i}`));
          const node = nodes[b.node % nodes.length]!;
          c.state.bind(pod, node);
          return { pod, node };
        });
        const incoming = c.pod(podSpec(incomingGen, 'incoming'));
        const plugin = create({}, { model: c.model });
        const cx: CycleContext = { view: c.state };
        const pre = plugin.preFilter!(cx, incoming);
        if (pre === SKIP) return; // kube keeps Skip: the hooks are never called
        const before = filterVerdicts(plugin, cx, incoming, pre, nodes);

        // The what-if through the hooks, verdicts recorded after every step.
        const changes: HookChange[] = [];
        const seen: number[][] = [];
        const pods: WhatIfPods = { placed, removed: [] };
        let state: unknown = pre;
        for (const [k, op] of ops.entries()) {
          const step = applyHookOp(plugin, cx, incoming, state, op, pods, nodes, (g) => c.pod(podSpec(g, `new${k}`)));
          if (step === null) continue;
          state = step.state;
          changes.push(step.change);
          seen.push(filterVerdicts(plugin, cx, incoming, state, nodes));
        }
        // The hooks never write the state they are given (nor the live tallies it shares).
        expect(filterVerdicts(plugin, cx, incoming, pre, nodes)).toEqual(before);

        // The same changes made for real, PreFilter recomputed after each; then undone.
        expectHooksMatchRecompute(c.state, plugin, cx, incoming, nodes, changes, seen, before);
        compared += changes.length;
      },
    ), { numRuns: 400 });
    // Not vacuous: most runs reach the hooks.
    expect(compared).toBeGreaterThan(400);
  });
});
