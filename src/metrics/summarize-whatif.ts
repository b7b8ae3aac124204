import { mean, sampleStandardDeviation } from 'simple-statistics';
import { signFlipPValue } from './sign-flip-test.js';
import { tQuantile975 } from './t-quantile.js';
import type { MetricDef, RunKey, WhatifRun, WhatifSummary } from './types.js';

/**
 * Summarizes replay runs per policy x what-if measure across seeds, against the
 * snapshot's own placement, with summarize's statistics: mean, sample standard
 * deviation, 95% confidence interval of the mean (Student t, n - 1 df) and the paired
 * sign-flip test, here on each seed's difference from the snapshot's value (the
 * snapshot stands where summarize puts the baseline policy). NaN values are left out.
 * Output order: policies as they first appear in `runs`, measures as in `measures`.
 */
export function summarizeWhatif(
  runs: readonly { readonly key: RunKey; readonly whatif: WhatifRun }[], measures: readonly MetricDef[],
): WhatifSummary[] {
  const out: WhatifSummary[] = [];
  const policies = [...new Set(runs.map((r) => r.key.policy))];
  for (const policy of policies) {
    const mine = runs.filter((r) => r.key.policy === policy);
    for (const def of measures) {
      const after: number[] = [];
      const dump: number[] = [];
      for (const r of mine) {
        const a = r.whatif.after[def.id] ?? Number.NaN;
        const d = r.whatif.dump[def.id] ?? Number.NaN;
        if (Number.isFinite(a) && Number.isFinite(d)) {
          after.push(a);
          dump.push(d);
        }
      }
      const n = after.length;
      const m = n > 0 ? mean(after) : Number.NaN;
      const dm = n > 0 ? mean(dump) : Number.NaN;
      const sd = n > 1 ? sampleStandardDeviation(after) : Number.NaN;
      const half = n > 1 ? (tQuantile975(n - 1) * sd) / Math.sqrt(n) : Number.NaN;
      out.push({
        policy, measure: def.id, n, dump: dm, mean: m, sd, ci95Low: m - half, ci95High: m + half,
        diff: m - dm,
        relDiffPct: n > 0 && dm !== 0 ? ((m - dm) / Math.abs(dm)) * 100 : Number.NaN,
        pValue: signFlipPValue(after.map((a, i) => a - dump[i]!)),
      });
    }
  }
  return out;
}
