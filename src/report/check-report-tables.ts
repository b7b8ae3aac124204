import { reportPath } from './parse-report-tables.js';
import { ReportError } from './report-error.js';
import type { ReportTableLines, TableCheckContext } from './report-table.js';
import { TABLE_ENTRIES, tableEntry } from './report-table-list.js';
import type { ReportTables } from './types.js';

/**
 * Checks that a report's tables, read back, add up, so that a truncated or edited file is
 * refused instead of drawn as a smaller report: every declared table's own check
 * (REPORT_TABLES: runs.csv has no run twice, summary.csv agrees with runs.csv, an openb
 * report's and a replay's tables with runs.csv and each other), in declaration order.
 * Errors name the file and line.
 */
export function checkReportTables(tables: ReportTables, lines: ReportTableLines, dir: string): void {
  const cx: TableCheckContext = {
    tables, lines,
    path: (table) => reportPath(dir, tableEntry(table).decl.file),
    file: (table) => tableEntry(table).decl.file,
  };
  for (const t of TABLE_ENTRIES) t.decl.check?.(cx);
}

/**
 * Checks that every file ends with a newline: schedbench writes whole lines, so a file
 * without one was cut (a full disk, a killed copy). Run before parsing, so the message
 * says "truncated" rather than whatever the cut line looks like.
 */
export function checkWholeLines(texts: ReadonlyMap<string, string>, dir: string): void {
  for (const [name, text] of texts) {
    if (text !== '' && !text.endsWith('\n')) {
      throw new ReportError({ file: reportPath(dir, name), line: text.split('\n').length }, 'the last line has no newline: the file looks truncated; write the report again with `schedbench run`');
    }
  }
}
