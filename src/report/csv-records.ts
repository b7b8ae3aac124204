import { stringify } from 'csv-stringify/sync';
import type { CsvTable } from './csv-table.js';
import { formatCsvNumber } from './format-csv-number.js';

/**
 * A table's CSV records, the cells its file holds: the header, then one record per row in
 * the given order, numbers per formatCsvNumber. csvText of them is the file's text (same
 * rows, same bytes); the report writer also reads its tables back from them
 * (writtenCsvRecords).
 */
export function csvRecords<Row>(table: CsvTable<Row>, rows: readonly Row[]): string[][] {
  const { columns } = table;
  const records: string[][] = [columns.map((c) => c.name)];
  for (const row of rows) {
    const record = new Array<string>(columns.length);
    for (let j = 0; j < columns.length; j++) {
      const c = columns[j]!;
      const v = c.get(row);
      if (c.kind === 'text') {
        if (typeof v !== 'string') throw new Error(`csvRecords: ${table.file} column ${c.name} expects text, got ${typeof v}`);
        record[j] = v;
        continue;
      }
      if (typeof v !== 'number') throw new Error(`csvRecords: ${table.file} column ${c.name} expects a number, got ${typeof v}`);
      record[j] = formatCsvNumber(c.kind, v);
    }
    records.push(record);
  }
  return records;
}

/**
 * The CSV text of records of cells: RFC 4180 quoting only when a cell needs it, so output
 * is stable; LF line endings. Each record's text depends on that record alone (no header or BOM
 * option), so the records are stringified a chunk at a time and the texts joined: the same
 * text, but csv-stringify then holds one chunk's record strings at a time, not all of them
 * until the end (about a third faster on node-utilization.csv's 73k records, most of it
 * less garbage collection).
 */
export function csvText(records: readonly (readonly string[])[]): string {
  const parts: string[] = [];
  for (let i = 0; i < records.length; i += CHUNK_RECORDS) {
    parts.push(stringify(records.slice(i, i + CHUNK_RECORDS) as string[][], { record_delimiter: 'unix', quoted_empty: false }));
  }
  return parts.join('');
}

/** Records per csv-stringify call in csvText. */
export const CHUNK_RECORDS = 2000;
