import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricDef } from '../metrics/types.js';
import { readReportFolder } from './read-report-folder.js';
import type { FigureFormat } from './render-figure.js';
import { renderFigure } from './render-figure.js';
import { renderReportPage } from './render-report-html.js';
import { ReportError } from './report-error.js';
import { REPORT_FILES } from './report-files.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** Options of writeFigures, resolved. */
export interface FigureOptions {
  readonly format: FigureFormat;
  /** Folder to write to. */
  readonly out: string;
  /** Size factor: SVG coordinates are multiplied by it, PNG pixels per SVG unit. */
  readonly scale: number;
}

/**
 * Writes one file per chart of a report folder's page, in page order, named
 * `<scenario>--<chart>.<format>` (openb--allocation-curve, scaling--pods-per-second for
 * the page-wide charts), names made file-safe (lowercase letters, digits and dashes) and
 * numbered when two would clash. The charts are the page's own (renderReportPage over the
 * folder as `schedbench report` reads it), so a figure is what the page shows. Each file
 * is written atomically; returns the paths written.
 */
export async function writeFigures(dir: string, metrics: readonly MetricDef[], opts: FigureOptions): Promise<string[]> {
  const folder = readReportFolder(dir);
  const files = folder.files.includes(REPORT_FILES.html) ? folder.files : [...folder.files, REPORT_FILES.html];
  const { figures } = renderReportPage({ info: folder.info, metrics, tables: folder.tables, files }, { vega: '', vegaLite: '', vegaEmbed: '' });
  if (existsSync(opts.out) && !statSync(opts.out).isDirectory()) throw new ReportError({ file: opts.out }, 'is a file, not a folder for the figures');
  try {
    mkdirSync(opts.out, { recursive: true });
  } catch (e) {
    throw new ReportError({ file: opts.out }, `cannot create the folder (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const used = new Set<string>();
  const written: string[] = [];
  for (const f of figures) {
    const stem = figureStem(f.owner, f.chart);
    let name = stem;
    for (let k = 2; used.has(name); k++) name = `${stem}-${k}`;
    used.add(name);
    const path = join(opts.out, `${name}.${opts.format}`);
    writeFileAtomic(path, await renderFigure(f.spec, opts.format, opts.scale));
    written.push(path);
  }
  return written;
}

/** `<owner>--<chart>` made file-safe. */
export function figureStem(owner: string, chart: string): string {
  const safe = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'chart';
  return `${safe(owner)}--${safe(chart)}`;
}
