import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkReportTables } from './check-report-tables.js';
import { loadVegaBundles } from './html/vega-bundles.js';
import { parseReportTablesWithLines } from './parse-report-tables.js';
import { renderReportHtml } from './render-report-html.js';
import { replaceDirAtomic } from './replace-dir-atomic.js';
import { reportCsvRecords } from './report-csv-texts.js';
import { REPORT_FILE_NAMES, REPORT_FILES } from './report-files.js';
import { reportInfoJson } from './report-info-json.js';
import { reportTables } from './report-tables.js';
import { csvText } from './csv-records.js';
import type { ReportData, ReportInfo, ReportTables } from './types.js';

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
  /** The tables as the folder reads back (what `schedbench report` would draw from it). */
  readonly tables: ReportTables;
}

/**
 * Writes a whole report folder: every table REPORT_TABLES declares that the data has rows
 * for (runs.csv and summary.csv always; placements.csv only when some run recorded
 * placements, bench.csv only when data.bench is given, the openb tables only when
 * data.openb is given, and then the folder's marker kind is 'openb', the what-if tables
 * only when data.whatif is given, ...), report.json (title and run facts) and index.html.
 * The tables are read back and checked as `schedbench report` would (checkReportTables:
 * the openb and what-if runs must be the runs of data.runs, or this throws a ReportError
 * and writes nothing).
 * replaceDirAtomic makes the files live in one atomic step, so `<dir>` always holds one
 * complete report; an earlier report of the same kind there is replaced, any other
 * non-empty folder refused (checkOutputFolder says why). The page is drawn from the CSV
 * texts read back (their cells, as the text reads back), not from `data`, so
 * `rebuildHtml(dir)` later gives the same index.html.
 * All files but timing.csv, bench.csv and index.html (which shows timing) are
 * byte-identical for identical data.
 */
export function writeReport(dir: string, data: ReportData, opts: WriteReportOptions = {}): WrittenReport {
  const info: ReportInfo = { title: data.title, createdFor: data.createdFor, info: data.info ?? [] };
  const records = reportCsvRecords(reportTables(data), data.metrics.map((m) => m.id));
  const texts = new Map([...records].map(([file, cells]) => [file, csvText(cells)]));
  texts.set(REPORT_FILES.info, reportInfoJson(info));
  const own = new Set<string>(REPORT_FILE_NAMES);
  for (const [name, text] of Object.entries(opts.extraFiles ?? {})) {
    if (!/^[\w][\w.-]*$/.test(name) || own.has(name)) throw new Error(`writeReport: extra file name ${JSON.stringify(name)} is not allowed`);
    texts.set(name, text);
  }
  // Read from the cells just formatted rather than by tokenizing their texts: the same
  // rows and lines (writtenCsvRecords), at a fraction of the cost (the openb report's
  // node-utilization.csv has 73k rows).
  const { tables, lines } = parseReportTablesWithLines(texts, dir, records);
  // Caught here rather than by a later `schedbench report`: the folder must read back.
  checkReportTables(tables, lines, dir);
  const files = [...texts.keys(), REPORT_FILES.html];
  // The page finds the what-if measures' labels and definitions beside the catalogue's (ids differ).
  const metrics = [...data.metrics, ...(data.whatif?.measures ?? [])];
  const html = renderReportHtml({ info, metrics, tables, files }, loadVegaBundles());
  texts.set(REPORT_FILES.html, html);
  replaceDirAtomic(dir, data.openb === undefined ? 'report' : 'openb', (version) => {
    for (const [name, text] of texts) writeFileSync(join(version, name), text);
  });
  return { dir, files, htmlBytes: Buffer.byteLength(html), tables };
}
