import { parse } from 'csv-parse/sync';
import { excerpt, InputError } from '../../model/errors.js';
import { INPUT_LIMITS } from '../../model/input-limits.js';
import { readInputFile } from '../../model/read-input-file.js';

/**
 * One data row of an openb CSV, with typed cell readers whose errors say
 * `file:line: column name: expected ..., got "cell"` (the cell quoted short and escaped).
 */
export class OpenbCsvRow {
  constructor(
    readonly file: string,
    /** 1-based line of the row (its last line, for a quoted cell spanning lines). */
    readonly line: number,
    private readonly header: readonly string[],
    private readonly cells: readonly string[],
  ) {}

  /** The raw cell of column `name`. */
  raw(name: string): string {
    return this.cells[this.header.indexOf(name)] ?? '';
  }

  /** Refuses the row: column `name` should have held `expected`. */
  fail(name: string, expected: string): never {
    throw new InputError({ file: this.file, line: this.line, path: `column ${name}` }, `expected ${expected}, got ${excerpt(this.raw(name))}`);
  }

  /** The trimmed text of column `name`; "" allowed unless `required`. */
  text(name: string, required: boolean): string {
    const v = this.raw(name).trim();
    if (required && v === '') this.fail(name, 'a value');
    return v;
  }

  /**
   * A non-negative decimal integer of at most `max` (digits only: no sign, exponent,
   * hex or fraction, though Number() would take them); `max` is said as `maxText`.
   */
  int(name: string, max: number, maxText: string): number {
    const v = this.raw(name).trim();
    if (!/^\d+$/.test(v)) this.fail(name, 'a non-negative integer');
    const n = Number(v);
    if (n > max) this.fail(name, `at most ${maxText}`);
    return n;
  }

  /** A non-negative decimal number (digits, optional fraction) of at most `max`, or null for an empty cell. */
  optNumber(name: string, max: number, maxText: string): number | null {
    const v = this.raw(name).trim();
    if (v === '') return null;
    if (!/^\d+(\.\d+)?$/.test(v)) this.fail(name, 'a non-negative decimal number or nothing');
    const n = Number(v);
    if (n > max) this.fail(name, `at most ${maxText}`);
    return n;
  }
}

/** What readOpenbCsv accepts. */
export interface OpenbCsvShape<T> {
  /** The accepted headers, exact column names in order. */
  readonly headers: readonly (readonly string[])[];
  /** Most data rows; more is refused naming the limit. */
  readonly maxRows: number;
  /** What a row is, for the row-limit error ("nodes", "tasks"). */
  readonly rowsAre: string;
  /** What the file is, for the row-limit error ("an openb node list"). */
  readonly listIs: string;
  /** Turns one data row into a value; throws InputError (via row.fail) on a bad cell. */
  readonly row: (row: OpenbCsvRow, header: readonly string[]) => T;
}

/**
 * Reads an openb CSV (node or pod list): capped at INPUT_LIMITS.csvBytes, refusing a
 * device or folder, a BOM dropped; the header must be one of `shape.headers`, every row as
 * wide as the header, and rows are converted one at a time (no table of raw cells is
 * kept), so a hostile file costs its size and the rows it holds, and is refused at the
 * first bad row with its line.
 */
export function readOpenbCsv<T>(file: string, shape: OpenbCsvShape<T>): { header: readonly string[]; rows: T[] } {
  const text = readInputFile(file, { what: 'CSV', maxBytes: INPUT_LIMITS.csvBytes });
  let header: readonly string[] | undefined;
  const rows: T[] = [];
  try {
    parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
      on_record: (record: string[], ctx: { lines: number }) => {
        if (header === undefined) {
          header = acceptedHeader(file, ctx.lines, record, shape.headers);
          return null;
        }
        if (record.length !== header.length) {
          throw new InputError({ file, line: ctx.lines }, `expected ${header.length} columns, got ${record.length}`);
        }
        if (rows.length === shape.maxRows) {
          throw new InputError({ file, line: ctx.lines }, `more than ${shape.maxRows} ${shape.rowsAre}, the limit for ${shape.listIs}`);
        }
        rows.push(shape.row(new OpenbCsvRow(file, ctx.lines, header, record), header));
        return null;
      },
    });
  } catch (e) {
    if (e instanceof InputError) throw e;
    const err = e as Error & { lines?: number };
    // csv-parse's messages can quote a whole cell; keep only their title ("Invalid Closing Quote").
    const title = err.message.split(':')[0]!;
    throw new InputError({ file, line: typeof err.lines === 'number' ? err.lines : undefined }, `not valid CSV: ${title}`);
  }
  if (header === undefined) throw new InputError({ file }, 'empty file (expected a header row)');
  return { header, rows };
}

function acceptedHeader(file: string, line: number, record: readonly string[], accepted: readonly (readonly string[])[]): readonly string[] {
  const header = record.map((h) => h.trim());
  const ok = accepted.find((cols) => cols.length === header.length && cols.every((c, i) => header[i] === c));
  if (ok === undefined) {
    throw new InputError(
      { file, line },
      `unexpected columns ${excerpt(header.join(','))} (expected ${accepted.map((a) => a.join(',')).join(' or ')})`,
    );
  }
  return ok;
}
