import { quoteShort } from './quote-short.js';
import { ReportError } from './report-error.js';
import type { TableCheckContext, TableName } from './report-table.js';
import type { RunRowKey } from './types.js';

/**
 * Checks volumes-pending-by-reason.csv read back against runs.csv, so a truncated or
 * edited file is refused rather than drawn: each row belongs to a run of runs.csv, names
 * its plugin and reason once per run and counts at least one pod and at most the run's
 * pods_volume_pending_end (a pod counts in each of its reasons' rows, so the rows need not
 * add up to it); and a run whose pods_volume_pending_end is above 0 has rows. Runs.csv
 * without that column (an older catalogue) is checked for the first three only. Nothing
 * to check without the file.
 */
export function checkVolumesPending(cx: TableCheckContext): void {
  const rows = cx.tables.volumesPending;
  if (rows === null) return;
  const file = cx.path('volumesPending');
  const totals = runTotals(cx, 'pods_volume_pending_end');
  const seen = new Set<string>();
  const runsWithRows = new Set<string>();
  rows.forEach((r, i) => {
    const line = cx.lines.volumesPending[i];
    const what = `${runText(r)}, plugin ${quoteShort(r.plugin)}, reason ${quoteShort(r.reason)}`;
    const run = runOf(cx, 'volumesPending', r, line, totals);
    const k = JSON.stringify([run, r.plugin, r.reason]);
    if (seen.has(k)) throw new ReportError({ file, line }, `${what} has a second row`);
    seen.add(k);
    runsWithRows.add(run);
    if (r.pods < 1) throw new ReportError({ file, line, columnName: 'pods' }, `${what}: pods is ${r.pods}, expected at least 1 (a reason no pod had has no row)`);
    const total = totals.get(run);
    if (total !== undefined && Number.isFinite(total.value) && r.pods > total.value) {
      throw new ReportError({ file, line, columnName: 'pods' }, `${what}: ${r.pods} pods, but ${cx.file('runs')} line ${total.line} says ${total.value} pods pending on volumes in all (pods_volume_pending_end): the files do not match (a truncated or edited file?)`);
    }
  });
  missingRuns(cx, 'volumesPending', totals, runsWithRows, 'pods_volume_pending_end');
}

/**
 * Checks volumes-by-zone.csv read back against runs.csv: each row belongs to a run of
 * runs.csv, names its zone once per run and counts at least one volume, and per run the
 * rows add up to the run's volumes_provisioned (when runs.csv has that column), so a run
 * whose volumes_provisioned is above 0 has rows. Nothing to check without the file.
 */
export function checkVolumesByZone(cx: TableCheckContext): void {
  const rows = cx.tables.volumesByZone;
  if (rows === null) return;
  const file = cx.path('volumesByZone');
  const totals = runTotals(cx, 'volumes_provisioned');
  const seen = new Set<string>();
  const sums = new Map<string, { volumes: number; line: number | undefined }>();
  rows.forEach((r, i) => {
    const line = cx.lines.volumesByZone[i];
    const what = `${runText(r)}, zone ${quoteShort(r.zone)}`;
    const run = runOf(cx, 'volumesByZone', r, line, totals);
    const k = JSON.stringify([run, r.zone]);
    if (seen.has(k)) throw new ReportError({ file, line }, `${what} has a second row`);
    seen.add(k);
    if (r.volumes < 1) throw new ReportError({ file, line, columnName: 'volumes' }, `${what}: volumes is ${r.volumes}, expected at least 1 (a zone without volumes has no row)`);
    const sum = sums.get(run);
    if (sum === undefined) sums.set(run, { volumes: r.volumes, line });
    else sum.volumes += r.volumes;
  });
  for (const [run, sum] of sums) {
    const total = totals.get(run)!;
    if (Number.isFinite(total.value) && sum.volumes !== total.value) {
      throw new ReportError({ file, line: sum.line }, `${runText(JSON.parse(run) as RunRowKey)}: the rows add up to ${sum.volumes} volumes, but ${cx.file('runs')} line ${total.line} says volumes_provisioned ${total.value}: the files do not match (a truncated or edited file?)`);
    }
  }
  missingRuns(cx, 'volumesByZone', totals, new Set(sums.keys()), 'volumes_provisioned');
}

/** Per run of runs.csv (its key as JSON): the metric's value (NaN when runs.csv has no such column) and the run's line. */
function runTotals(cx: TableCheckContext, metric: string): Map<string, { value: number; line: number | undefined }> {
  const totals = new Map<string, { value: number; line: number | undefined }>();
  cx.tables.runs.forEach((r, i) => totals.set(runKey(r), { value: r.values[metric] ?? Number.NaN, line: cx.lines.runs[i] }));
  return totals;
}

/** The row's run key, refusing a row whose run runs.csv does not have. */
function runOf(cx: TableCheckContext, table: TableName, r: RunRowKey, line: number | undefined, totals: ReadonlyMap<string, unknown>): string {
  const run = runKey(r);
  if (!totals.has(run)) throw new ReportError({ file: cx.path(table), line }, `${runText(r)}: ${cx.file('runs')} has no such run: the files do not match (a truncated or edited file?)`);
  return run;
}

/** Refuses a file that has no row for a run whose metric in runs.csv is above 0 (rows cut off). */
function missingRuns(cx: TableCheckContext, table: TableName, totals: ReadonlyMap<string, { value: number; line: number | undefined }>, withRows: ReadonlySet<string>, metric: string): void {
  for (const [run, total] of totals) {
    if (total.value > 0 && !withRows.has(run)) {
      throw new ReportError({ file: cx.path(table) }, `has no row for ${runText(JSON.parse(run) as RunRowKey)}, whose ${metric} is ${total.value} (${cx.file('runs')} line ${total.line}): a truncated or edited file?`);
    }
  }
}

function runKey(r: RunRowKey): string {
  return JSON.stringify({ scenario: r.scenario, policy: r.policy, seed: r.seed });
}

function runText(r: RunRowKey): string {
  return `scenario ${quoteShort(r.scenario)}, policy ${quoteShort(r.policy)}, seed ${r.seed}`;
}
