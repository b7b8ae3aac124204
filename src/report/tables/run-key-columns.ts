import type { CsvColumn, CsvRecord } from '../csv-table.js';
import { intColumn, textColumn } from '../csv-table.js';
import type { TableColumns } from '../report-table.js';
import type { RunRowKey } from '../types.js';

/** The run key's columns, scenario, policy and seed: the first columns of every per-run table. */
export function runKeyColumns<Row extends RunRowKey>(): CsvColumn<Row>[] {
  return [
    textColumn('scenario', (r) => r.scenario),
    textColumn('policy', (r) => r.policy),
    intColumn('seed', (r) => r.seed),
  ];
}

/** A per-run table record's run key, as runKeyColumns wrote it. */
export function runKeyOf(r: CsvRecord): RunRowKey {
  return { scenario: r.text('scenario'), policy: r.text('policy'), seed: r.num('seed') };
}

/**
 * The fixed columns of a per-run table: the run key's, then `columns`; a record becomes
 * the run key plus what `fromRecord` reads of the rest.
 */
export function perRunColumns<Row extends RunRowKey>(
  columns: readonly CsvColumn<Row>[], fromRecord: (r: CsvRecord) => Omit<Row, keyof RunRowKey>,
): TableColumns<Row> {
  return {
    kind: 'fixed',
    layout: {
      columns: [...runKeyColumns<Row>(), ...columns],
      fromRecord: (r) => ({ ...runKeyOf(r), ...fromRecord(r) }) as Row,
    },
  };
}
