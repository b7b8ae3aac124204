import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkOpenbTables } from './check-openb-tables.js';
import { checkWhatifTables } from './check-whatif-tables.js';
import { loadVegaBundles } from './html/vega-bundles.js';
import { parseReportTablesWithLines } from './parse-report-tables.js';
import { renderReportHtml } from './render-report-html.js';
import { replaceDirAtomic } from './replace-dir-atomic.js';
import { reportCsvTexts } from './report-csv-texts.js';
import { REPORT_FILES } from './report-files.js';
import { reportInfoJson } from './report-info-json.js';
import { reportTables } from './report-tables.js';
import type { ReportData, ReportInfo } from './types.js';

/** Options of writeReport. */
export interface WriteReportOptions {
  /**
   * More files to put in the report folder (name -> text), e.g. a copy of the scenario.
   * Plain names only; they cannot replace the report's own files.
   */
  readonly extraFiles?: Readonly<Record<string, string>>;
}

/** What writeReport wrote. */
export interface WrittenReport {
  readonly dir: string;
  /** File names in the folder, in writing order. */
  readonly files: readonly string[];
  readonly htmlBytes: number;
}

/**
 * Writes a whole report folder: runs.csv, summary.csv, timeseries.csv,
 * node-utilization.csv, queue-delay.csv, placements.csv (only when some run recorded
 * placements), timing.csv, bench.csv (only when data.bench is given), openb-summary.csv,
 * openb-runs.csv and openb-curve.csv (only when data.openb is given: then the folder's
 * marker kind is 'openb', and its runs must have the policies and seeds of data.runs, or
 * this throws a ReportError), whatif.csv, whatif-runs.csv and whatif-summary.csv (only
 * when data.whatif is given; the same check), report.json (title and run facts) and index.html.
 * replaceDirAtomic makes the files live in one atomic step, so `<dir>` always holds one
 * complete report; an earlier report of the same kind there is replaced, any other
 * non-empty folder refused (checkOutputFolder says why). The page is drawn from the CSV
 * texts read back, not from `data`, so `rebuildHtml(dir)` later gives the same index.html.
 * All files but timing.csv, bench.csv and index.html (which shows timing) are
 * byte-identical for identical data.
 */
export function writeReport(dir: string, data: ReportData, opts: WriteReportOptions = {}): WrittenReport {
  const info: ReportInfo = { title: data.title, createdFor: data.createdFor, info: data.info ?? [] };
  const texts = reportCsvTexts(reportTables(data), data.metrics.map((m) => m.id));
  texts.set(REPORT_FILES.info, reportInfoJson(info));
  const own = new Set<string>(Object.values(REPORT_FILES));
  for (const [name, text] of Object.entries(opts.extraFiles ?? {})) {
    if (!/^[\w][\w.-]*$/.test(name) || own.has(name)) throw new Error(`writeReport: extra file name ${JSON.stringify(name)} is not allowed`);
    texts.set(name, text);
  }
  const { tables, lines } = parseReportTablesWithLines(texts, dir);
  // Caught here rather than by a later `schedbench report`: the folder must read back.
  checkOpenbTables(tables, lines, dir);
  checkWhatifTables(tables, lines, dir);
  const files = [...texts.keys(), REPORT_FILES.html];
  // The page finds the what-if measures' labels and definitions beside the catalogue's (ids differ).
  const metrics = [...data.metrics, ...(data.whatif?.measures ?? [])];
  const html = renderReportHtml({ info, metrics, tables, files }, loadVegaBundles());
  texts.set(REPORT_FILES.html, html);
  replaceDirAtomic(dir, data.openb === undefined ? 'report' : 'openb', (version) => {
    for (const [name, text] of texts) writeFileSync(join(version, name), text);
  });
  return { dir, files, htmlBytes: Buffer.byteLength(html) };
}
