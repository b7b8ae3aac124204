import { checkRuns } from '../check-runs.js';
import { realColumn } from '../csv-table.js';
import type { CsvLayout, ReportTable } from '../report-table.js';
import { runKeyColumns, runKeyOf } from './run-key-columns.js';
import type { RunRow } from '../types.js';

/** runs.csv's columns: scenario,policy,seed, then one column per metric id in the order given. */
function runsLayout(metricIds: readonly string[]): CsvLayout<RunRow> {
  return {
    columns: [
      ...runKeyColumns<RunRow>(),
      ...metricIds.map((id) => realColumn<RunRow>(id, (r) => r.values[id] ?? Number.NaN)),
    ],
    fromRecord: (r) => ({
      ...runKeyOf(r),
      values: Object.fromEntries(metricIds.map((id) => [id, r.num(id)])),
    }),
  };
}

/** runs.csv: one row per run with every metric of the catalogue, in the order of data.runs (a metric a run lacks is NaN). */
export const runsTable: ReportTable<RunRow> = {
  file: 'runs.csv',
  description: 'one row per run (scenario, policy, seed) with every metric',
  required: true,
  carriedBy: 'every',
  columns: { kind: 'per-metric', layout: runsLayout },
  rows: (data) => {
    const ids = data.metrics.map((m) => m.id);
    return data.runs.map((r) => ({ ...r.key, values: Object.fromEntries(ids.map((id) => [id, r.values[id] ?? Number.NaN])) }));
  },
  readBack: true,
  check: checkRuns,
};
