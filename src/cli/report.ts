import type { Command } from 'commander';
import { METRICS } from '../metrics/catalogue.js';
import { InputError } from '../model/errors.js';
import { rebuildHtml, ReportError } from '../report/index.js';
import { WHATIF_MEASURES } from '../metrics/whatif-measures.js';

/** `schedbench report <dir>`: draws a report folder's index.html again from its CSV files. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('rebuild index.html of a report folder from its CSV files (runs.csv and summary.csv required; bench.csv adds the scaling chart)')
    .argument('<dir>', 'report folder, as the run command wrote it')
    .action((dir: string) => {
      let written;
      try {
        written = rebuildHtml(dir, [...METRICS, ...WHATIF_MEASURES]);
      } catch (e) {
        // The report cannot import InputError; this is where its errors become user errors.
        if (e instanceof ReportError) {
          const { file, line, column, columnName } = e.where;
          const col = column === undefined ? undefined : `column ${column}${columnName !== undefined ? ` (${columnName})` : ''}`;
          throw new InputError({ file, line, path: col }, e.problem);
        }
        throw e;
      }
      process.stdout.write(`wrote ${written.path} (${Math.round(written.bytes / 1024)} KiB)\n`);
    });
}
