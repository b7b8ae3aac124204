import { describe, expect, it } from 'vitest';
import { generateWorkload } from '../src/generators/generate-workload.js';
import { Rng } from '../src/generators/rng.js';
import { ModelContext } from '../src/model/model-context.js';
import { dayWorkload, planArrivals, runSimulateDay } from './simulate-day.js';

describe('simulate-day', () => {
  it('plans about the asked pods: 30% Deployment replicas, 70% Job completions', () => {
    const spec = dayWorkload(10_000, 86_400, Rng.fromSeed(1));
    const count = (kind: string) => spec.workloads.reduce((n, w) => n + (w.kind !== kind ? 0 : w.kind === 'Deployment' ? w.replicas : w.kind === 'Job' ? w.completions : 0), 0);
    expect(count('Deployment')).toBe(3000);
    expect(count('Job')).toBe(7000);
  });

  it('compiles each template once and clones it per arrival, Job pods grouped', () => {
    const model = new ModelContext();
    const plan = generateWorkload(dayWorkload(2000, 3600, Rng.fromSeed(2)), Rng.fromSeed(2).fork('workload'));
    const arrivals = planArrivals(plan, model);
    expect(arrivals.length).toBe(plan.arrivals.length);
    expect(new Set(arrivals.map((a) => a.pod.id)).size).toBe(arrivals.length);
    expect(arrivals.map((a) => a.pod.name)).toEqual(plan.arrivals.map((a) => a.name));
    const byTemplate = new Map<number, Float64Array>();
    plan.arrivals.forEach((a, i) => {
      const requests = byTemplate.get(a.template) ?? arrivals[i]!.pod.requests;
      byTemplate.set(a.template, requests);
      expect(arrivals[i]!.pod.requests).toBe(requests);
      const w = plan.workloads[a.template]!;
      expect(arrivals[i]!.group).toEqual(w.parallelism === null ? undefined : { key: `Job/${w.name}`, parallelism: w.parallelism });
    });
  });

  it('runs a small day and accounts for every planned pod', () => {
    const r = runSimulateDay({ nodes: 30, pods: 600, daySeconds: 7200, sampleIntervalS: 600 });
    const c = r.result.counts;
    expect(c.arrived).toBe(c.running + c.pending + c.completed + c.failed);
    expect(r.pods).toBeGreaterThanOrEqual(c.arrived + r.result.heldArrivals);
    expect(c.completed).toBeGreaterThan(0);
  });
});
