import { describe, expect, it } from 'vitest';
import type { MetricDef, MetricSummary } from '../metrics/types.js';
import { scenarioVerdict } from './scenario-verdict.js';
import type { RunRow } from './types.js';

const M: readonly MetricDef[] = [
  { id: 'cpu', label: 'CPU allocated', unit: '%', higherIsBetter: true, definition: '' },
  { id: 'delay', label: 'Queueing delay', unit: 's', higherIsBetter: false, definition: '' },
  { id: 'nodes', label: 'Nodes in use', unit: 'count', higherIsBetter: null, definition: '' },
  { id: 'arrived', label: 'Pods arrived', unit: 'pods', higherIsBetter: null, definition: '' },
];
const TEST = 'paired sign-flip permutation (exact, two-sided)';

/** Runs of two policies over `seeds`, with per-seed values given per metric. */
function runs(seeds: readonly number[], values: Record<string, Record<string, readonly number[]>>): RunRow[] {
  return Object.entries(values).flatMap(([policy, byMetric]) => seeds.map((seed, i) => ({
    scenario: 's', policy, seed, values: Object.fromEntries(Object.entries(byMetric).map(([id, xs]) => [id, xs[i]!])),
  })));
}

/** A summary row; the statistics are written out by hand in each case. */
function row(policy: string, metric: string, n: number, mean: number, relDiffPct = Number.NaN, pValue = Number.NaN): MetricSummary {
  return {
    scenario: 's', policy, metric, n, mean, sd: Number.NaN, ci95Low: Number.NaN, ci95High: Number.NaN,
    baseline: 'base', relDiffPct, pValue, test: policy === 'base' ? '' : TEST,
  };
}

describe('scenarioVerdict', () => {
  it('6 seeds: significant better, worse and differs; not significant; constant metrics set apart; the floor 2/2^6', () => {
    const seeds = [1, 2, 3, 4, 5, 6];
    const r = runs(seeds, {
      base: { cpu: [50, 50, 50, 50, 50, 50], delay: [1, 1, 1, 1, 1, 1], nodes: [10, 10, 10, 10, 10, 10], arrived: [100, 100, 100, 100, 100, 100] },
      pack: { cpu: [60, 60, 60, 60, 60, 60], delay: [2, 2, 2, 2, 2, 2], nodes: [8, 9, 10, 11, 10, 12], arrived: [100, 100, 100, 100, 100, 100] },
      alt: { cpu: [55, 45, 51, 49, 50, 50], delay: [1, 1, 1, 1, 1, 1], nodes: [6, 6, 6, 6, 6, 6], arrived: [100, 100, 100, 100, 100, 100] },
    });
    // By hand: pack's cpu differences are all +10, so p = 2/64 = 0.03125, +20%; delay all +1 (p 0.03125, +100%, lower is better).
    // pack's nodes differences -2,-1,0,+1,0,+2 sum to 0: p = 1. alt's nodes all -4: p 0.03125, no direction.
    const summary = [
      row('base', 'cpu', 6, 50), row('base', 'delay', 6, 1), row('base', 'nodes', 6, 10), row('base', 'arrived', 6, 100),
      row('pack', 'cpu', 6, 60, 20, 0.03125), row('pack', 'delay', 6, 2, 100, 0.03125), row('pack', 'nodes', 6, 10, 0, 1), row('pack', 'arrived', 6, 100, 0, 1),
      row('alt', 'cpu', 6, 50, 0, 1), row('alt', 'delay', 6, 1, 0, 1), row('alt', 'nodes', 6, 6, -40, 0.03125), row('alt', 'arrived', 6, 100, 0, 1),
    ];
    const v = scenarioVerdict('s', M, summary, r);
    expect(v.baseline).toBe('base');
    expect(v.pairedSeeds).toBe(6);
    expect(v.floorP).toBe(0.03125);
    expect(v.testNote).toBe('Paired sign-flip permutation (exact, two-sided) over seeds, significant at p < 0.05. With 6 paired seeds the smallest possible p is 0.031; use more seeds for finer p-values.');
    expect(v.constant).toEqual([{ metric: M[3], value: 100 }]);
    const [pack, alt] = v.policies;
    expect(pack!.changes.map((c) => [c.metric.id, c.direction, c.relDiffPct, c.mean, c.baselineMean, c.pValue])).toEqual([
      ['cpu', 'better', 20, 60, 50, 0.03125], ['delay', 'worse', 100, 2, 1, 0.03125],
    ]);
    expect(pack!.unchanged.map((m) => m.id)).toEqual(['nodes']);
    expect(alt!.changes.map((c) => [c.metric.id, c.direction])).toEqual([['nodes', 'differs']]);
    expect(alt!.unchanged.map((m) => m.id)).toEqual(['cpu', 'delay']);
  });

  it('5 seeds: the floor 0.0625 is not below 0.05, and the note says no difference can be significant', () => {
    const seeds = [1, 2, 3, 4, 5];
    const r = runs(seeds, { base: { cpu: [1, 1, 1, 1, 1] }, pack: { cpu: [2, 2, 2, 2, 2] } });
    const v = scenarioVerdict('s', M, [row('base', 'cpu', 5, 1), row('pack', 'cpu', 5, 2, 100, 0.0625)], r);
    expect(v.floorP).toBe(0.0625);
    expect(v.policies[0]!.changes).toEqual([]);
    expect(v.policies[0]!.unchanged.map((m) => m.id)).toEqual(['cpu']);
    expect(v.testNote).toContain('With 5 paired seeds the smallest possible p is 0.063, not below 0.05: no difference can be significant; run at least 6 seeds.');
  });

  it('one seed: p is always 1, nothing differs, the note says why', () => {
    const r = runs([7], { base: { cpu: [1], delay: [3] }, pack: { cpu: [9], delay: [3] } });
    const v = scenarioVerdict('s', M.slice(0, 2), [row('base', 'cpu', 1, 1), row('base', 'delay', 1, 3), row('pack', 'cpu', 1, 9, 800, 1), row('pack', 'delay', 1, 3, 0, 1)], r);
    expect(v.pairedSeeds).toBe(1);
    expect(v.floorP).toBe(1);
    expect(v.policies[0]!.changes).toEqual([]);
    expect(v.constant.map((c) => c.metric.id)).toEqual(['delay']);
    expect(v.testNote).toContain('With 1 seed no test is possible (p is always 1): run at least 6 seeds.');
  });

  it('no p-value: untested, never counted as no difference', () => {
    const r = runs([1, 2], { base: { cpu: [1, Number.NaN] }, pack: { cpu: [Number.NaN, 2] } });
    const v = scenarioVerdict('s', M, [row('base', 'cpu', 1, 1), row('pack', 'cpu', 1, 2)], r);
    expect(v.policies[0]!.untested.map((m) => m.id)).toEqual(['cpu']);
    expect(v.policies[0]!.unchanged).toEqual([]);
  });

  it('a policy that ran identically to an earlier one is named, and one policy alone has nothing to compare', () => {
    const r = runs([1, 2], { base: { cpu: [1, 2] }, twin: { cpu: [1, 2] } });
    const v = scenarioVerdict('s', M, [row('base', 'cpu', 2, 1.5), row('twin', 'cpu', 2, 1.5, 0, 1)], r);
    expect(v.policies[0]!.identicalTo).toBe('base');
    const alone = scenarioVerdict('s', M, [row('base', 'cpu', 2, 1.5)], runs([1, 2], { base: { cpu: [1, 2] } }));
    expect(alone.policies).toEqual([]);
    expect(alone.testNote).toBe('One policy only: nothing to compare.');
    // run --policy picked a policy other than the baseline: the baseline has no runs.
    const noBase = scenarioVerdict('s', M, [row('twin', 'cpu', 2, 1.5)], runs([1, 2], { twin: { cpu: [1, 2] } }));
    expect(noBase.policies).toEqual([]);
  });
});
