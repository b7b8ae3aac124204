import type { CsvTable } from '../csv-table.js';
import { intColumn, realColumn, textColumn } from '../csv-table.js';
import type { RunRow } from '../types.js';

/** runs.csv: scenario,policy,seed, then one column per metric id in the order given. */
export function runsTable(metricIds: readonly string[]): CsvTable<RunRow> {
  return {
    file: 'runs.csv',
    columns: [
      textColumn<RunRow>('scenario', (r) => r.scenario),
      textColumn<RunRow>('policy', (r) => r.policy),
      intColumn<RunRow>('seed', (r) => r.seed),
      ...metricIds.map((id) => realColumn<RunRow>(id, (r) => r.values[id] ?? Number.NaN)),
    ],
    fromRecord: (r) => ({
      scenario: r.text('scenario'), policy: r.text('policy'), seed: r.num('seed'),
      values: Object.fromEntries(metricIds.map((id) => [id, r.num(id)])),
    }),
  };
}
