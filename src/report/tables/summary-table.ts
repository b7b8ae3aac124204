import type { MetricSummary } from '../../metrics/types.js';
import { checkSummary } from '../check-summary.js';
import { intColumn, realColumn, textColumn } from '../csv-table.js';
import type { ReportTable } from '../report-table.js';

/** summary.csv: one row per scenario x policy x metric (statistics across seeds), as the caller summarized them. */
export const summaryTable: ReportTable<MetricSummary> = {
  file: 'summary.csv',
  description: 'per scenario x policy x metric: mean, sd, 95% CI across seeds, difference from the baseline and its p-value (over the seeds both ran)',
  required: true,
  carriedBy: 'every',
  columns: {
    kind: 'fixed',
    layout: {
      columns: [
        textColumn('scenario', (r) => r.scenario),
        textColumn('policy', (r) => r.policy),
        textColumn('baseline', (r) => r.baseline),
        textColumn('metric', (r) => r.metric),
        intColumn('n', (r) => r.n),
        realColumn('mean', (r) => r.mean),
        realColumn('sd', (r) => r.sd),
        realColumn('ci95_low', (r) => r.ci95Low),
        realColumn('ci95_high', (r) => r.ci95High),
        realColumn('rel_diff_pct', (r) => r.relDiffPct),
        realColumn('p_value', (r) => r.pValue),
        textColumn('test', (r) => r.test),
      ],
      fromRecord: (r) => ({
        scenario: r.text('scenario'), policy: r.text('policy'), baseline: r.text('baseline'), metric: r.text('metric'),
        n: r.num('n'), mean: r.num('mean'), sd: r.num('sd'), ci95Low: r.num('ci95_low'), ci95High: r.num('ci95_high'),
        relDiffPct: r.num('rel_diff_pct'), pValue: r.num('p_value'), test: r.text('test'),
      }),
    },
  },
  rows: (data) => data.summary,
  readBack: true,
  check: checkSummary,
};
