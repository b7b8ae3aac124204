import { quoteShort } from './quote-short.js';
import { ReportError } from './report-error.js';
import type { TableCheckContext } from './report-table.js';

/**
 * Checks that summary.csv agrees with runs.csv, so a truncated or edited file is refused
 * instead of drawn as a smaller report: summary.csv has exactly one row per scenario x
 * policy of runs.csv and metric column, and its `n` is the number of those runs with a
 * value of that metric. Errors name the file and line.
 */
export function checkSummary(cx: TableCheckContext): void {
  const { tables, lines } = cx;
  const summaryFile = cx.path('summary');
  const runsName = cx.file('runs');
  /** Per scenario x policy: runs, the line of the first, and per metric the runs with a value. */
  const runsOf = new Map<string, { count: number; line: number; metrics: Map<string, number> }>();
  tables.runs.forEach((r, i) => {
    const group = JSON.stringify([r.scenario, r.policy]);
    let g = runsOf.get(group);
    if (g === undefined) runsOf.set(group, g = { count: 0, line: lines.runs[i] ?? 0, metrics: new Map() });
    g.count++;
    for (const [m, v] of Object.entries(r.values)) g.metrics.set(m, (g.metrics.get(m) ?? 0) + (Number.isFinite(v) ? 1 : 0));
  });
  const metricIds = tables.runs.length > 0 ? Object.keys(tables.runs[0]!.values) : [];
  const summarized = new Set<string>();
  tables.summary.forEach((s, i) => {
    const line = lines.summary[i];
    const key = JSON.stringify([s.scenario, s.policy, s.metric]);
    const what = `scenario ${quoteShort(s.scenario)}, policy ${quoteShort(s.policy)}, metric ${quoteShort(s.metric)}`;
    if (summarized.has(key)) throw new ReportError({ file: summaryFile, line }, `${what} has a second row`);
    summarized.add(key);
    const g = runsOf.get(JSON.stringify([s.scenario, s.policy]));
    if (g === undefined) throw new ReportError({ file: summaryFile, line }, `${what}: ${runsName} has no run of this scenario and policy (a truncated or edited file?)`);
    if (!metricIds.includes(s.metric)) throw new ReportError({ file: summaryFile, line }, `${what}: ${runsName} has no column ${quoteShort(s.metric)}`);
    const have = g.metrics.get(s.metric) ?? 0;
    if (have !== s.n) {
      throw new ReportError({ file: summaryFile, line }, `${what}: n is ${s.n} but ${runsName} has ${have} runs with a value (of ${g.count}): the files do not match (a truncated or edited file?)`);
    }
  });
  for (const [group, g] of runsOf) {
    const [scenario, policy] = JSON.parse(group) as [string, string];
    for (const m of metricIds) {
      if (!summarized.has(JSON.stringify([scenario, policy, m]))) {
        throw new ReportError({ file: summaryFile }, `has no row for scenario ${quoteShort(scenario)}, policy ${quoteShort(policy)}, metric ${quoteShort(m)}, which ${runsName} has (line ${g.line}): a truncated or edited file?`);
      }
    }
  }
}
