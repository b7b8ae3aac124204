import { describe, expect, it } from 'vitest';
import type { MetricSummary } from '../metrics/types.js';
import type { Verdict } from './compare-to-baseline.js';
import { compareToBaseline } from './compare-to-baseline.js';

const row = (policy: string, mean: number, pValue: number): MetricSummary => ({
  scenario: 's', policy, metric: 'm', n: 5, mean, sd: 1, ci95Low: mean - 1, ci95High: mean + 1,
  baseline: 'base', relDiffPct: Number.NaN, pValue, test: 't',
});

describe('compareToBaseline', () => {
  const cases: { name: string; r: MetricSummary; higher: boolean | null; want: Verdict }[] = [
    { name: 'the baseline itself', r: row('base', 10, Number.NaN), higher: true, want: 'baseline' },
    { name: 'no p-value', r: row('x', 12, Number.NaN), higher: true, want: 'untested' },
    { name: 'p at the level is not significant', r: row('x', 12, 0.05), higher: true, want: 'not significant' },
    { name: 'higher and higher is better', r: row('x', 12, 0.01), higher: true, want: 'better' },
    { name: 'higher and lower is better', r: row('x', 12, 0.01), higher: false, want: 'worse' },
    { name: 'lower and lower is better', r: row('x', 8, 0.01), higher: false, want: 'better' },
    { name: 'no direction', r: row('x', 12, 0.01), higher: null, want: 'different' },
    // After Ctrl-C: the mean over all its seeds is above the baseline's (12 > 10), but over
    // the paired seeds the policy is 5% lower; the paired difference decides.
    { name: 'the paired difference decides, not the unpaired means', r: { ...row('x', 12, 0.01), relDiffPct: -5 }, higher: true, want: 'worse' },
  ];
  for (const c of cases) it(c.name, () => expect(compareToBaseline(c.r, 10, c.higher)).toBe(c.want));
});
