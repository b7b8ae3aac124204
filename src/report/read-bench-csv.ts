import { existsSync, readFileSync } from 'node:fs';
import { parseCsvTable } from './parse-csv-table.js';
import { ReportError } from './report-error.js';
import { csvTableOf } from './report-table.js';
import { benchTable } from './tables/bench-table.js';
import type { BenchRow } from './types.js';

/**
 * Reads a bench.csv (as `npm run bench` writes reports/bench/bench.csv), validating its
 * columns; null when the file does not exist, so callers can pass it on as ReportData.bench.
 */
export function readBenchCsv(path: string): BenchRow[] | null {
  if (!existsSync(path)) return null;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ReportError({ file: path }, e instanceof Error ? e.message : String(e));
  }
  return parseCsvTable(text, path, csvTableOf(benchTable));
}
