import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CycleContext } from '../framework/types.js';
import { SKIP } from '../framework/types.js';
import type { NodeId } from '../model/ids.js';
import { compileWorkload } from '../model/workloads.js';
import '../testing/fast-check-seed.js';
import { testCluster } from '../testing/builders.js';
import type { HookChange, WhatIfPods } from '../testing/hook-replay.js';
import { applyHookOp, expectHooksMatchRecompute, filterVerdicts } from '../testing/hook-replay.js';
import { create } from './pod-topology-spread.js';

/**
 * addPod/removePod follow kube's updateWithPod, which for PodTopologySpread equals
 * recomputing PreFilter when the pods involved are not terminating and no selector is
 * empty (the two places kube's hooks check less than countPodsMatchSelector; see the
 * table tests). For random small clusters (nodes with or without zone, rack and hostname
 * labels, some tainted, ssd or hdd), a random incoming pod with DoNotSchedule constraints
 * on those keys (maxSkew, minDomains, nodeAffinityPolicy and nodeTaintsPolicy drawn, a
 * nodeSelector and a toleration sometimes), or without constraints of its own and given
 * List default constraints because a Service selects it, and a random sequence of
 * removals of bound pods, additions of new pods and re-additions of removed ones on
 * random nodes, filter() with the hook-updated state gives, on every node and after every
 * step, the verdict filter() gives with PreFilter recomputed after really binding and
 * unbinding the same pods. Sequences touch several nodes, more than a kube what-if does
 * (one node), so the minimum is checked where kube's two critical paths would not do.
 */

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const RACK = 'example.com/rack';

const appArb = fc.constantFrom('a', 'b', 'c');
const selectorArb = fc.oneof(
  appArb.map((app) => ({ matchLabels: { app } })),
  fc.subarray(['a', 'b', 'c'], { minLength: 1 }).map((values) => ({ matchExpressions: [{ key: 'app', operator: 'In', values }] })),
  appArb.map((app) => ({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: [app] }] })),
);
const policyArb = fc.constantFrom(undefined, 'Honor', 'Ignore');
const constraintArb = fc.record({
  key: fc.constantFrom(ZONE, HOST, RACK),
  maxSkew: fc.integer({ min: 1, max: 2 }),
  minDomains: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  selector: selectorArb,
  affinityPolicy: policyArb,
  taintsPolicy: policyArb,
});
type ConstraintGen = typeof constraintArb extends fc.Arbitrary<infer T> ? T : never;
const podArb = fc.record({
  app: appArb,
  ns: fc.constantFrom('ns1', 'ns2'),
  constraints: fc.array(constraintArb, { maxLength: 2 }),
  ssdOnly: fc.boolean(),
  tolerates: fc.boolean(),
});
type PodGen = typeof podArb extends fc.Arbitrary<infer T> ? T : never;
const nodeArb = fc.record({
  zone: fc.option(fc.constantFrom('z1', 'z2', 'z3'), { nil: undefined }),
  rack: fc.option(fc.constantFrom('r1', 'r2'), { nil: undefined }),
  host: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
  ssd: fc.boolean(),
  tainted: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
});
const opArb = fc.oneof(
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), pod: podArb, node: fc.nat() }),
  fc.record({ kind: fc.constant('readd' as const), pick: fc.nat(), node: fc.nat() }),
);

/** List defaults (DoNotSchedule) for pods without constraints of their own that a Service selects. */
const LIST_DEFAULTS = {
  defaultingType: 'List',
  defaultConstraints: [
    { maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule' },
    { maxSkew: 2, topologyKey: HOST, whenUnsatisfiable: 'DoNotSchedule', nodeTaintsPolicy: 'Honor' },
  ],
};

function constraintJson(g: ConstraintGen) {
  return {
    maxSkew: g.maxSkew, topologyKey: g.key, whenUnsatisfiable: 'DoNotSchedule', labelSelector: g.selector,
    ...(g.minDomains === undefined ? {} : { minDomains: g.minDomains }),
    ...(g.affinityPolicy === undefined ? {} : { nodeAffinityPolicy: g.affinityPolicy }),
    ...(g.taintsPolicy === undefined ? {} : { nodeTaintsPolicy: g.taintsPolicy }),
  };
}

function podSpec(g: PodGen, name: string) {
  return {
    name, namespace: g.ns, labels: { app: g.app },
    spec: {
      topologySpreadConstraints: g.constraints.map(constraintJson),
      ...(g.ssdOnly ? { nodeSelector: { disk: 'ssd' } } : {}),
      ...(g.tolerates ? { tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }] } : {}),
    },
  };
}

/** One change of the what-if: `pod` bound to (add) or taken off (remove) `node`. */
/** filter() on every node; a skipped PreFilter passes every node. */
describe('PodTopologySpread addPod/removePod (property)', () => {
  it('give the verdicts of PreFilter recomputed after the same binds and unbinds, on every node after every step', () => {
    let compared = 0;
    let rejected = 0;
    fc.assert(fc.property(
      fc.array(nodeArb, { minLength: 2, maxLength: 6 }),
      fc.array(fc.record({ pod: podArb, node: fc.nat() }), { maxLength: 10 }),
      podArb,
      fc.boolean(),
      fc.array(opArb, { minLength: 1, maxLength: 8 }),
      (nodeGen, boundGen, incomingGen, useDefaults, ops) => {
        const c = testCluster(nodeGen.map((n, i) => ({
          name: `n${i}`,
          labels: {
            disk: n.ssd ? 'ssd' : 'hdd',
            ...(n.zone === undefined ? {} : { [ZONE]: n.zone }),
            ...(n.rack === undefined ? {} : { [RACK]: n.rack }),
            ...(n.host ? { [HOST]: `n${i}` } : {}),
          },
          taints: n.tainted ? [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] : [],
        })));
        for (const ns of ['ns1', 'ns2']) {
          c.state.workloads.add(compileWorkload({ kind: 'Service', metadata: { name: 'svc', namespace: ns }, spec: { selector: { app: 'a' } } }, c.model));
        }
        const nodes = Array.from(c.state.nodeOrder()) as NodeId[];
        const placed = boundGen.map((b, i) => {
          const pod = c.pod(podSpec(b.pod, `b${i}`));
          const node = nodes[b.node % nodes.length]!;
          c.state.bind(pod, node);
          return { pod, node };
        });
        // With defaults, an incoming pod of app a without constraints of its own gets them.
        const incoming = c.pod(podSpec(useDefaults ? { ...incomingGen, app: 'a', constraints: [] } : incomingGen, 'incoming'));
        const plugin = create(useDefaults ? LIST_DEFAULTS : { defaultingType: 'List' }, { model: c.model });
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
          const v = filterVerdicts(plugin, cx, incoming, state, nodes);
          if (v.some((x) => x !== 0)) rejected++;
          seen.push(v);
        }
        // The hooks never write the state they are given (nor the live tallies it shares).
        expect(filterVerdicts(plugin, cx, incoming, pre, nodes)).toEqual(before);

        // The same changes made for real, PreFilter recomputed after each; then undone.
        expectHooksMatchRecompute(c.state, plugin, cx, incoming, nodes, changes, seen, before);
        compared += changes.length;
      },
    ), { numRuns: 1000 });
    // Not vacuous: most runs reach the hooks, and many steps leave some node rejected.
    expect(compared).toBeGreaterThan(400);
    expect(rejected).toBeGreaterThan(100);
  });
});
