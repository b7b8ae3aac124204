import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterView } from '../cluster/cluster-view.js';
import { buildFramework } from '../framework/framework.js';
import { Scheduler } from '../framework/scheduler.js';
import type { PluginFactory } from '../framework/types.js';
import { Rng } from '../generators/rng.js';
import type { NodeId, Sym } from '../model/ids.js';
import { NO_SYM } from '../model/ids.js';
import { labelValue, selectorMatches } from '../model/labels.js';
import type { CompiledPod, PodAffinityTerm } from '../model/pod.js';
import { DO_NOT_SCHEDULE } from '../model/pod.js';
import { testCluster } from '../testing/builders.js';
import * as ipa from './inter-pod-affinity.js';
import * as pts from './pod-topology-spread.js';

/**
 * scheduleOne + bind with a profile of InterPodAffinity and PodTopologySpread only, on
 * generated clusters and workloads; after every placement the invariants the two plugins
 * exist for are checked by brute force over the bound pods.
 */

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

const appArb = fc.constantFrom('a', 'b', 'c');
const podArb = fc.record({
  app: appArb,
  antiHost: fc.option(appArb, { nil: undefined }),
  antiZone: fc.option(appArb, { nil: undefined }),
  affinityZone: fc.option(appArb, { nil: undefined }),
  spreadZone: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
  spreadHost: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
  soft: fc.boolean(),
});
type PodGen = typeof podArb extends fc.Arbitrary<infer T> ? T : never;

function podSpec(g: PodGen, i: number) {
  const term = (app: string, key: string) => ({ labelSelector: { matchLabels: { app } }, topologyKey: key });
  const spread = (key: string, maxSkew: number, when: string) => ({ maxSkew, topologyKey: key, whenUnsatisfiable: when, labelSelector: { matchLabels: { app: g.app } } });
  const anti = [];
  if (g.antiHost !== undefined) anti.push(term(g.antiHost, HOST));
  if (g.antiZone !== undefined) anti.push(term(g.antiZone, ZONE));
  const constraints = [];
  if (g.spreadZone !== undefined) constraints.push(spread(ZONE, g.spreadZone, 'DoNotSchedule'));
  if (g.spreadHost !== undefined) constraints.push(spread(HOST, g.spreadHost, 'DoNotSchedule'));
  if (g.soft) constraints.push(spread(HOST, 1, 'ScheduleAnyway'));
  return {
    name: `p${i}`, namespace: 'ns', labels: { app: g.app },
    spec: {
      topologySpreadConstraints: constraints,
      affinity: {
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: anti },
        podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: g.affinityZone === undefined ? [] : [term(g.affinityZone, ZONE)] },
      },
    },
  };
}

const same = (v: ClusterView, key: Sym, a: NodeId, b: NodeId) => {
  const x = labelValue(v.nodeLabels(a), key);
  return x !== NO_SYM && x === labelValue(v.nodeLabels(b), key);
};
const bound = (v: ClusterView) => (Array.from(v.nodeOrder()) as NodeId[]).flatMap((n) => v.podsOn(n).map((id) => ({ pod: v.pod(id), node: n })));
const termMatches = (v: ClusterView, t: PodAffinityTerm, p: CompiledPod) =>
  t.namespaces.includes(p.namespace) && selectorMatches(t.selector, p.labels, v.model.symbols);

describe('InterPodAffinity + PodTopologySpread scheduling loop', () => {
  it('keeps required anti-affinity, required affinity (or first of group) and maxSkew after every bind', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ zone: fc.constantFrom('z1', 'z2', 'z3') }), { minLength: 2, maxLength: 9 }),
      fc.array(podArb, { minLength: 1, maxLength: 24 }),
      fc.integer({ min: 1, max: 10_000 }),
      (nodes, pods, seed) => {
        const c = testCluster(nodes.map((n, i) => ({ name: `n${i}`, labels: { [ZONE]: n.zone, [HOST]: `n${i}` } })));
        const registry = new Map<string, PluginFactory>([[ipa.NAME, ipa.create], [pts.NAME, pts.create]]);
        const fw = buildFramework({
          name: 't', filter: [pts.NAME, ipa.NAME],
          score: [{ name: pts.NAME, weight: 2 }, { name: ipa.NAME, weight: 2 }],
          args: { [pts.NAME]: { defaultingType: 'List' } },
        }, registry, c.model);
        const s = new Scheduler(fw, Rng.fromSeed(seed));
        const v = c.state;
        pods.forEach((g, i) => {
          const pod = c.pod(podSpec(g, i));
          const before = bound(v);
          const firstOfGroup = pod.affinityRequired.length > 0 && !before.some((b) => pod.affinityRequired.every((t) => termMatches(v, t, b.pod)));
          const d = s.scheduleOne(v, pod);
          if (d.kind !== 'bound') return;
          v.bind(pod, d.node);
          const all = bound(v);
          for (const b of all) {
            if (b.pod === pod) continue;
            // No required anti-affinity violated, in either direction.
            for (const t of pod.antiAffinityRequired) expect(termMatches(v, t, b.pod) && same(v, t.topologyKey, d.node, b.node)).toBe(false);
            for (const t of b.pod.antiAffinityRequired) expect(termMatches(v, t, pod) && same(v, t.topologyKey, d.node, b.node)).toBe(false);
          }
          // Required affinity: a pod matching every term in each term's domain, or the group's first pod.
          if (pod.affinityRequired.length > 0 && !firstOfGroup) {
            for (const t of pod.affinityRequired) {
              expect(before.some((b) => same(v, t.topologyKey, d.node, b.node) && pod.affinityRequired.every((u) => termMatches(v, u, b.pod)))).toBe(true);
            }
          }
          // DoNotSchedule: the pod's domain is within maxSkew of the least loaded domain.
          for (const x of pod.spread) {
            if (x.whenUnsatisfiable !== DO_NOT_SCHEDULE) continue;
            const perDomain = new Map<Sym, number>();
            for (const n of Array.from(v.nodeOrder()) as NodeId[]) perDomain.set(labelValue(v.nodeLabels(n), x.topologyKey), 0);
            for (const b of all) {
              if (b.pod.namespace === pod.namespace && selectorMatches(x.selector, b.pod.labels, v.model.symbols)) {
                const key = labelValue(v.nodeLabels(b.node), x.topologyKey);
                perDomain.set(key, perDomain.get(key)! + 1);
              }
            }
            const min = Math.min(...perDomain.values());
            expect(perDomain.get(labelValue(v.nodeLabels(d.node), x.topologyKey))! - min).toBeLessThanOrEqual(x.maxSkew);
          }
        });
      },
    ), { numRuns: 200 });
  });
});
