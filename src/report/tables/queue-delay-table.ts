import type { CsvTable } from '../csv-table.js';
import { intColumn, realColumn, textColumn } from '../csv-table.js';
import type { QueueDelayRow } from '../types.js';

/** queue-delay.csv: each run's queueing delay at quantiles 0, 0.01, ..., 1. */
export const queueDelayTable: CsvTable<QueueDelayRow> = {
  file: 'queue-delay.csv',
  columns: [
    textColumn('scenario', (r) => r.scenario),
    textColumn('policy', (r) => r.policy),
    intColumn('seed', (r) => r.seed),
    realColumn('quantile', (r) => r.quantile),
    realColumn('delay_s', (r) => r.delayS),
  ],
  fromRecord: (r) => ({
    scenario: r.text('scenario'), policy: r.text('policy'), seed: r.num('seed'),
    quantile: r.num('quantile'), delayS: r.num('delay_s'),
  }),
};
