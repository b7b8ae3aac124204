import { assembleTables } from './assemble-tables.js';
import type { ReadingTable } from './parse-csv-table.js';
import { csvTableRows, tokenizeCsv, writtenCsvRecords } from './parse-csv-table.js';
import { ReportError } from './report-error.js';
import type { ReportTable, ReportTableLines, TableName, TableSetKey } from './report-table.js';
import { CARRIER_NAMES, csvTableOf } from './report-table.js';
import { TABLE_ENTRIES } from './report-table-list.js';
import type { ReportTables } from './types.js';

/**
 * Reads a report's tables from the texts of its files (by file name; `dir` prefixes the
 * names in error messages), as REPORT_TABLES declares them: a required table's file must
 * be there, an optional one is null when its file is absent, and the tables of one
 * experiment come as a set (one of them present and another missing is an error). A
 * table not read back (placements.csv) is null. A per-metric table's metric columns are
 * whatever follows its key columns, so a report written with an older metric catalogue
 * still reads.
 */
export function parseReportTables(texts: ReadonlyMap<string, string>, dir: string): ReportTables {
  return parseReportTablesWithLines(texts, dir).tables;
}

/**
 * parseReportTables, also giving the line of every row read (for the checks' messages).
 * `written` holds the cells of texts this process formatted (csvText of a file's records
 * is its text, as writeReport makes them): those files are read from their cells
 * (writtenCsvRecords) instead of tokenizing the text again, with the same rows and lines.
 */
export function parseReportTablesWithLines(
  texts: ReadonlyMap<string, string>, dir: string, written: ReadonlyMap<string, readonly (readonly string[])[]> = new Map(),
): { tables: ReportTables; lines: ReportTableLines } {
  const rows = new Map<TableName, readonly unknown[] | null>();
  const lines = new Map<TableName, readonly number[]>();
  for (const { name, decl } of TABLE_ENTRIES) {
    const text = texts.get(decl.file);
    lines.set(name, []);
    rows.set(name, null);
    if (text === undefined) {
      refuseMissing(decl, texts, dir);
      continue;
    }
    if (!decl.readBack) continue;
    const file = reportPath(dir, decl.file);
    const cells = written.get(decl.file);
    const records = cells === undefined ? tokenizeCsv(text, file) : writtenCsvRecords(cells);
    const parsed = csvTableRows(records, file, readingTable(decl, file));
    rows.set(name, parsed.rows);
    lines.set(name, parsed.lines);
  }
  return {
    tables: assembleTables((name) => rows.get(name) ?? null),
    lines: Object.fromEntries(lines) as ReportTableLines,
  };
}

/** A missing file is an error when its table is required, or when another table of its experiment's set is there. */
function refuseMissing(decl: ReportTable<unknown>, texts: ReadonlyMap<string, string>, dir: string): void {
  if (decl.required) throw new ReportError({ file: reportPath(dir, decl.file) }, 'not found (is this a schedbench report folder?)');
  const carrier = decl.carriedBy;
  if (carrier === 'every') return;
  const set = setFiles(carrier);
  const here = set.find((f) => texts.has(f));
  if (here === undefined) return;
  throw new ReportError({ file: reportPath(dir, decl.file) }, `not found, though ${here} is there: ${CARRIER_NAMES[carrier]} has ${listed(set)}`);
}

/** The files of the tables one experiment carries, in declaration order. */
function setFiles(carrier: TableSetKey): string[] {
  return TABLE_ENTRIES.filter((t) => t.decl.carriedBy === carrier).map((t) => t.decl.file);
}

/** "a, b and c". */
function listed(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

/** The table to read a file with: a fixed table as declared, a per-metric one with the metric ids of its header. */
function readingTable<Row>(decl: ReportTable<Row>, file: string): ReadingTable<Row> {
  if (decl.columns.kind === 'fixed') return csvTableOf(decl);
  const keyColumns = csvTableOf(decl, []).columns.length;
  return (header) => csvTableOf(decl, metricColumns(header, keyColumns, file));
}

/** `<dir>/<file>` as messages name it (`<file>` alone when dir is ''). */
export function reportPath(dir: string, file: string): string {
  return dir === '' ? file : `${dir.replace(/\/+$/, '')}/${file}`;
}

/** The metric ids of a per-metric table's header: the columns after its key columns. */
function metricColumns(header: readonly string[], keyColumns: number, file: string): string[] {
  const ids = header.slice(keyColumns);
  const seen = new Set<string>();
  ids.forEach((id, k) => {
    const where = { file, line: 1, column: k + keyColumns + 1 };
    if (!/^[a-z][a-z0-9_]*$/.test(id)) throw new ReportError(where, `"${id}" is not a metric id (snake_case)`);
    if (seen.has(id)) throw new ReportError(where, `duplicate column "${id}"`);
    seen.add(id);
  });
  return ids;
}
