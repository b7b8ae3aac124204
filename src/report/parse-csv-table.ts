import { CsvError, parse } from 'csv-parse/sync';
import type { CsvColumn, CsvRecord, CsvTable } from './csv-table.js';
import { ReportError } from './report-error.js';

const REAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const INT = /^[-+]?\d+$/;

/** A CSV text's records (header first) and the 1-based line each ends on, as the reader sees them. */
export interface CsvRecords {
  readonly records: readonly (readonly string[])[];
  readonly lines: readonly number[];
}

/** The table a text is read with: fixed, or a function of the header (runs.csv's columns depend on the data). */
export type ReadingTable<Row> = CsvTable<Row> | ((header: readonly string[]) => CsvTable<Row>);

/**
 * Reads CSV text into rows of a declared table, validating as it goes: the header must be
 * exactly the table's columns in order, every record must have that many fields, 'int'
 * cells must be integers and 'real' cells numbers (or empty for NaN, or +-Infinity). A
 * problem throws a ReportError naming the file, the line and the column. `table` may be
 * a function of the header, for tables whose columns depend on the data (runs.csv).
 * Accepts CRLF line endings and a UTF-8 byte order mark; empty lines are skipped.
 */
export function parseCsvTable<Row>(text: string, file: string, table: ReadingTable<Row>): Row[] {
  return parseCsvTableWithLines(text, file, table).rows;
}

/** parseCsvTable, also giving the 1-based line each row ends on (for later checks' messages). */
export function parseCsvTableWithLines<Row>(text: string, file: string, table: ReadingTable<Row>): { rows: Row[]; lines: number[] } {
  return csvTableRows(tokenizeCsv(text, file), file, table);
}

/**
 * A CSV text's records and lines (csv-parse: RFC 4180 quoting, a UTF-8 byte order mark
 * dropped, CRLF or LF, empty lines skipped); malformed CSV is a ReportError naming the
 * file and line.
 */
export function tokenizeCsv(text: string, file: string): CsvRecords {
  // Each record's line comes from the parser's context as the record is made (cheaper than
  // `info: true`, which copies the context into every record: reports have 100k rows).
  const lines: number[] = [];
  try {
    const records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      on_record: (record: string[], ctx: { lines: number }) => {
        lines.push(ctx.lines);
        return record;
      },
    }) as string[][];
    return { records, lines };
  } catch (e) {
    if (e instanceof CsvError) {
      const line = typeof e['lines'] === 'number' ? e['lines'] : undefined;
      throw new ReportError({ file, line }, `malformed CSV: ${e.message.replace(/ (on|at) line \d+$/, '')}`);
    }
    throw e;
  }
}

/** A cell tokenizeCsv would not give back as it is: it holds a line break (lines count it) or a surrogate. */
const NOT_PLAIN = /[\r\n\uD800-\uDFFF]/;

/**
 * What tokenizeCsv gives for the text csvText (csv-records.ts) writes of `records`, without
 * tokenizing that text again: the writer keeps the cells it formatted, and the page is
 * drawn from them as from the text read back (parse-csv-table.test checks both agree).
 * The differences are the tokenizer's: a record of one empty cell (or none) is an empty
 * line, skipped; a lone surrogate, which UTF-8 cannot hold, reads back as U+FFFD; and every CR
 * or LF inside a cell counts as a line (csv-parse counts each one, a CRLF as two), so a
 * record ends on its number plus those of the cells up to its end.
 */
export function writtenCsvRecords(records: readonly (readonly string[])[]): CsvRecords {
  const read: (readonly string[])[] = [];
  const lines: number[] = [];
  let line = 0;
  for (const record of records) {
    line++;
    let cells = record;
    for (let j = 0; j < record.length; j++) {
      const cell = record[j]!;
      if (!NOT_PLAIN.test(cell)) continue;
      for (let k = 0; k < cell.length; k++) if (cell[k] === '\r' || cell[k] === '\n') line++;
      if (/[\uD800-\uDFFF]/.test(cell)) {
        if (cells === record) cells = [...record];
        (cells as string[])[j] = Buffer.from(cell, 'utf8').toString('utf8');
      }
    }
    if (record.length === 0 || (record.length === 1 && record[0] === '')) continue;
    read.push(cells);
    lines.push(line);
  }
  return { records: read, lines };
}

/**
 * A table's rows from its records (parseCsvTable's checks and conversions, whether the
 * records were tokenized from a text or kept by the writer): the header must be the
 * table's columns, each record that many fields, each cell of its column's kind.
 */
export function csvTableRows<Row>(read: CsvRecords, file: string, table: ReadingTable<Row>): { rows: Row[]; lines: number[] } {
  const { records, lines: recordLines } = read;
  const header = records[0];
  if (header === undefined) throw new ReportError({ file }, 'empty file: expected a header line');
  const t = typeof table === 'function' ? table(header) : table;
  const names = t.columns.map((c) => c.name);
  for (let j = 0; j < Math.max(names.length, header.length); j++) {
    if (header[j] === names[j]) continue;
    const line = recordLines[0]!;
    if (j >= header.length) throw new ReportError({ file, line }, `missing column${names.length - j > 1 ? 's' : ''} ${names.slice(j).join(', ')} (expected header ${names.join(',')})`);
    if (j >= names.length) throw new ReportError({ file, line, column: j + 1 }, `unexpected column "${header[j]}" (expected header ${names.join(',')})`);
    throw new ReportError({ file, line, column: j + 1 }, `expected column "${names[j]}", found "${header[j]}"`);
  }
  const index = new Map(names.map((n, j) => [n, j]));
  const rows: Row[] = [];
  const lines: number[] = [];
  // One accessor and one values array for every row, pointed at and refilled for the row
  // being converted (fromRecord reads it before returning), instead of two closures and
  // an array per row.
  const values: (string | number)[] = new Array<string | number>(names.length);
  const rec: CsvRecord = {
    text: (name) => {
      const v = values[column(index, name, t.file)];
      return typeof v === 'string' ? v : String(v);
    },
    num: (name) => {
      const v = values[column(index, name, t.file)];
      return typeof v === 'number' ? v : Number.NaN;
    },
  };
  for (let i = 1; i < records.length; i++) {
    const record = records[i]!;
    const line = recordLines[i]!;
    if (record.length !== names.length) {
      throw new ReportError({ file, line }, `expected ${names.length} fields, found ${record.length}`);
    }
    for (let j = 0; j < record.length; j++) values[j] = cellValue(record[j]!, t.columns[j]!, file, line, j);
    rows.push(t.fromRecord(rec));
    lines.push(line);
  }
  return { rows, lines };
}

/** A cell as its column's kind: text as is, 'int' an integer, 'real' a number (empty or NaN for NaN, +-Infinity). */
function cellValue(cell: string, c: Pick<CsvColumn<unknown>, 'name' | 'kind'>, file: string, line: number, j: number): string | number {
  if (c.kind === 'text') return cell;
  if (c.kind === 'int') {
    if (!INT.test(cell)) throw new ReportError({ file, line, column: j + 1, columnName: c.name }, cell === '' ? 'empty, expected an integer' : `"${cell}" is not an integer`);
    return Number(cell);
  }
  if (cell === '' || cell === 'NaN') return Number.NaN;
  if (cell === 'Infinity' || cell === '+Infinity') return Number.POSITIVE_INFINITY;
  if (cell === '-Infinity') return Number.NEGATIVE_INFINITY;
  if (!REAL.test(cell)) throw new ReportError({ file, line, column: j + 1, columnName: c.name }, `"${cell}" is not a number`);
  return Number(cell);
}

function column(index: ReadonlyMap<string, number>, name: string, file: string): number {
  const j = index.get(name);
  // A table's fromRecord asked for a column it does not declare: a bug, not bad input.
  if (j === undefined) throw new Error(`parseCsvTable: ${file} has no column ${name}`);
  return j;
}
