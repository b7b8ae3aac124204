import type { MetricSummary } from '../metrics/types.js';

/** The significance level: a difference from the baseline with p below it is marked. */
export const SIGNIFICANCE_LEVEL = 0.05;

/** How one policy's mean of one metric compares with the baseline's. */
export type Verdict =
  | 'baseline'
  | 'better'
  | 'worse'
  /** Significant, but the metric has no better direction. */
  | 'different'
  | 'not significant'
  /** No p-value (too few paired seeds, or no values). */
  | 'untested';

/** Every verdict, in legend order. */
export const VERDICTS: readonly Verdict[] = ['baseline', 'better', 'worse', 'different', 'not significant', 'untested'];

/**
 * The verdict for a summary row: significant when p < SIGNIFICANCE_LEVEL, and then better
 * or worse by the sign of the difference and the metric's direction. The difference is
 * rel_diff_pct, which compares paired seeds only (summarize); (mean - baseline mean) is
 * the fallback when it is undefined (a baseline mean of 0), and differs from it only when
 * the two policies ran different seeds.
 */
export function compareToBaseline(row: MetricSummary, baselineMean: number, higherIsBetter: boolean | null): Verdict {
  if (row.policy === row.baseline) return 'baseline';
  return differenceVerdict(row.pValue, Number.isFinite(row.relDiffPct) ? row.relDiffPct : row.mean - baselineMean, higherIsBetter);
}

/**
 * The verdict for a difference `diff` (only its sign counts) with p-value `pValue`, by
 * the rule of compareToBaseline: one rule for every comparison the page marks (a policy
 * against the baseline, a replay against the snapshot).
 */
export function differenceVerdict(pValue: number, diff: number, higherIsBetter: boolean | null): Exclude<Verdict, 'baseline'> {
  if (!Number.isFinite(pValue)) return 'untested';
  if (pValue >= SIGNIFICANCE_LEVEL) return 'not significant';
  if (higherIsBetter === null || !Number.isFinite(diff) || diff === 0) return 'different';
  return (diff > 0) === higherIsBetter ? 'better' : 'worse';
}
