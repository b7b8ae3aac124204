import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { OpenbExperiment, OpenbPolicySummary } from './openb-experiment.js';
import { replaceDirAtomic } from '../report/replace-dir-atomic.js';

/** A number as the reports print it: two decimals, "" when absent, never "-0.00". */
export function fixed2(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '';
  const s = x.toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

/** summary.csv's columns, in order. */
export const SUMMARY_COLUMNS = ['policy', 'seeds', 'gpu_alloc_at_100_pct', 'gpu_alloc_end_pct', 'gpus_unallocated_end', 'gpu_frag_rate_end_pct'] as const;

/** One summary.csv row per policy (means over seeds). */
export function summaryRow(s: OpenbPolicySummary): string[] {
  return [s.policy, String(s.seeds), fixed2(s.allocAt100Pct), fixed2(s.allocEndPct), fixed2(s.gpusUnallocatedEnd), fixed2(s.fragRateEndPct)];
}

/**
 * The three CSV files of an openb experiment, by file name, deterministic for fixed
 * inputs (no wall-clock column):
 *   summary.csv  per policy, means over seeds (SUMMARY_COLUMNS);
 *   runs.csv     per policy and seed, the same measures plus task counts;
 *   curve.csv    per policy and whole percent of arrived GPU demand, the mean allocation
 *                rate over the seeds that reached it (and how many did).
 */
export function openbReportFiles(e: OpenbExperiment): Map<string, string> {
  const files = new Map<string, string>();
  files.set('summary.csv', stringify([[...SUMMARY_COLUMNS], ...e.summary.map(summaryRow)]));
  files.set('runs.csv', stringify([
    ['policy', 'seed', 'tasks', 'scheduled', 'unscheduled', 'arrived_gpu_end_pct', 'gpu_alloc_at_100_pct', 'gpu_alloc_end_pct', 'gpus_unallocated_end', 'gpu_frag_rate_end_pct'],
    ...e.runs.map((r) => [
      r.policy, String(r.seed), String(r.tasks), String(r.scheduled), String(r.tasks - r.scheduled), fixed2(r.arrivedPctEnd),
      fixed2(r.allocAt100Pct), fixed2(r.allocEndPct), fixed2(r.gpusUnallocatedEnd), fixed2(r.fragRateEndPct),
    ]),
  ]));
  const curve: string[][] = [['policy', 'arrived_pct', 'seeds', 'gpu_alloc_pct']];
  for (const s of e.summary) {
    const rs = e.runs.filter((r) => r.policy === s.policy);
    const len = Math.max(0, ...rs.map((r) => r.curve.length));
    for (let k = 1; k < len; k++) {
      const vals = rs.map((r) => r.curve[k] ?? Number.NaN).filter((v) => !Number.isNaN(v));
      if (vals.length === 0) continue;
      curve.push([s.policy, String(k), String(vals.length), fixed2(vals.reduce((a, b) => a + b, 0) / vals.length)]);
    }
  }
  files.set('curve.csv', stringify(curve));
  return files;
}

/**
 * Writes openbReportFiles as the folder `dir` (replaceDirAtomic, kind 'openb'): the whole
 * folder is replaced in one atomic step, only when it is new, empty or an earlier openb
 * result; returns the paths.
 */
export function writeOpenbReport(dir: string, e: OpenbExperiment): string[] {
  const files = openbReportFiles(e);
  replaceDirAtomic(dir, 'openb', (version) => {
    for (const [name, text] of files) writeFileSync(join(version, name), text);
  });
  return [...files.keys()].map((name) => join(dir, name));
}
