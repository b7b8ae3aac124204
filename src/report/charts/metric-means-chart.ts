import type { TopLevelSpec } from 'vega-lite';
import type { MetricDef, MetricSummary } from '../../metrics/types.js';
import type { Verdict } from '../compare-to-baseline.js';
import { compareToBaseline, SIGNIFICANCE_LEVEL, VERDICTS } from '../compare-to-baseline.js';
import { CHART_CONFIG, VEGA_LITE_SCHEMA } from './chart-config.js';

const VERDICT_COLORS: Readonly<Record<Verdict, string>> = {
  baseline: '#8c8c8c', better: '#2e7d32', worse: '#c62828', different: '#ef6c00', 'not significant': '#5b9bd5', untested: '#b7cde6',
};

/**
 * One scenario's metrics, one small chart per metric (a facet): a bar per policy at the
 * mean across seeds with the 95% confidence interval as an error bar, coloured by how it
 * compares with the baseline (p < 0.05 better or worse). Metrics with no finite mean are
 * left out; null when none is left. Policies top to bottom in the order given.
 */
export function metricMeansChart(
  metrics: readonly MetricDef[], summary: readonly MetricSummary[], policies: readonly string[],
): TopLevelSpec | null {
  const values: Record<string, string | number | null>[] = [];
  const titles: string[] = [];
  for (const m of metrics) {
    const rows = summary.filter((s) => s.metric === m.id && Number.isFinite(s.mean));
    if (rows.length === 0) continue;
    const title = `${m.label} (${m.unit})`;
    titles.push(title);
    for (const s of rows) {
      const base = summary.find((b) => b.metric === m.id && b.policy === s.baseline);
      const ci = Number.isFinite(s.ci95Low) && Number.isFinite(s.ci95High);
      values.push({
        metric: title, policy: s.policy, mean: s.mean, n: s.n,
        lo: ci ? s.ci95Low : null, hi: ci ? s.ci95High : null,
        relDiffPct: Number.isFinite(s.relDiffPct) ? s.relDiffPct : null,
        p: Number.isFinite(s.pValue) ? s.pValue : null,
        verdict: compareToBaseline(s, base?.mean ?? Number.NaN, m.higherIsBetter),
      });
    }
  }
  if (values.length === 0) return null;
  const y = { field: 'policy', type: 'nominal', sort: [...policies], title: null, axis: { labelLimit: 160 } } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: CHART_CONFIG,
    data: { values },
    facet: { field: 'metric', type: 'nominal', sort: titles, title: null, header: { labelLimit: 260 } },
    columns: 3,
    spec: {
      width: 230,
      height: { step: 16 },
      layer: [
        {
          mark: { type: 'bar', tooltip: true },
          encoding: {
            y,
            x: { field: 'mean', type: 'quantitative', title: null, scale: { zero: true } },
            color: {
              field: 'verdict', type: 'nominal', title: `vs baseline (p < ${SIGNIFICANCE_LEVEL})`,
              scale: { domain: [...VERDICTS], range: VERDICTS.map((v) => VERDICT_COLORS[v]) },
            },
            tooltip: [
              { field: 'policy', type: 'nominal' }, { field: 'mean', type: 'quantitative', format: '.4~g' },
              { field: 'lo', type: 'quantitative', title: 'CI low', format: '.4~g' }, { field: 'hi', type: 'quantitative', title: 'CI high', format: '.4~g' },
              { field: 'relDiffPct', type: 'quantitative', title: 'vs baseline %', format: '+.3~g' },
              { field: 'p', type: 'quantitative', title: 'p-value', format: '.3~g' }, { field: 'n', type: 'quantitative', title: 'seeds' },
            ],
          },
        },
        {
          transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }],
          mark: { type: 'rule', color: '#222' },
          encoding: { y, x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } },
        },
      ],
    },
    resolve: { scale: { x: 'independent' } },
  };
}
