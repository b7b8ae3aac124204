import { mean, sampleStandardDeviation } from 'simple-statistics';
import { signFlipPValue } from './sign-flip-test.js';
import { tQuantile975 } from './t-quantile.js';
import type { MetricDef, MetricSummary, RunMetrics } from './types.js';

/** The name of the significance test summaries report. */
export const TEST_NAME = 'paired sign-flip permutation (exact, two-sided)';

/**
 * Summarizes runs per scenario x policy x metric across seeds: mean, sample standard
 * deviation, 95% confidence interval of the mean (Student t, n - 1 df), and against the
 * scenario's baseline policy, over the paired seeds only (those both policies ran with a
 * value), the relative difference of the two means and the p-value of the paired
 * sign-flip test. So an interrupted suite, where the baseline ran one seed more, still
 * compares like with like; `mean` and `n` stay over all of the policy's seeds. Output
 * order: scenarios, policies and metrics in the order given. NaN values (a metric undefined in a run) are
 * left out of that metric's statistics.
 */
export function summarize(
  runs: readonly RunMetrics[], metrics: readonly MetricDef[], baselines: ReadonlyMap<string, string>,
): MetricSummary[] {
  const out: MetricSummary[] = [];
  const scenarios = unique(runs.map((r) => r.key.scenario));
  for (const scenario of scenarios) {
    const inScenario = runs.filter((r) => r.key.scenario === scenario);
    const policies = unique(inScenario.map((r) => r.key.policy));
    const baseline = baselines.get(scenario) ?? policies[0]!;
    const bySeed = (policy: string, metric: string) => {
      const m = new Map<number, number>();
      for (const r of inScenario) if (r.key.policy === policy) m.set(r.key.seed, r.values[metric] ?? Number.NaN);
      return m;
    };
    for (const policy of policies) {
      for (const def of metrics) {
        const mine = bySeed(policy, def.id);
        const xs = [...mine.values()].filter(Number.isFinite);
        const n = xs.length;
        const m = n > 0 ? mean(xs) : Number.NaN;
        const sd = n > 1 ? sampleStandardDeviation(xs) : Number.NaN;
        const half = n > 1 ? (tQuantile975(n - 1) * sd) / Math.sqrt(n) : Number.NaN;
        let relDiffPct = Number.NaN;
        let pValue = Number.NaN;
        if (policy !== baseline) {
          // Paired seeds only: after Ctrl-C one policy may have run a seed the other did not.
          const base = bySeed(baseline, def.id);
          const mineXs: number[] = [];
          const baseXs: number[] = [];
          for (const [seed, v] of mine) {
            const b = base.get(seed);
            if (b !== undefined && Number.isFinite(v) && Number.isFinite(b)) {
              mineXs.push(v);
              baseXs.push(b);
            }
          }
          if (baseXs.length > 0) {
            const bm = mean(baseXs);
            if (bm !== 0) relDiffPct = ((mean(mineXs) - bm) / Math.abs(bm)) * 100;
          }
          pValue = signFlipPValue(mineXs.map((v, i) => v - baseXs[i]!));
        }
        out.push({
          scenario, policy, metric: def.id, n, mean: m, sd,
          ci95Low: m - half, ci95High: m + half,
          baseline, relDiffPct, pValue, test: policy === baseline ? '' : TEST_NAME,
        });
      }
    }
  }
  return out;
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
