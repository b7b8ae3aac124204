import { stringify } from 'csv-stringify/sync';
import type { CsvTable } from './csv-table.js';
import { formatCsvNumber } from './format-csv-number.js';

/**
 * A table's CSV text: the header, then one record per row in the given order, numbers per
 * formatCsvNumber, RFC 4180 quoting, LF line endings. Same rows, same bytes.
 */
export function toCsv<Row>(table: CsvTable<Row>, rows: readonly Row[]): string {
  const records: string[][] = [table.columns.map((c) => c.name)];
  for (const row of rows) {
    records.push(table.columns.map((c) => {
      const v = c.get(row);
      if (c.kind === 'text') {
        if (typeof v !== 'string') throw new Error(`toCsv: ${table.file} column ${c.name} expects text, got ${typeof v}`);
        return v;
      }
      if (typeof v !== 'number') throw new Error(`toCsv: ${table.file} column ${c.name} expects a number, got ${typeof v}`);
      return formatCsvNumber(c.kind, v);
    }));
  }
  // All cells are strings already; quoted only when a cell needs it, so output is stable.
  return stringify(records, { record_delimiter: 'unix', quoted_empty: false });
}
