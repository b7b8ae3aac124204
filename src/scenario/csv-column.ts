import { parse } from 'csv-parse/sync';
import { InputError, excerpt } from '../model/errors.js';
import { INPUT_LIMITS } from '../model/input-limits.js';
import { readInputFile } from '../model/read-input-file.js';

/** The range a column's values must lie in, and what they are (said in the error). */
export interface ColumnBounds {
  readonly min: number;
  readonly max: number;
  /** "a duration in seconds" */
  readonly what: string;
}

/**
 * A decimal number as people write it in a CSV: optional sign, digits with an optional
 * fraction, optional exponent. Number() would also take hex (0x10), binary, octal and
 * "Infinity"; a trace column holding those is not what the user thinks it is.
 */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The numbers in one column of a CSV file with a header row (for empirical
 * distributions). The file is read with the INPUT_LIMITS.csvBytes cap (no devices).
 * Empty cells are skipped; anything else that is not a decimal number in `bounds` is an
 * error naming the file, line and column, with the cell quoted.
 */
export function readCsvColumn(file: string, column: string, bounds: ColumnBounds): number[] {
  const text = readInputFile(file, { what: 'CSV', maxBytes: INPUT_LIMITS.csvBytes });
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    // info: the line each record ends on, for errors (empty lines are skipped).
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true, info: true }) as unknown as typeof rows;
  } catch (e) {
    throw new InputError({ file }, `not valid CSV: ${(e as Error).message}`);
  }
  const header = (rows[0]?.record ?? []).map((h) => h.trim());
  const idx = header.indexOf(column);
  if (idx < 0) throw new InputError({ file, line: rows[0]?.info.lines ?? 1 }, `no column ${excerpt(column)} (have ${excerpt(header.join(', '))})`);
  const out: number[] = [];
  for (let i = 1; i < rows.length; i++) {
    const cell = (rows[i]!.record[idx] ?? '').trim();
    if (cell === '') continue;
    const where = { file, line: rows[i]!.info.lines, path: `column ${column}` };
    if (!DECIMAL.test(cell)) throw new InputError(where, `expected a decimal number, got ${excerpt(cell)}`);
    const v = Number(cell);
    if (!(v >= bounds.min && v <= bounds.max)) {
      throw new InputError(where, `expected ${bounds.what} from ${bounds.min} to ${bounds.max}, got ${excerpt(cell)}`);
    }
    out.push(v);
  }
  if (out.length === 0) throw new InputError({ file, path: `column ${column}` }, 'no values');
  return out;
}
