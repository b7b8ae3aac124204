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
 * A per-run row: the run key's fields, then `rest`'s, in the order of the columns.
 * Object.assign onto a literal rather than a spread: V8 (node 20) took about 3 µs a row
 * for `{ ...key, ...rest }` and well under 1 µs for this, which the openb report's 73k
 * node rows, made twice (written, then read back), feel.
 */
export function perRunRow<Rest extends object>(key: RunRowKey, rest: Rest): RunRowKey & Rest {
  return Object.assign({ scenario: key.scenario, policy: key.policy, seed: key.seed }, rest);
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
      // runKeyOf's literal is the row (perRunRow would copy it once more).
      fromRecord: (r) => Object.assign(runKeyOf(r), fromRecord(r)) as Row,
    },
  };
}
