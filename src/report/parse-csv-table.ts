import { CsvError, parse } from 'csv-parse/sync';
import type { CsvRecord, CsvTable } from './csv-table.js';
import { ReportError } from './report-error.js';

const REAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const INT = /^[-+]?\d+$/;

/**
 * Reads CSV text into rows of a declared table, validating as it goes: the header must be
 * exactly the table's columns in order, every record must have that many fields, 'int'
 * cells must be integers and 'real' cells numbers (or empty for NaN, or +-Infinity). A
 * problem throws a ReportError naming the file, the line and the column. `table` may be
 * a function of the header, for tables whose columns depend on the data (runs.csv).
 * Accepts CRLF line endings and a UTF-8 byte order mark; empty lines are skipped.
 */
export function parseCsvTable<Row>(
  text: string, file: string, table: CsvTable<Row> | ((header: readonly string[]) => CsvTable<Row>),
): Row[] {
  return parseCsvTableWithLines(text, file, table).rows;
}

/** parseCsvTable, also giving the 1-based line each row ends on (for later checks' messages). */
export function parseCsvTableWithLines<Row>(
  text: string, file: string, table: CsvTable<Row> | ((header: readonly string[]) => CsvTable<Row>),
): { rows: Row[]; lines: number[] } {
  // Each record's line comes from the parser's context as the record is made (cheaper than
  // `info: true`, which copies the context into every record: reports have 100k rows).
  let records: string[][];
  const recordLines: number[] = [];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      on_record: (record: string[], ctx: { lines: number }) => {
        recordLines.push(ctx.lines);
        return record;
      },
    }) as string[][];
  } catch (e) {
    if (e instanceof CsvError) {
      const line = typeof e['lines'] === 'number' ? e['lines'] : undefined;
      throw new ReportError({ file, line }, `malformed CSV: ${e.message.replace(/ (on|at) line \d+$/, '')}`);
    }
    throw e;
  }
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
  // One accessor for every row, pointed at the row being converted (fromRecord reads it
  // before returning), instead of two closures per row.
  let values: (string | number)[] = [];
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
    values = record.map((cell, j): string | number => {
      const c = t.columns[j]!;
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
    });
    rows.push(t.fromRecord(rec));
    lines.push(line);
  }
  return { rows, lines };
}

function column(index: ReadonlyMap<string, number>, name: string, file: string): number {
  const j = index.get(name);
  // A table's fromRecord asked for a column it does not declare: a bug, not bad input.
  if (j === undefined) throw new Error(`parseCsvTable: ${file} has no column ${name}`);
  return j;
}
