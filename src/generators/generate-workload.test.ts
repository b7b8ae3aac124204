import { describe, expect, it } from 'vitest';
import { compilePod } from '../model/compile-pod.js';
import { ModelContext } from '../model/model-context.js';
import { arrivalTimes } from './arrival-times.js';
import { generateWorkload } from './generate-workload.js';
import { Rng } from './rng.js';
import type { WorkloadSpec } from './workload-spec.js';

const web = { kind: 'Deployment' as const, name: 'web', replicas: 20, template: { requests: { cpu: '500m', memory: '1Gi' } }, arrival: { process: 'poisson' as const, ratePerS: 2 } };
const batch = {
  kind: 'Job' as const, name: 'batch', completions: 10, parallelism: 3, template: { requests: { cpu: '2' }, priority: 10 },
  arrival: { process: 'all-at-once' as const, atS: 5 }, durationS: { kind: 'exponential' as const, mean: 60 },
};

describe('generateWorkload', () => {
  const plan = generateWorkload({ workloads: [web, batch] }, Rng.fromSeed(1).fork('workload'));

  it('emits one template per workload, owned by its controller', () => {
    const model = new ModelContext();
    const pods = plan.templates.map((t) => compilePod(t, model));
    // A ReplicaSet is named <deployment>-<pod-template-hash>, the hash in SafeEncodeString's alphabet.
    expect(pods[0]!.owner).toEqual({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: expect.stringMatching(/^web-[bcdfghjklmnpqrstvwxz2456789]{1,10}$/) });
    expect(pods[1]!.owner).toEqual({ apiVersion: 'batch/v1', kind: 'Job', name: 'batch' });
    expect(pods[1]!.priority).toBe(10);
    expect(plan.workloads).toEqual([{ kind: 'Deployment', name: 'web', parallelism: null }, { kind: 'Job', name: 'batch', parallelism: 3 }]);
  });

  it('sorts arrivals by time; services run to the end, jobs get durations', () => {
    expect(plan.arrivals.length).toBe(30);
    for (let i = 1; i < plan.arrivals.length; i++) expect(plan.arrivals[i]!.atS).toBeGreaterThanOrEqual(plan.arrivals[i - 1]!.atS);
    for (const a of plan.arrivals) {
      if (a.template === 0) expect(a.durationS).toBeNull();
      else expect(a.durationS).toBeGreaterThanOrEqual(0);
    }
  });

  it('editing one workload leaves the other workload\'s draws unchanged', () => {
    const edited: WorkloadSpec = { workloads: [{ ...web, replicas: 50 }, batch] };
    const other = generateWorkload(edited, Rng.fromSeed(1).fork('workload'));
    const batchOf = (p: typeof plan) => p.arrivals.filter((a) => a.template === 1).map((a) => [a.atS, a.durationS]);
    expect(batchOf(other)).toEqual(batchOf(plan));
  });

  it('rejects duplicate workload names', () => {
    expect(() => generateWorkload({ workloads: [web, web] }, Rng.fromSeed(1))).toThrow(/duplicate workload name web/);
  });
});

describe('arrivalTimes', () => {
  it('poisson: mean inter-arrival is 1/rate', () => {
    const t = arrivalTimes({ process: 'poisson', ratePerS: 4 }, 20_000, Rng.fromSeed(2));
    expect(t[t.length - 1]! / t.length).toBeCloseTo(0.25, 1);
  });

  it('burst: size pods per period', () => {
    expect([...arrivalTimes({ process: 'burst', size: 2, everyS: 10, startS: 1 }, 5, Rng.fromSeed(1))]).toEqual([1, 1, 11, 11, 21]);
  });

  it('diurnal: more arrivals near the peak than near the trough', () => {
    const t = arrivalTimes({ process: 'diurnal', meanRatePerS: 0.1, amplitude: 0.8 }, 8000, Rng.fromSeed(3));
    const inDay = [...t].filter((x) => x < 86_400);
    const nearPeak = inDay.filter((x) => Math.abs(x - 50_400) < 3 * 3600).length;
    const nearTrough = inDay.filter((x) => Math.abs(x - 7_200) < 3 * 3600).length;
    expect(nearPeak).toBeGreaterThan(3 * nearTrough);
  });
});

describe('generateWorkload bestEffortShare', () => {
  it('turns a seeded share of each workload\'s pods BestEffort, keeping owner and Job identity', () => {
    const plan = generateWorkload({ workloads: [web, batch], bestEffortShare: 0.5 }, Rng.fromSeed(4).fork('workload'));
    const model = new ModelContext();
    const pods = plan.templates.map((t) => compilePod(t, model));
    // web, web (BestEffort), batch, batch (BestEffort)
    expect(plan.workloads.map((w) => w.name)).toEqual(['web', 'web', 'batch', 'batch']);
    expect(pods.map((p) => p.requests[0])).toEqual([500, 0, 2000, 0]);
    expect(pods[1]!.owner).toEqual(pods[0]!.owner);
    const be = plan.arrivals.filter((a) => a.template === 1 || a.template === 3).length;
    expect(be).toBeGreaterThan(5);
    expect(be).toBeLessThan(25);
    // Without the share nothing changes: one template per workload.
    expect(generateWorkload({ workloads: [web, batch] }, Rng.fromSeed(4).fork('workload')).templates).toHaveLength(2);
  });
});
