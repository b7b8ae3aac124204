/**
 * A CSV table declared once: its file name and its columns in order, each with a kind that
 * fixes how values are written and validated, and how a validated record becomes a row
 * again. Writer (csvRecords, csvText) and reader (parseCsvTable) both work from this
 * declaration.
 */

/** How a column's values are written and read back. */
export type ColumnKind =
  /** Any string (RFC 4180 quoting when needed). */
  | 'text'
  /** An integer, written exactly; never empty. */
  | 'int'
  /** A number, written with formatCsvNumber's fixed rule; NaN is the empty cell. */
  | 'real';

/** One column: header name, kind, and how to take its value from a row. */
export interface CsvColumn<Row> {
  readonly name: string;
  readonly kind: ColumnKind;
  // A method, so a column of a specific row type is also a column of unknown rows (the
  // writer and reader walk every declared table without knowing its row type).
  get(row: Row): string | number;
}

/** A validated record: values by column name, already converted per the column's kind. */
export interface CsvRecord {
  text(name: string): string;
  num(name: string): number;
}

/** A table: file name, columns, and how a validated record becomes a row. */
export interface CsvTable<Row> {
  readonly file: string;
  readonly columns: readonly CsvColumn<Row>[];
  readonly fromRecord: (r: CsvRecord) => Row;
}

/** A column of kind 'text'. */
export function textColumn<Row>(name: string, get: (row: Row) => string): CsvColumn<Row> {
  return { name, kind: 'text', get };
}

/** A column of kind 'int'. */
export function intColumn<Row>(name: string, get: (row: Row) => number): CsvColumn<Row> {
  return { name, kind: 'int', get };
}

/** A column of kind 'real'. */
export function realColumn<Row>(name: string, get: (row: Row) => number): CsvColumn<Row> {
  return { name, kind: 'real', get };
}
