import { checkWhatifTables } from '../check-whatif-tables.js';
import { intColumn, realColumn, textColumn } from '../csv-table.js';
import type { ReportTable } from '../report-table.js';
import type { WhatifRunRow } from '../types.js';

/** whatif-runs.csv: every what-if measure of every replay run (measures in the order of data.whatif.measures), beside the snapshot's own value. */
export const whatifRunsTable: ReportTable<WhatifRunRow> = {
  file: 'whatif-runs.csv',
  description: 'replay, per policy, seed and what-if measure: the dump\'s value and the run\'s',
  required: false,
  carriedBy: 'whatif',
  columns: {
    kind: 'fixed',
    layout: {
      columns: [
        textColumn('policy', (r) => r.policy),
        intColumn('seed', (r) => r.seed),
        textColumn('measure', (r) => r.measure),
        realColumn('dump', (r) => r.dump),
        realColumn('value', (r) => r.value),
      ],
      fromRecord: (r) => ({ policy: r.text('policy'), seed: r.num('seed'), measure: r.text('measure'), dump: r.num('dump'), value: r.num('value') }),
    },
  },
  rows: (data) => {
    const w = data.whatif;
    if (w === undefined) return null;
    return w.runs.flatMap((r) => w.measures.map((m) => ({
      policy: r.policy, seed: r.seed, measure: m.id, dump: r.dump[m.id] ?? Number.NaN, value: r.after[m.id] ?? Number.NaN,
    })));
  },
  readBack: true,
  check: checkWhatifTables,
};
