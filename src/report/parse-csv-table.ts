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
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, { info: true, bom: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    if (e instanceof CsvError) {
      const line = typeof e['lines'] === 'number' ? e['lines'] : undefined;
      throw new ReportError({ file, line }, `malformed CSV: ${e.message.replace(/ (on|at) line \d+$/, '')}`);
    }
    throw e;
  }
  const first = parsed[0];
  if (first === undefined) throw new ReportError({ file }, 'empty file: expected a header line');
  const header = first.record;
  const t = typeof table === 'function' ? table(header) : table;
  const names = t.columns.map((c) => c.name);
  for (let j = 0; j < Math.max(names.length, header.length); j++) {
    if (header[j] === names[j]) continue;
    const line = first.info.lines;
    if (j >= header.length) throw new ReportError({ file, line }, `missing column${names.length - j > 1 ? 's' : ''} ${names.slice(j).join(', ')} (expected header ${names.join(',')})`);
    if (j >= names.length) throw new ReportError({ file, line, column: j + 1 }, `unexpected column "${header[j]}" (expected header ${names.join(',')})`);
    throw new ReportError({ file, line, column: j + 1 }, `expected column "${names[j]}", found "${header[j]}"`);
  }
  const index = new Map(names.map((n, j) => [n, j]));
  const rows: Row[] = [];
  const lines: number[] = [];
  for (let i = 1; i < parsed.length; i++) {
    const { record, info } = parsed[i]!;
    const line = info.lines;
    if (record.length !== names.length) {
      throw new ReportError({ file, line }, `expected ${names.length} fields, found ${record.length}`);
    }
    const values = record.map((cell, j): string | number => {
      const c = t.columns[j]!;
      const where = { file, line, column: j + 1, columnName: c.name };
      if (c.kind === 'text') return cell;
      if (c.kind === 'int') {
        if (!INT.test(cell)) throw new ReportError(where, cell === '' ? 'empty, expected an integer' : `"${cell}" is not an integer`);
        return Number(cell);
      }
      if (cell === '' || cell === 'NaN') return Number.NaN;
      if (cell === 'Infinity' || cell === '+Infinity') return Number.POSITIVE_INFINITY;
      if (cell === '-Infinity') return Number.NEGATIVE_INFINITY;
      if (!REAL.test(cell)) throw new ReportError(where, `"${cell}" is not a number`);
      return Number(cell);
    });
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
