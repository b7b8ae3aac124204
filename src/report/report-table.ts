import type { CsvTable } from './csv-table.js';
import type { ReportData, ReportTables } from './types.js';

/** The fields of ReportTables that are sets of tables one experiment carries ('openb', 'whatif'). */
export type TableSetKey = { [K in keyof ReportTables]: ReportTables[K] extends readonly unknown[] | null ? never : K }[keyof ReportTables];

/**
 * Which reports carry a table: every report, or only those of one experiment. The tables
 * of one experiment come as a set: a folder with one of them and not another is refused
 * (a copy that lost a file), and the set is named in that message.
 */
export type TableCarrier = 'every' | TableSetKey;

/** How each experiment's reports are named in messages ("an openb report has ..."). */
export const CARRIER_NAMES: Readonly<Record<TableSetKey, string>> = {
  openb: 'an openb report',
  whatif: 'a replay\'s report',
};

/** A CsvTable without its file name: the declaration names the file once. */
export type CsvLayout<Row> = Omit<CsvTable<Row>, 'file'>;

/**
 * A table's columns: the same in every report, or key columns followed by one column per
 * metric id (runs.csv), the catalogue's ids when written and the header's when read back,
 * so a report of an older catalogue still reads.
 */
export type TableColumns<Row> =
  | { readonly kind: 'fixed'; readonly layout: CsvLayout<Row> }
  | { readonly kind: 'per-metric'; readonly layout: (metricIds: readonly string[]) => CsvLayout<Row> };

/**
 * One table of a report folder, declared once: the writer (reportTables, reportCsvTexts),
 * the reader and its checks (parseReportTables, checkReportTables), the file list and its
 * descriptions (REPORT_FILES, REPORT_FILE_DESCRIPTIONS), and so what `schedbench report`
 * reads and rebuilds, all come from the declarations in REPORT_TABLES.
 */
export interface ReportTable<Row> {
  /** The file name in the report folder. */
  readonly file: string;
  /** What the file holds, one line, for the page's file list. */
  readonly description: string;
  /** Every report has it: reading a folder without it fails (runs.csv, summary.csv). */
  readonly required: boolean;
  readonly carriedBy: TableCarrier;
  readonly columns: TableColumns<Row>;
  /**
   * The table's rows from what the runs measured; null: the report has no such file (for
   * a table of a set: exactly when the data has no such experiment). Never null when required.
   */
  rows(data: ReportData): readonly Row[] | null;
  /**
   * Whether reading a folder parses the file (the page draws it). A table not read back is
   * null in the tables read from a folder, but its file is still listed and kept.
   */
  readonly readBack: boolean;
  /**
   * How the table, read back, is checked against the others (a truncated or edited file is
   * refused, not drawn); runs after every table is read, in declaration order, when a
   * folder is read and before a report is written. Throws a ReportError naming file and line.
   */
  check?(cx: TableCheckContext): void;
}

/** The rows of one table field. */
type RowOf<T> = T extends readonly (infer R)[] | null ? R : never;

/**
 * Every table of a report, declared, in the shape of ReportTables (a set field holds its
 * members' declarations): a field without a declaration, or a declaration without a
 * field, fails to compile.
 */
export type ReportTableDecls = {
  readonly [K in keyof ReportTables]: K extends TableSetKey
    ? { readonly [J in keyof NonNullable<ReportTables[K]>]: ReportTable<RowOf<NonNullable<ReportTables[K]>[J]>> }
    : ReportTable<RowOf<ReportTables[K]>>;
};

/** A table's name: its field of ReportTables, or `<set>.<member>` for a table of a set. */
export type TableName = {
  [K in keyof ReportTables]: K extends TableSetKey ? `${K}.${keyof NonNullable<ReportTables[K]> & string}` : K;
}[keyof ReportTables];

/** The 1-based line each row of each table ends on, in row order (empty when absent or not read back). */
export type ReportTableLines = Readonly<Record<TableName, readonly number[]>>;

/** What a table's cross-check sees: every table read back, their lines, and how to name files. */
export interface TableCheckContext {
  readonly tables: ReportTables;
  readonly lines: ReportTableLines;
  /** A table's file as messages name it: `<dir>/<file>`. */
  path(table: TableName): string;
  /** A table's file name alone, as messages refer to a second file. */
  file(table: TableName): string;
}

/**
 * The CsvTable a declared table is written and read with, given the report's metric ids
 * (a fixed table ignores them; reading runs.csv takes them from its header).
 */
export function csvTableOf<Row>(decl: ReportTable<Row>, metricIds: readonly string[] = []): CsvTable<Row> {
  const layout = decl.columns.kind === 'fixed' ? decl.columns.layout : decl.columns.layout(metricIds);
  return { file: decl.file, ...layout };
}
