import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricDef } from '../metrics/types.js';
import { checkOutputFolder } from './check-output-folder.js';
import { readReportFolder } from './read-report-folder.js';
import type { FigureFormat } from './render-figure.js';
import { renderFigure } from './render-figure.js';
import { renderReportPage } from './render-report-html.js';
import { replaceDirAtomic } from './replace-dir-atomic.js';
import { REPORT_FILES } from './report-files.js';

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
 * folder as `schedbench report` reads it), so a figure is what the page shows. Every chart
 * is rendered first; then replaceDirAtomic makes them live in `opts.out` in one step, as a
 * report folder's files are, so the folder holds exactly this report's figures (those of
 * an earlier run that this one lacks are gone) and never a half-written set. `opts.out`
 * must be new, empty, or a figures folder schedbench wrote (its marker says so); anything
 * else is refused and left untouched. Returns the paths written.
 */
export async function writeFigures(dir: string, metrics: readonly MetricDef[], opts: FigureOptions): Promise<string[]> {
  const folder = readReportFolder(dir);
  // Refused before the rendering, not after it; replaceDirAtomic checks again when writing.
  checkOutputFolder(opts.out, 'figures');
  const files = folder.files.includes(REPORT_FILES.html) ? folder.files : [...folder.files, REPORT_FILES.html];
  const { figures } = renderReportPage({ info: folder.info, metrics, tables: folder.tables, files }, { vega: '', vegaLite: '', vegaEmbed: '' });
  const used = new Set<string>();
  const rendered: { name: string; body: string | Uint8Array }[] = [];
  for (const f of figures) {
    const stem = figureStem(f.owner, f.chart);
    let name = stem;
    for (let k = 2; used.has(name); k++) name = `${stem}-${k}`;
    used.add(name);
    rendered.push({ name: `${name}.${opts.format}`, body: await renderFigure(f.spec, opts.format, opts.scale) });
  }
  replaceDirAtomic(opts.out, 'figures', (version) => {
    for (const r of rendered) writeFileSync(join(version, r.name), r.body);
  });
  return rendered.map((r) => join(opts.out, r.name));
}

/** `<owner>--<chart>` made file-safe. */
export function figureStem(owner: string, chart: string): string {
  const safe = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'chart';
  return `${safe(owner)}--${safe(chart)}`;
}
