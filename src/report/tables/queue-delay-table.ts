import { realColumn } from '../csv-table.js';
import type { ReportTable } from '../report-table.js';
import { perRunColumns, perRunRow } from './run-key-columns.js';
import type { QueueDelayRow } from '../types.js';

/** queue-delay.csv: each run's queueing delay at quantiles 0, 0.01, ..., 1. */
export const queueDelayTable: ReportTable<QueueDelayRow> = {
  file: 'queue-delay.csv',
  description: 'queueing delay (arrival to first bind) at quantiles 0, 0.01, ..., 1 per run',
  required: false,
  carriedBy: 'every',
  columns: perRunColumns([
    realColumn('quantile', (r) => r.quantile),
    realColumn('delay_s', (r) => r.delayS),
  ], (r) => ({ quantile: r.num('quantile'), delayS: r.num('delay_s') })),
  rows: (data) => data.runs.flatMap((r) => {
    const qs = r.queueDelayQuantilesS;
    // Quantiles are evenly spaced from 0 to 1 (101 of them: 0, 0.01, ..., 1); i / (n - 1)
    // rather than i * 0.01 so that 0.07 is written as 0.07.
    return qs.length < 2 ? [] : qs.map((d, i) => perRunRow(r.key, { quantile: i / (qs.length - 1), delayS: d }));
  }),
  readBack: true,
};
