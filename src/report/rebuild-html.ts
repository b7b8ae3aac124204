import { accessSync, constants, lstatSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricDef } from '../metrics/types.js';
import { CURRENT, linkTarget } from './folder-layout.js';
import { loadVegaBundles } from './html/vega-bundles.js';
import { readReportFolder } from './read-report-folder.js';
import { renderReportHtml } from './render-report-html.js';
import { ReportError } from './report-error.js';
import { replaceWithLink } from './replace-with-link.js';
import { REPORT_FILES } from './report-files.js';
import { writeFileAtomic } from './write-file-atomic.js';

/**
 * Draws index.html again from the files of a report folder (readReportFolder) and writes
 * it atomically in place; the CSV files are not touched. `metrics` is the metric catalogue
 * (labels, units, directions, definitions). For a folder writeReport made, and the same
 * catalogue, the page is byte-identical to the one writeReport wrote. Whether the page can
 * be written (a writable folder, no folder named index.html) is checked before any work.
 */
export function rebuildHtml(dir: string, metrics: readonly MetricDef[]): { path: string; bytes: number } {
  const folder = readReportFolder(dir);
  const path = join(dir, REPORT_FILES.html);
  const realPath = pageFile(dir);
  const files = folder.files.includes(REPORT_FILES.html) ? folder.files : [...folder.files, REPORT_FILES.html];
  const html = renderReportHtml({ info: folder.info, metrics, tables: folder.tables, files }, loadVegaBundles());
  try {
    writeFileAtomic(realPath, html);
    // In the versioned layout the page lives in the version folder; the top-level entry links to it.
    if (realPath !== path) replaceWithLink(dir, REPORT_FILES.html, linkTarget(REPORT_FILES.html));
  } catch (e) {
    throw new ReportError({ file: path }, `cannot write the page (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return { path, bytes: Buffer.byteLength(html) };
}

/**
 * The file to write the page to: in the live version folder when the folder has the
 * versioned layout (folder-layout.ts), else `<dir>/index.html`. Throws a ReportError when
 * that is a folder or its folder is not writable.
 */
function pageFile(dir: string): string {
  let folder = dir;
  try {
    if (lstatSync(join(dir, CURRENT)).isSymbolicLink()) folder = realpathSync(join(dir, CURRENT));
  } catch {
    // Not the versioned layout: the page lives in dir itself.
  }
  const path = join(folder, REPORT_FILES.html);
  try {
    if (lstatSync(path).isDirectory() || lstatSync(join(dir, REPORT_FILES.html)).isDirectory()) {
      throw new ReportError({ file: join(dir, REPORT_FILES.html) }, 'is a folder, not the report page; remove or rename it, then run `schedbench report` again');
    }
  } catch (e) {
    if (e instanceof ReportError) throw e;
  }
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw new ReportError({ file: dir }, `cannot write index.html: the folder is not writable (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return path;
}
