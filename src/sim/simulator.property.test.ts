import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterView } from '../cluster/cluster-view.js';
import { buildFramework } from '../framework/framework.js';
import { defaultProfile } from '../framework/profile.js';
import { Scheduler } from '../framework/scheduler.js';
import { Rng } from '../generators/rng.js';
import { compileNode } from '../model/compile-node.js';
import type { NodeId } from '../model/ids.js';
import { inTreeRegistry } from '../plugins/index.js';
import { nodeJson, testCluster } from '../testing/builders.js';
import { UNREACHABLE_TAINT_KEY } from './node-lifecycle.js';
import { simulate } from './simulator.js';
import type { NodeEvent, PodArrival, SimObserver } from './types.js';

const nodeArb = fc.record({
  cpu: fc.integer({ min: 1, max: 8 }),
  memGi: fc.integer({ min: 1, max: 16 }),
  pods: fc.integer({ min: 1, max: 10 }),
  zone: fc.constantFrom('a', 'b'),
});
const podArb = fc.record({
  gapS: fc.double({ min: 0, max: 4, noNaN: true }),
  cpuMilli: fc.integer({ min: 0, max: 3000 }),
  memMi: fc.integer({ min: 0, max: 4000 }),
  priority: fc.constantFrom(0, 10, 100),
  durationS: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
  replicated: fc.boolean(),
  toleratesFailure: fc.boolean(),
  spreads: fc.boolean(),
  /** A Job (0..2) the pod belongs to, or none. */
  job: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
});
const eventArb = fc.record({
  atS: fc.integer({ min: 0, max: 300 }),
  kind: fc.constantFrom('add', 'fail', 'recover', 'drain'),
  node: fc.nat(),
  shape: nodeArb,
});
const optionsArb = fc.record({
  preemption: fc.boolean(),
  defaultTolerationSeconds: fc.constantFrom(null, 0, 30, 300),
  fixedCostS: fc.constantFrom(0, 0.5),
});

type NodeShape = typeof nodeArb extends fc.Arbitrary<infer T> ? T : never;

const sketch = (name: string, n: NodeShape) => ({
  name,
  allocatable: { cpu: String(n.cpu), memory: `${n.memGi}Gi`, pods: n.pods },
  labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': n.zone },
});

/** Every live node's requests are within its allocatable, in every dimension. */
function overCommitted(view: ClusterView, node: NodeId): string | null {
  const base = node * view.dims;
  for (let r = 0; r < view.dims; r++) {
    if (view.requested[base + r]! > view.allocatable[base + r]!) return `node ${node} dim ${r}: ${view.requested[base + r]} > ${view.allocatable[base + r]}`;
  }
  return null;
}

describe('simulate (properties)', () => {
  it('never over-commits a node, keeps Jobs within parallelism and accounts for every pod at every sample', () => {
    fc.assert(fc.property(
      fc.array(nodeArb, { minLength: 1, maxLength: 6 }),
      fc.array(podArb, { minLength: 5, maxLength: 80 }),
      fc.array(eventArb, { maxLength: 6 }),
      optionsArb,
      fc.integer({ min: 1, max: 1000 }),
      fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }),
      (nodes, pods, rawEvents, o, seed, parallelism) => {
        const c = testCluster(nodes.map((n, i) => sketch(`n${i}`, n)));
        const scheduler = new Scheduler(buildFramework(defaultProfile(), inTreeRegistry, c.model), Rng.fromSeed(seed).fork('tiebreak'));
        let t = 0;
        const problems: string[] = [];
        const arrivals: PodArrival[] = pods.map((p, i) => {
          t += p.gapS;
          const pod = c.pod({
            name: `p${i}`,
            labels: { app: `a${i % 3}` },
            priority: p.priority,
            requests: { cpu: `${p.cpuMilli}m`, memory: `${p.memMi}Mi` },
            spec: {
              tolerations: p.toleratesFailure ? [{ key: UNREACHABLE_TAINT_KEY, operator: 'Exists', effect: 'NoExecute' }] : [],
              topologySpreadConstraints: p.spreads
                ? [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: `a${i % 3}` } } }]
                : [],
            },
          });
          const group = p.job === null ? undefined : { key: `job${p.job}`, parallelism: parallelism[p.job]! };
          return { atS: t, pod, durationS: p.durationS, replicated: p.replicated, group };
        });
        // Active (created, not finished) pods per Job, followed through the observer.
        const jobOf = new Map(arrivals.map((a) => [a.pod.name, pods[Number(a.pod.name.slice(1))]!.job]));
        const active = [0, 0, 0];
        const step = (name: string, delta: number, atS: number) => {
          const j = jobOf.get(name) ?? null;
          if (j === null) return;
          active[j]! += delta;
          if (active[j]! > parallelism[j]!) problems.push(`at ${atS}: job${j} has ${active[j]} active pods, parallelism ${parallelism[j]}`);
        };
        const sorted = [...rawEvents].sort((a, b) => a.atS - b.atS);
        const nodeEvents: NodeEvent[] = sorted.map((e, i) => (e.kind === 'add'
          ? { atS: e.atS, kind: 'add', node: compileNode(nodeJson(sketch(`added${i}`, e.shape)), c.model) }
          : { atS: e.atS, kind: e.kind, node: (e.node % nodes.length) as NodeId }));

        const observer: SimObserver = {
          onArrive: (pod, atS) => step(pod.name, +1, atS),
          onRecreate: (_old, pod, atS) => step(pod.name, +1, atS),
          onComplete: (pod, _node, atS) => step(pod.name, -1, atS),
          onEvict: (pod, _node, _reason, atS) => step(pod.name, -1, atS),
          onBind: (_pod, node, atS, view) => {
            const bad = overCommitted(view, node);
            if (bad !== null) problems.push(`at ${atS}: ${bad}`);
          },
          onSample: (s) => {
            if (s.arrived !== s.running + s.pending + s.completed + s.failed) problems.push(`at ${s.atS}: counts ${JSON.stringify(s)}`);
            const order = c.state.nodeOrder();
            for (let i = 0; i < order.length; i++) {
              const bad = overCommitted(c.state, order[i] as NodeId);
              if (bad !== null) problems.push(`sample ${s.atS}: ${bad}`);
            }
          },
        };
        const r = simulate({
          state: c.state, scheduler, arrivals, nodeEvents, endS: 400, rng: Rng.fromSeed(seed).fork('preemption'), observers: [observer],
        }, {
          preemption: o.preemption,
          defaultTolerationSeconds: o.defaultTolerationSeconds,
          cycleCost: o.fixedCostS === 0 ? { kind: 'none' } : { kind: 'fixed', costS: o.fixedCostS },
          sampleIntervalS: 10,
        });
        expect(problems).toEqual([]);
        // Every arrival is created or still held back by its Job, and the cluster agrees with the records.
        const { counts } = r;
        expect(counts.arrived + r.heldArrivals).toBe(arrivals.filter((a) => a.atS <= 400).length);
        // A Job holds pods back only while it is at its parallelism.
        for (let j = 0; j < 3; j++) {
          const due = arrivals.filter((a) => a.atS <= 400 && a.group?.key === `job${j}`).length;
          const created = r.pods.filter((p) => p.replacementOf === -1 && jobOf.get(p.name) === j).length;
          if (created < due) expect(active[j]).toBe(parallelism[j]);
        }
        expect(counts.arrived).toBe(counts.running + counts.pending + counts.completed + counts.failed);
        const running = r.pods.filter((p) => p.outcome === 'running');
        expect(running.length).toBe(counts.running);
        for (const p of running) expect(c.state.nodeOf(p.podId)).not.toBe(-1);
        let bound = 0;
        for (const n of c.state.nodeOrder()) bound += c.state.podsOn(n as NodeId).length;
        expect(bound).toBe(counts.running);
        for (const p of r.pods) {
          // A pending pod that was tried carries its last diagnosis; one created too late
          // to be tried before the end (e.g. a replacement at endS with a cycle cost) has none.
          if (p.outcome === 'pending' && p.attempts > 0) expect(p.lastDiagnosis).not.toBeNull();
          if (p.outcome === 'pending' && p.attempts === 0) expect(p.firstAttemptS).toBeNull();
          if (p.outcome === 'preempted') expect(p.preemptedCount).toBeGreaterThan(0);
        }
      },
    ), { numRuns: 150 });
  });

  it('preempts only pods of lower priority than the preemptor', () => {
    fc.assert(fc.property(
      fc.array(podArb, { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 1000 }),
      (pods, seed) => {
        const c = testCluster([sketch('n0', { cpu: 4, memGi: 8, pods: 10, zone: 'a' }), sketch('n1', { cpu: 2, memGi: 8, pods: 10, zone: 'b' })]);
        const scheduler = new Scheduler(buildFramework(defaultProfile(), inTreeRegistry, c.model), Rng.fromSeed(seed).fork('tiebreak'));
        let t = 0;
        const arrivals: PodArrival[] = pods.map((p, i) => {
          t += p.gapS;
          return { atS: t, durationS: p.durationS, replicated: p.replicated, pod: c.pod({ name: `p${i}`, priority: p.priority, requests: { cpu: `${p.cpuMilli}m` } }) };
        });
        const bad: string[] = [];
        simulate({
          state: c.state, scheduler, arrivals, endS: 300, rng: Rng.fromSeed(seed).fork('preemption'),
          observers: [{
            onPreempt: (preemptor, _node, victims) => {
              for (const v of victims) {
                const vp = c.state.pod(v);
                if (vp.priority >= preemptor.priority) bad.push(`${preemptor.name}(${preemptor.priority}) preempted ${vp.name}(${vp.priority})`);
              }
            },
          }],
        });
        expect(bad).toEqual([]);
      },
    ), { numRuns: 100 });
  });
});
