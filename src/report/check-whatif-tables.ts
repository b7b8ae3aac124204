import { quoteShort } from './quote-short.js';
import { ReportError } from './report-error.js';
import type { TableCheckContext } from './report-table.js';

/** The outcomes whatif.csv may hold (metrics' ReplayOutcome). */
const OUTCOMES: ReadonlySet<string> = new Set(['same', 'moved', 'unschedulable']);

/**
 * Checks that a replay's tables agree with runs.csv and with each other, so a truncated
 * or edited file is refused rather than drawn: whatif-runs.csv has each policy, seed and
 * measure once, each policy and seed a run of runs.csv; whatif-summary.csv has one row
 * per policy and measure of whatif-runs.csv, whose `n` is the runs with a value; every
 * row of whatif.csv belongs to a run of whatif-runs.csv, with a known outcome, and per
 * run its unschedulable and moved pods are the run's pods_unschedulable and pods_moved.
 * Errors name the file and, when a row is at fault, its line. Nothing to check without
 * the tables.
 */
export function checkWhatifTables(cx: TableCheckContext): void {
  const { tables, lines } = cx;
  const w = tables.whatif;
  if (w === null) return;
  const podsFile = cx.path('whatif.pods');
  const runsFile = cx.path('whatif.runs');
  const summaryFile = cx.path('whatif.summary');
  const key = (...parts: (string | number)[]) => JSON.stringify(parts);
  const reportRuns = new Set(tables.runs.map((r) => key(r.policy, r.seed)));

  /** Per policy, seed and measure: the run's value; per policy and measure: runs with a value. */
  const values = new Map<string, number>();
  const withValue = new Map<string, number>();
  const runLines = new Map<string, number>();
  w.runs.forEach((r, i) => {
    const line = lines['whatif.runs'][i];
    const what = `policy ${quoteShort(r.policy)}, seed ${r.seed}, measure ${quoteShort(r.measure)}`;
    const k = key(r.policy, r.seed, r.measure);
    if (values.has(k)) throw new ReportError({ file: runsFile, line }, `${what} has a second row`);
    values.set(k, r.value);
    if (!reportRuns.has(key(r.policy, r.seed))) throw new ReportError({ file: runsFile, line }, `${what}: ${cx.file('runs')} has no such run: the files do not match (a truncated or edited file?)`);
    if (!runLines.has(key(r.policy, r.seed))) runLines.set(key(r.policy, r.seed), line ?? 0);
    const pm = key(r.policy, r.measure);
    withValue.set(pm, (withValue.get(pm) ?? 0) + (Number.isFinite(r.value) && Number.isFinite(r.dump) ? 1 : 0));
  });

  const summarized = new Set<string>();
  w.summary.forEach((s, i) => {
    const line = lines['whatif.summary'][i];
    const what = `policy ${quoteShort(s.policy)}, measure ${quoteShort(s.measure)}`;
    const pm = key(s.policy, s.measure);
    if (summarized.has(pm)) throw new ReportError({ file: summaryFile, line }, `${what} has a second row`);
    summarized.add(pm);
    const have = withValue.get(pm);
    if (have === undefined) throw new ReportError({ file: summaryFile, line }, `${what}: ${cx.file('whatif.runs')} has no run of this policy and measure (a truncated or edited file?)`);
    if (have !== s.n) throw new ReportError({ file: summaryFile, line }, `${what}: n is ${s.n} but ${cx.file('whatif.runs')} has ${have} runs with a value: the files do not match (a truncated or edited file?)`);
  });
  for (const pm of withValue.keys()) {
    if (summarized.has(pm)) continue;
    const [policy, measure] = JSON.parse(pm) as [string, string];
    throw new ReportError({ file: summaryFile }, `has no row for policy ${quoteShort(policy)}, measure ${quoteShort(measure)}, which ${cx.file('whatif.runs')} has: a truncated or edited file?`);
  }

  const counted = new Map<string, { unschedulable: number; moved: number }>();
  for (const k of runLines.keys()) counted.set(k, { unschedulable: 0, moved: 0 });
  w.pods.forEach((p, i) => {
    const line = lines['whatif.pods'][i];
    const c = counted.get(key(p.policy, p.seed));
    if (c === undefined) throw new ReportError({ file: podsFile, line }, `policy ${quoteShort(p.policy)}, seed ${p.seed}: ${cx.file('whatif.runs')} has no such run (a truncated or edited file?)`);
    if (!OUTCOMES.has(p.outcome)) throw new ReportError({ file: podsFile, line }, `outcome ${quoteShort(p.outcome)}: expected same, moved or unschedulable`);
    if (p.outcome === 'unschedulable') c.unschedulable++;
    if (p.outcome === 'moved' && p.nodeBefore !== '') c.moved++;
  });
  for (const [run, c] of counted) {
    const [policy, seed] = JSON.parse(run) as [string, number];
    for (const [measure, n] of [['pods_unschedulable', c.unschedulable], ['pods_moved', c.moved]] as const) {
      const v = values.get(key(policy, seed, measure));
      if (v !== undefined && v !== n) {
        throw new ReportError({ file: podsFile }, `policy ${quoteShort(policy)}, seed ${seed}: ${n} rows count as ${measure}, but ${cx.file('whatif.runs')} says ${v} (line ${runLines.get(run)}): the files do not match (a truncated or edited file?)`);
      }
    }
  }
}
