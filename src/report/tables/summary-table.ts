import type { MetricSummary } from '../../metrics/types.js';
import type { CsvTable } from '../csv-table.js';
import { intColumn, realColumn, textColumn } from '../csv-table.js';

/** summary.csv: one row per scenario x policy x metric (statistics across seeds). */
export const summaryTable: CsvTable<MetricSummary> = {
  file: 'summary.csv',
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
};
