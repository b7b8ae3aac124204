import { join } from 'node:path';
import type { MetricDef } from '../metrics/types.js';
import { loadVegaBundles } from './html/vega-bundles.js';
import { readReportFolder } from './read-report-folder.js';
import { renderReportHtml } from './render-report-html.js';
import { REPORT_FILES } from './report-files.js';
import { writeFileAtomic } from './write-file-atomic.js';

/**
 * Draws index.html again from the files of a report folder (readReportFolder) and writes
 * it atomically in place; the CSV files are not touched. `metrics` is the metric catalogue
 * (labels, units, directions, definitions). For a folder writeReport made, and the same
 * catalogue, the page is byte-identical to the one writeReport wrote.
 */
export function rebuildHtml(dir: string, metrics: readonly MetricDef[]): { path: string; bytes: number } {
  const folder = readReportFolder(dir);
  const files = folder.files.includes(REPORT_FILES.html) ? folder.files : [...folder.files, REPORT_FILES.html];
  const html = renderReportHtml({ info: folder.info, metrics, tables: folder.tables, files }, loadVegaBundles());
  const path = join(dir, REPORT_FILES.html);
  writeFileAtomic(path, html);
  return { path, bytes: Buffer.byteLength(html) };
}
