import type { WhatifSummary } from '../../metrics/types.js';
import { intColumn, realColumn, textColumn } from '../csv-table.js';
import type { ReportTable } from '../report-table.js';

/** whatif-summary.csv: one row per policy x what-if measure (statistics across seeds, against the snapshot). */
export const whatifSummaryTable: ReportTable<WhatifSummary> = {
  file: 'whatif-summary.csv',
  description: 'replay, per policy and what-if measure: mean, sd, 95% CI across seeds, the dump\'s value, the difference from it and its p-value',
  required: false,
  carriedBy: 'whatif',
  columns: {
    kind: 'fixed',
    layout: {
      columns: [
        textColumn('policy', (r) => r.policy),
        textColumn('measure', (r) => r.measure),
        intColumn('n', (r) => r.n),
        realColumn('dump', (r) => r.dump),
        realColumn('mean', (r) => r.mean),
        realColumn('sd', (r) => r.sd),
        realColumn('ci95_low', (r) => r.ci95Low),
        realColumn('ci95_high', (r) => r.ci95High),
        realColumn('diff', (r) => r.diff),
        realColumn('rel_diff_pct', (r) => r.relDiffPct),
        realColumn('p_value', (r) => r.pValue),
      ],
      fromRecord: (r) => ({
        policy: r.text('policy'), measure: r.text('measure'), n: r.num('n'), dump: r.num('dump'), mean: r.num('mean'), sd: r.num('sd'),
        ci95Low: r.num('ci95_low'), ci95High: r.num('ci95_high'), diff: r.num('diff'), relDiffPct: r.num('rel_diff_pct'), pValue: r.num('p_value'),
      }),
    },
  },
  rows: (data) => data.whatif?.summary ?? null,
  readBack: true,
};
