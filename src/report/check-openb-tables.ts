import { quoteShort } from './quote-short.js';
import { ReportError } from './report-error.js';
import type { TableCheckContext } from './report-table.js';

/**
 * Checks that an openb report's experiment tables agree with runs.csv and with each other,
 * so a truncated or edited file is refused rather than drawn: openb-runs.csv has each
 * policy and seed once, and exactly the policies and seeds of runs.csv; openb-summary.csv
 * has one row per policy of openb-runs.csv whose `seeds` is that policy's number of runs;
 * openb-curve.csv names only those policies, each percent once, with 1 to that many seeds.
 * Errors name the file and, when a row is at fault, its line. Nothing to check without
 * the openb tables.
 */
export function checkOpenbTables(cx: TableCheckContext): void {
  const { tables, lines } = cx;
  const openb = tables.openb;
  if (openb === null) return;
  const openbRunsFile = cx.path('openb.runs');
  const summaryFile = cx.path('openb.summary');
  const curveFile = cx.path('openb.curve');
  const key = (policy: string, seed: number) => JSON.stringify([policy, seed]);

  /** runs.csv's policy and seed pairs, with the line of the first run of each. */
  const reportRuns = new Map<string, number>();
  tables.runs.forEach((r, i) => {
    const k = key(r.policy, r.seed);
    if (!reportRuns.has(k)) reportRuns.set(k, lines.runs[i] ?? 0);
  });

  const seen = new Map<string, number>();
  const runsPerPolicy = new Map<string, number>();
  openb.runs.forEach((r, i) => {
    const line = lines['openb.runs'][i];
    const k = key(r.policy, r.seed);
    const what = `policy ${quoteShort(r.policy)}, seed ${r.seed}`;
    const first = seen.get(k);
    if (first !== undefined) throw new ReportError({ file: openbRunsFile, line }, `${what} is also on line ${first}: a run appears twice`);
    seen.set(k, line ?? 0);
    if (!reportRuns.has(k)) throw new ReportError({ file: openbRunsFile, line }, `${what}: ${cx.file('runs')} has no such run: the files do not match (a truncated or edited file?)`);
    runsPerPolicy.set(r.policy, (runsPerPolicy.get(r.policy) ?? 0) + 1);
  });
  for (const [k, line] of reportRuns) {
    if (seen.has(k)) continue;
    const [policy, seed] = JSON.parse(k) as [string, number];
    throw new ReportError({ file: openbRunsFile }, `has no row for policy ${quoteShort(policy)}, seed ${seed}, which ${cx.file('runs')} has (line ${line}): a truncated or edited file?`);
  }

  const summarized = new Map<string, number>();
  openb.summary.forEach((s, i) => {
    const line = lines['openb.summary'][i];
    const what = `policy ${quoteShort(s.policy)}`;
    const first = summarized.get(s.policy);
    if (first !== undefined) throw new ReportError({ file: summaryFile, line }, `${what} is also on line ${first}: a policy appears twice`);
    summarized.set(s.policy, line ?? 0);
    const have = runsPerPolicy.get(s.policy) ?? 0;
    if (have === 0) throw new ReportError({ file: summaryFile, line }, `${what}: ${cx.file('openb.runs')} has no run of this policy (a truncated or edited file?)`);
    if (s.seeds !== have) {
      throw new ReportError({ file: summaryFile, line }, `${what}: seeds is ${s.seeds} but ${cx.file('openb.runs')} has ${have} runs of this policy: the files do not match (a truncated or edited file?)`);
    }
  });
  for (const policy of runsPerPolicy.keys()) {
    if (!summarized.has(policy)) throw new ReportError({ file: summaryFile }, `has no row for policy ${quoteShort(policy)}, which ${cx.file('openb.runs')} has: a truncated or edited file?`);
  }

  const points = new Map<string, number>();
  openb.curve.forEach((c, i) => {
    const line = lines['openb.curve'][i];
    const what = `policy ${quoteShort(c.policy)}, arrived_pct ${c.arrivedPct}`;
    const k = key(c.policy, c.arrivedPct);
    const first = points.get(k);
    if (first !== undefined) throw new ReportError({ file: curveFile, line }, `${what} is also on line ${first}: a point appears twice`);
    points.set(k, line ?? 0);
    const have = runsPerPolicy.get(c.policy) ?? 0;
    if (have === 0) throw new ReportError({ file: curveFile, line }, `${what}: ${cx.file('openb.runs')} has no run of this policy (a truncated or edited file?)`);
    if (c.seeds < 1 || c.seeds > have) {
      throw new ReportError({ file: curveFile, line }, `${what}: seeds is ${c.seeds}, expected 1 to ${have} (the runs of this policy in ${cx.file('openb.runs')})`);
    }
  });
}
