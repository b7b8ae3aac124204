import type { Command } from 'commander';
import { rebuildHtml } from '../report/index.js';
import { asInputErrors, REPORT_MEASURES } from './report-input-error.js';

/** `schedbench report <dir>`: draws a report folder's index.html again from its CSV files. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('rebuild index.html of a report folder from its CSV files (runs.csv and summary.csv required; bench.csv adds the scaling chart)')
    .argument('<dir>', 'report folder, as the run command wrote it')
    .action(async (dir: string) => {
      const written = await asInputErrors(() => rebuildHtml(dir, REPORT_MEASURES));
      process.stdout.write(`wrote ${written.path} (${Math.round(written.bytes / 1024)} KiB)\n`);
    });
}
