import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { checkReportTables, checkWholeLines } from './check-report-tables.js';
import { OUTPUT_KIND_NAMES, readMarker } from './output-marker.js';
import { parseReportInfo } from './report-info-json.js';
import { parseReportTablesWithLines, reportPath } from './parse-report-tables.js';
import { ReportError } from './report-error.js';
import { REPORT_FILE_NAMES, REPORT_FILES } from './report-files.js';
import type { ReportInfo, ReportTables } from './types.js';

/**
 * Bytes of one report file read back; the same cap as INPUT_LIMITS.csvBytes (the report
 * may not import the model), so a hostile folder cannot exhaust memory.
 */
export const REPORT_FILE_MAX_BYTES = 64 * 1024 * 1024;

/** A report folder's contents as the page needs them. */
export interface ReportFolder {
  readonly info: ReportInfo;
  readonly tables: ReportTables;
  /** Names of the report files present. */
  readonly files: readonly string[];
}

/**
 * Reads a report folder: its CSV files (runs.csv and summary.csv required) validated
 * against their declared columns and against each other (checkReportTables: a truncated
 * or edited file is refused, not drawn as fewer runs), and report.json (when absent the
 * title is made from the folder name). An openb report (marker 'openb', with report.json)
 * reads like any other, its openb-*.csv tables included; a `schedbench openb` result
 * folder of the old format (no report.json, curve.csv) is refused.
 * Problems throw a ReportError naming the folder or file, line and column.
 */
export function readReportFolder(dir: string): ReportFolder {
  if (!existsSync(dir)) throw new ReportError({ file: dir }, 'no such folder');
  if (!statSync(dir).isDirectory()) throw new ReportError({ file: dir }, 'not a folder');
  // An openb folder of the old format held only its own CSVs (curve.csv, no report.json);
  // an openb report now is a whole report with the experiment's tables besides.
  const marker = readMarker(dir);
  const hasInfo = existsSync(join(dir, REPORT_FILES.info));
  if ((marker === 'openb' && !hasInfo) || (marker === 'none' && !hasInfo && existsSync(join(dir, 'curve.csv')))) {
    throw new ReportError({ file: dir }, `is ${OUTPUT_KIND_NAMES.openb} (summary.csv, runs.csv, curve.csv), not a report: \`schedbench report\` rebuilds the folders \`schedbench run\` writes`);
  }
  const texts = new Map<string, string>();
  const files: string[] = [];
  for (const name of REPORT_FILE_NAMES) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    files.push(name);
    if (name !== REPORT_FILES.html) texts.set(name, readReportFile(path));
  }
  checkWholeLines(texts, dir);
  const infoText = texts.get(REPORT_FILES.info);
  const info = infoText !== undefined
    ? parseReportInfo(infoText, join(dir, REPORT_FILES.info))
    : { title: `schedbench report: ${basename(resolve(dir))}`, createdFor: [], info: [] };
  const { tables, lines } = parseReportTablesWithLines(texts, dir);
  if (tables.runs.length === 0) throw new ReportError({ file: reportPath(dir, REPORT_FILES.runs) }, 'has no runs, only a header: nothing to report (a truncated file?)');
  checkReportTables(tables, lines, dir);
  return { info, tables, files };
}

/** One file's text: a regular file within REPORT_FILE_MAX_BYTES. */
function readReportFile(path: string): string {
  const st = statSync(path);
  if (!st.isFile()) throw new ReportError({ file: path }, 'is not a regular file');
  if (st.size > REPORT_FILE_MAX_BYTES) throw new ReportError({ file: path }, `is ${st.size} bytes, over the limit of 64 MiB for a report file`);
  return readFileSync(path, 'utf8');
}
