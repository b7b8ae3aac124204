/**
 * ReportError is a problem with a report folder or one of its files that the user can fix
 * (a missing folder, a malformed CSV): it names the file, and the line and column when
 * known. src/report cannot import the model's InputError (the report depends on metric
 * types only), so the CLI maps this one to its one-line message and exit code 2.
 */
export class ReportError extends Error {
  constructor(
    readonly where: {
      readonly file: string;
      /** 1-based line in the file. */
      readonly line?: number;
      /** 1-based column (CSV field) in that line. */
      readonly column?: number;
      /** The column's name, when the header is known. */
      readonly columnName?: string;
    },
    readonly problem: string,
  ) {
    const at = where.line !== undefined ? `${where.file}:${where.line}` : where.file;
    const col = where.column !== undefined
      ? `column ${where.column}${where.columnName !== undefined ? ` (${where.columnName})` : ''}`
      : undefined;
    super([at, col, problem].filter((p) => p !== undefined).join(': '));
    this.name = 'ReportError';
  }
}
