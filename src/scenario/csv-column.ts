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

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * The numbers in one column of a CSV file with a header row (for empirical
 * distributions). The file is read with the INPUT_LIMITS.csvBytes cap (no devices) and
 * at most INPUT_LIMITS.empiricalValues values are kept. Empty lines and cells are
 * skipped; anything else that is not a decimal number in `bounds` is an error naming the
 * file, line and column, with the cell quoted.
 * NOTE: a hand-written RFC 4180 scanner that keeps only the one column: csv-parse builds
 * a record per row, minutes and gigabytes for a 64 MiB file of short rows.
 */
export function readCsvColumn(file: string, column: string, bounds: ColumnBounds): number[] {
  const text = readInputFile(file, { what: 'CSV', maxBytes: INPUT_LIMITS.csvBytes });
  const out: number[] = [];
  let idx = -1;
  scanCsv(text, file, (field, value, line) => {
    if (field !== idx) return;
    const cell = value.trim();
    if (cell === '') return;
    const where = { file, line, path: `column ${column}` };
    if (!DECIMAL.test(cell)) throw new InputError(where, `expected a decimal number, got ${excerpt(cell)}`);
    const v = Number(cell);
    if (!(v >= bounds.min && v <= bounds.max)) throw new InputError(where, `expected ${bounds.what} from ${bounds.min} to ${bounds.max}, got ${excerpt(cell)}`);
    if (out.length === INPUT_LIMITS.empiricalValues) {
      throw new InputError(where, `more than ${INPUT_LIMITS.empiricalValues} values (INPUT_LIMITS.empiricalValues); sample the column`);
    }
    out.push(v);
  }, (fields, line) => {
    const header = fields.map((h) => h.trim());
    idx = header.indexOf(column);
    if (idx < 0) throw new InputError({ file, line }, `no column ${excerpt(column)} (have ${excerpt(header.join(', '))})`);
  });
  if (idx < 0) throw new InputError({ file }, 'no header row');
  if (out.length === 0) throw new InputError({ file, path: `column ${column}` }, 'no values');
  return out;
}

/**
 * Scans CSV text record by record. `onField(index, text, line)` gets each field of the
 * data rows (quotes removed, "" unescaped) once the header is known; `onHeader(fields,
 * line)` gets the first non-empty record. Empty lines are skipped.
 */
function scanCsv(
  text: string, file: string,
  onField: (field: number, value: string, line: number) => void,
  onHeader: (fields: string[], line: number) => void,
): void {
  let line = 1;
  let recordLine = 1;
  let field = 0;
  let start = 0;
  let quoted = false;
  let quoteLine = 0;
  let inQuotes = false;
  let headerDone = false;
  let headerFields: string[] = [];
  const fieldText = (end: number): string => {
    const raw = text.slice(start, end);
    if (!quoted) return raw;
    const t = raw.trim();
    return t.length >= 2 && t.charCodeAt(0) === QUOTE && t.charCodeAt(t.length - 1) === QUOTE ? t.slice(1, -1).replace(/""/g, '"') : raw;
  };
  const endField = (end: number): void => {
    if (!headerDone) headerFields.push(fieldText(end));
    else onField(field, fieldText(end), recordLine);
    quoted = false;
  };
  const endRecord = (end: number): void => {
    const empty = field === 0 && end === start;
    if (!empty) {
      endField(end);
      if (!headerDone) {
        onHeader(headerFields, recordLine);
        headerDone = true;
        headerFields = [];
      }
    }
    field = 0;
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === QUOTE) {
        if (i + 1 < n && text.charCodeAt(i + 1) === QUOTE) i++;
        else inQuotes = false;
      } else if (c === LF) {
        line++;
      }
      continue;
    }
    if (c === QUOTE) {
      inQuotes = true;
      quoted = true;
      quoteLine = line;
    } else if (c === COMMA) {
      endField(i);
      field++;
      start = i + 1;
    } else if (c === LF || c === CR) {
      endRecord(i);
      if (c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF) i++;
      line++;
      recordLine = line;
      start = i + 1;
    }
  }
  if (inQuotes) throw new InputError({ file, line: quoteLine }, 'not valid CSV: a quote opened here is never closed');
  endRecord(n);
}
