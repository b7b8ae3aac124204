import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import { inTreeRegistry } from '../plugins/index.js';
import { testCluster } from '../testing/builders.js';
import { buildFramework } from './framework.js';
import { NodeFitChecker } from './node-fit-checker.js';
import { defaultProfile } from './profile.js';
import { runPreFilters } from './run-plugins.js';
import { PASS, SKIP } from './types.js';

/**
 * A what-if equals the change made for real: for random clusters (zones, hosts, pods with
 * labels, requests, host ports, required pod (anti-)affinity and DoNotSchedule spread
 * constraints) and kube's default profile, removing some of a node's pods and adding
 * some new ones through WhatIf (an overlay plus the plugins' addPod/removePod) gives the
 * same first failing filter and verdict as unbinding and binding the same pods in the
 * state and running PreFilter and Filter again. As in kube, a plugin whose PreFilter
 * returned Skip for the pod stays skipped through the what-if (the framework calls no
 * AddPod/RemovePod for it), so the real run skips it too.
 */

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

const appArb = fc.constantFrom('a', 'b', 'c');
const podArb = fc.record({
  app: appArb,
  cpu: fc.integer({ min: 0, max: 3 }),
  port: fc.option(fc.constantFrom(80, 443), { nil: undefined }),
  antiHost: fc.option(appArb, { nil: undefined }),
  antiZone: fc.option(appArb, { nil: undefined }),
  affinityZone: fc.option(appArb, { nil: undefined }),
  spreadZone: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
  spreadHost: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
});
type PodGen = typeof podArb extends fc.Arbitrary<infer T> ? T : never;

function podSpec(g: PodGen, name: string) {
  const term = (app: string, key: string) => ({ labelSelector: { matchLabels: { app } }, topologyKey: key });
  const spread = (key: string, maxSkew: number) => ({ maxSkew, topologyKey: key, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: g.app } } });
  const anti = [];
  if (g.antiHost !== undefined) anti.push(term(g.antiHost, HOST));
  if (g.antiZone !== undefined) anti.push(term(g.antiZone, ZONE));
  const constraints = [];
  if (g.spreadZone !== undefined) constraints.push(spread(ZONE, g.spreadZone));
  if (g.spreadHost !== undefined) constraints.push(spread(HOST, g.spreadHost));
  return {
    name, namespace: 'ns', labels: { app: g.app }, requests: { cpu: String(g.cpu) },
    spec: {
      containers: [{ name: 'c', resources: { requests: { cpu: String(g.cpu) } }, ...(g.port === undefined ? {} : { ports: [{ containerPort: g.port, hostPort: g.port }] }) }],
      topologySpreadConstraints: constraints,
      affinity: {
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: anti },
        podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: g.affinityZone === undefined ? [] : [term(g.affinityZone, ZONE)] },
      },
    },
  };
}

describe('WhatIf (property): a what-if equals the change made for real', () => {
  it('for kube\'s default profile, random removals and additions on one node', () => {
    fc.assert(fc.property(
      fc.array(fc.constantFrom('z1', 'z2', 'z3'), { minLength: 2, maxLength: 6 }),
      fc.array(fc.record({ pod: podArb, node: fc.nat() }), { minLength: 1, maxLength: 14 }),
      podArb,
      fc.array(podArb, { maxLength: 3 }),
      fc.nat(), fc.array(fc.boolean(), { maxLength: 14 }),
      (zones, boundGen, incomingGen, addedGen, pick, removeMask) => {
        const c = testCluster(zones.map((z, i) => ({ name: `n${i}`, allocatable: { cpu: '8', memory: '32Gi', pods: 110 }, labels: { [ZONE]: z, [HOST]: `n${i}` } })));
        const nodes = Array.from(c.state.nodeOrder()) as NodeId[];
        const bound = boundGen.map((b, i) => {
          const p = c.pod(podSpec(b.pod, `b${i}`));
          c.state.bind(p, nodes[b.node % nodes.length]!);
          return p;
        });
        const incoming = c.pod(podSpec(incomingGen, 'incoming'));
        const added = addedGen.map((g, i) => c.pod(podSpec(g, `new${i}`)));
        const node = nodes[pick % nodes.length]!;
        const removed = bound.filter((p, i) => c.state.nodeOf(p.id) === node && removeMask[i] === true);
        const fw = buildFramework(defaultProfile(), inTreeRegistry, c.model);

        const whatIf = new NodeFitChecker(fw).whatIf(c.state, incoming);
        if (whatIf === null) return; // a PreFilter rejects the pod outright: no what-if to compare
        whatIf.focus(node);
        const skipped = whatIf.states.map((st) => st === SKIP);
        for (const p of removed) whatIf.remove(p);
        for (const p of added) whatIf.add(p);
        const seen = whatIf.rejection();
        const seenVerdict = seen >= 0 ? whatIf.verdict : 0;

        const apply = (sign: 1 | -1) => {
          const change = (p: CompiledPod, bind: boolean) => (bind ? c.state.bind(p, node) : c.state.unbind(p, node));
          if (sign > 0) { for (const p of removed) change(p, false); for (const p of added) change(p, true); }
          else { for (const p of added) change(p, false); for (const p of removed) change(p, true); }
        };
        apply(+1);
        const states: unknown[] = new Array(fw.filters.length);
        expect(runPreFilters(fw, { view: c.state }, incoming, states)).toBeNull();
        let real = -1;
        let realVerdict = 0;
        for (let f = 0; f < fw.filters.length && real < 0; f++) {
          if (skipped[f] || states[f] === SKIP) continue;
          const v = fw.filters[f]!.filter!({ view: c.state }, incoming, node, states[f]);
          if (v !== PASS) { real = f; realVerdict = v; }
        }
        apply(-1);
        expect({ plugin: seen < 0 ? null : fw.filters[seen]!.name, verdict: seenVerdict })
          .toEqual({ plugin: real < 0 ? null : fw.filters[real]!.name, verdict: realVerdict });
      },
    ), { numRuns: 400 });
  });
});
