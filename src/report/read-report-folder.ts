import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseReportInfo } from './report-info-json.js';
import { parseReportTables } from './parse-report-tables.js';
import { ReportError } from './report-error.js';
import { REPORT_FILES } from './report-files.js';
import type { ReportInfo, ReportTables } from './types.js';

/** A report folder's contents as the page needs them. */
export interface ReportFolder {
  readonly info: ReportInfo;
  readonly tables: ReportTables;
  /** Names of the report files present. */
  readonly files: readonly string[];
}

/**
 * Reads a report folder: its CSV files (runs.csv and summary.csv required) validated
 * against their declared columns, and report.json (when absent the title is made from the
 * folder name). Problems throw a ReportError naming the folder or file, line and column.
 */
export function readReportFolder(dir: string): ReportFolder {
  if (!existsSync(dir)) throw new ReportError({ file: dir }, 'no such folder');
  if (!statSync(dir).isDirectory()) throw new ReportError({ file: dir }, 'not a folder');
  const texts = new Map<string, string>();
  const files: string[] = [];
  for (const name of Object.values(REPORT_FILES)) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    files.push(name);
    if (name !== REPORT_FILES.html) texts.set(name, readFileSync(path, 'utf8'));
  }
  const infoText = texts.get(REPORT_FILES.info);
  const info = infoText !== undefined
    ? parseReportInfo(infoText, join(dir, REPORT_FILES.info))
    : { title: `schedbench report: ${basename(resolve(dir))}`, createdFor: [], info: [] };
  return { info, tables: parseReportTables(texts, dir), files };
}
