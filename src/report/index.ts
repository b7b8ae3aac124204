/**
 * The report's public API: what the run command and `schedbench report` call. Everything
 * else in src/report is an implementation detail of these.
 */
export { checkOutputFolder } from './check-output-folder.js';
export type { OutputFolder } from './check-output-folder.js';
export { readBenchCsv } from './read-bench-csv.js';
export { rebuildHtml } from './rebuild-html.js';
export { ReportError } from './report-error.js';
export { REPORT_FILE_DESCRIPTIONS, REPORT_FILES } from './report-files.js';
export type { BenchRow, OpenbRunData, OpenbSummaryRow, ReportData, ReportTables } from './types.js';
export { readReportFolder } from './read-report-folder.js';
export type { WriteReportOptions, WrittenReport } from './write-report.js';
export { writeReport } from './write-report.js';
export { claimOutputFolder, releaseOutputFolder } from './claim-output-folder.js';
export { replaceDirAtomic } from './replace-dir-atomic.js';
export type { OutputKind } from './output-marker.js';
export { verdictText } from './verdict-text.js';
export type { FigureFormat } from './render-figure.js';
export type { FigureOptions } from './write-figures.js';
export { writeFigures } from './write-figures-on-demand.js';
