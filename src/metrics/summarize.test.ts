import { describe, expect, it } from 'vitest';
import { signFlipPValue } from './sign-flip-test.js';
import { summarize } from './summarize.js';
import { tQuantile975 } from './t-quantile.js';
import type { MetricDef, RunMetrics } from './types.js';

const def: MetricDef = { id: 'm', label: 'M', unit: 'count', higherIsBetter: true, definition: 'test metric' };
const run = (policy: string, seed: number, m: number): RunMetrics => ({
  key: { scenario: 's', policy, seed }, values: { m },
  timing: { cycles: 0, cycleP50Us: 0, cycleP99Us: 0, podsPerS: 0 },
  timeseries: [], nodeUtilization: [], queueDelayQuantilesS: [], placements: null,
});

describe('tQuantile975', () => {
  const cases = [
    { df: 1, want: 12.706 }, { df: 2, want: 4.303 }, { df: 9, want: 2.262 }, { df: 30, want: 2.042 },
    { df: 60, want: 2.0003 }, { df: 120, want: 1.9799 }, { df: 10_000, want: 1.9602 },
  ];
  for (const c of cases) it(`df ${c.df}`, () => expect(tQuantile975(c.df)).toBeCloseTo(c.want, 3));
});

describe('signFlipPValue', () => {
  // Hand count: diffs [1, 2, 3]: 8 sign assignments with sums ±6, ±4, ±2, ±0.
  // |sum| >= 6 happens for (+,+,+) and (-,-,-): p = 2/8.
  it('three positive differences: 2 of 8 assignments as extreme', () => expect(signFlipPValue([1, 2, 3])).toBe(0.25));
  it('all zero differences: every assignment as extreme', () => expect(signFlipPValue([0, 0, 0])).toBe(1));
  it('mixed: [1, -1] gives sums 0, 2, -2, 0: all >= 0', () => expect(signFlipPValue([1, -1])).toBe(1));
  it('ten consistent differences: p = 2/1024', () => expect(signFlipPValue(Array.from({ length: 10 }, () => 1))).toBeCloseTo(2 / 1024, 12));
  it('too many seeds: not run', () => expect(signFlipPValue(Array.from({ length: 17 }, () => 1))).toBeNaN());
});

describe('summarize', () => {
  // baseline b: 10, 12, 14 (mean 12, sd 2); policy p: 11, 14, 17 (mean 14, sd 3).
  const runs = [run('b', 1, 10), run('b', 2, 12), run('b', 3, 14), run('p', 1, 11), run('p', 2, 14), run('p', 3, 17)];
  const [b, p] = summarize(runs, [def], new Map([['s', 'b']]));

  it('mean, sd and the t interval: 12 ± 4.303 * 2 / sqrt(3)', () => {
    expect(b!.mean).toBe(12);
    expect(b!.sd).toBeCloseTo(2, 12);
    expect(b!.ci95Low).toBeCloseTo(12 - (4.303 * 2) / Math.sqrt(3), 9);
    expect(b!.ci95High).toBeCloseTo(12 + (4.303 * 2) / Math.sqrt(3), 9);
    expect(b!.pValue).toBeNaN();
    expect(b!.test).toBe('');
  });

  it('against the baseline: +16.67% and the paired test on diffs [1, 2, 3]', () => {
    expect(p!.relDiffPct).toBeCloseTo((2 / 12) * 100, 9);
    expect(p!.pValue).toBe(0.25);
    expect(p!.test).toMatch(/sign-flip/);
  });

  it('after Ctrl-C: the difference uses only the seeds both ran', () => {
    // Baseline ran seeds 1-3 (10, 12, 14), the policy only 1-2 (11, 14): paired means are
    // 11 and 12.5, so +13.64%, not (12.5 - 12) / 12 = +4.17% against all baseline seeds.
    const [, q] = summarize(runs.slice(0, 5), [def], new Map([['s', 'b']]));
    expect(q!.n).toBe(2);
    expect(q!.mean).toBe(12.5);
    expect(q!.relDiffPct).toBeCloseTo((1.5 / 11) * 100, 9);
    expect(q!.pValue).toBe(signFlipPValue([1, 2]));
  });

  it('no seed in common: no difference and no test', () => {
    const [, q] = summarize([run('b', 1, 10), run('p', 2, 11)], [def], new Map([['s', 'b']]));
    expect(q!.relDiffPct).toBeNaN();
    expect(q!.pValue).toBeNaN();
  });

  it('a single seed has no interval', () => {
    const [one] = summarize([run('b', 1, 5)], [def], new Map());
    expect(one!.sd).toBeNaN();
    expect(one!.ci95Low).toBeNaN();
  });
});
