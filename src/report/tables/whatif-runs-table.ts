import type { CsvTable } from '../csv-table.js';
import { intColumn, realColumn, textColumn } from '../csv-table.js';
import type { WhatifRunRow } from '../types.js';

/** whatif-runs.csv: every what-if measure of every replay run, beside the snapshot's own value. */
export const whatifRunsTable: CsvTable<WhatifRunRow> = {
  file: 'whatif-runs.csv',
  columns: [
    textColumn('policy', (r) => r.policy),
    intColumn('seed', (r) => r.seed),
    textColumn('measure', (r) => r.measure),
    realColumn('dump', (r) => r.dump),
    realColumn('value', (r) => r.value),
  ],
  fromRecord: (r) => ({ policy: r.text('policy'), seed: r.num('seed'), measure: r.text('measure'), dump: r.num('dump'), value: r.num('value') }),
};
