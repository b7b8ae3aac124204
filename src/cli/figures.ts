import type { Command } from 'commander';
import { join } from 'node:path';
import type { FigureFormat } from '../report/index.js';
import { writeFigures } from '../report/index.js';
import { excerpt, InputError } from '../run/index.js';
import { asInputErrors, REPORT_MEASURES } from './report-input-error.js';

/** `schedbench figures <dir>`: one SVG or PNG file per chart of a report, for papers. */
export function registerFigures(program: Command): void {
  program
    .command('figures')
    .description('write one file per chart of a report folder\'s page (named <scenario>--<chart>), rendered in Node by vega\'s headless SVG renderer, PNG by resvg; no browser needed')
    .argument('<dir>', 'report folder, as the run command wrote it')
    .option('--format <format>', 'svg or png', 'svg')
    .option('--out <dir>', 'folder for the figures: new, empty, or an earlier figures folder, which is replaced (default: <dir>/figures)')
    .option('--scale <n>', 'size factor (PNG: pixels per chart unit; 2 suits print)', undefined)
    .action(async (dir: string, opts: { format: string; out?: string; scale?: string }) => {
      const format = (['svg', 'png'] as const).find((f) => f === opts.format) as FigureFormat | undefined;
      if (format === undefined) throw new InputError({ path: '--format' }, `expected svg or png, got ${excerpt(opts.format)}`);
      const scale = opts.scale === undefined ? (format === 'png' ? 2 : 1) : Number(opts.scale);
      if (opts.scale !== undefined && (!/^\s*\d+(\.\d+)?\s*$/.test(opts.scale) || !(scale > 0) || scale > 16)) {
        throw new InputError({ path: '--scale' }, `expected a number above 0 and at most 16, got ${excerpt(opts.scale)}`);
      }
      const written = await asInputErrors(() => writeFigures(dir, REPORT_MEASURES, { format, out: opts.out ?? join(dir, 'figures'), scale }));
      for (const path of written) process.stdout.write(`${path}\n`);
    });
}
