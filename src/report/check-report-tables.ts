import { checkOpenbTables } from './check-openb-tables.js';
import { checkWhatifTables } from './check-whatif-tables.js';
import type { ReportTableLines } from './parse-report-tables.js';
import { reportPath } from './parse-report-tables.js';
import { ReportError } from './report-error.js';
import { REPORT_FILES } from './report-files.js';
import type { ReportTables } from './types.js';

/**
 * Checks that a report's files, read back, add up, so that a truncated or edited file is
 * refused instead of drawn as a smaller report: every file ends with a newline
 * (checkWholeLines); runs.csv has at
 * least one run and no run twice; and runs.csv and summary.csv agree, that is summary.csv
 * has exactly one row per scenario x policy of runs.csv and metric column, and its `n` is
 * the number of those runs with a value of that metric; and an openb report's
 * experiment tables agree with runs.csv (checkOpenbTables), as do a replay's tables
 * (checkWhatifTables). Errors name the file and line.
 */
export function checkReportTables(
  texts: ReadonlyMap<string, string>, tables: ReportTables, lines: ReportTableLines, dir: string,
): void {
  const path = (f: string) => reportPath(dir, f);
  checkWholeLines(texts, dir);
  const runsFile = path(REPORT_FILES.runs);
  const summaryFile = path(REPORT_FILES.summary);
  if (tables.runs.length === 0) throw new ReportError({ file: runsFile }, 'has no runs, only a header: nothing to report (a truncated file?)');
  const seen = new Map<string, number>();
  /** Per scenario x policy: runs, the line of the first, and per metric the runs with a value. */
  const runsOf = new Map<string, { count: number; line: number; metrics: Map<string, number> }>();
  tables.runs.forEach((r, i) => {
    const line = lines.runs[i];
    const key = JSON.stringify([r.scenario, r.policy, r.seed]);
    const first = seen.get(key);
    if (first !== undefined) throw new ReportError({ file: runsFile, line }, `scenario ${short(r.scenario)}, policy ${short(r.policy)}, seed ${r.seed} is also on line ${first}: a run appears twice`);
    seen.set(key, line ?? 0);
    const group = JSON.stringify([r.scenario, r.policy]);
    let g = runsOf.get(group);
    if (g === undefined) runsOf.set(group, g = { count: 0, line: line ?? 0, metrics: new Map() });
    g.count++;
    for (const [m, v] of Object.entries(r.values)) g.metrics.set(m, (g.metrics.get(m) ?? 0) + (Number.isFinite(v) ? 1 : 0));
  });
  const metricIds = Object.keys(tables.runs[0]!.values);
  const summarized = new Set<string>();
  tables.summary.forEach((s, i) => {
    const line = lines.summary[i];
    const key = JSON.stringify([s.scenario, s.policy, s.metric]);
    const what = `scenario ${short(s.scenario)}, policy ${short(s.policy)}, metric ${short(s.metric)}`;
    if (summarized.has(key)) throw new ReportError({ file: summaryFile, line }, `${what} has a second row`);
    summarized.add(key);
    const g = runsOf.get(JSON.stringify([s.scenario, s.policy]));
    if (g === undefined) throw new ReportError({ file: summaryFile, line }, `${what}: runs.csv has no run of this scenario and policy (a truncated or edited file?)`);
    if (!metricIds.includes(s.metric)) throw new ReportError({ file: summaryFile, line }, `${what}: runs.csv has no column ${short(s.metric)}`);
    const have = g.metrics.get(s.metric) ?? 0;
    if (have !== s.n) {
      throw new ReportError({ file: summaryFile, line }, `${what}: n is ${s.n} but runs.csv has ${have} runs with a value (of ${g.count}): the files do not match (a truncated or edited file?)`);
    }
  });
  for (const [group, g] of runsOf) {
    const [scenario, policy] = JSON.parse(group) as [string, string];
    for (const m of metricIds) {
      if (!summarized.has(JSON.stringify([scenario, policy, m]))) {
        throw new ReportError({ file: summaryFile }, `has no row for scenario ${short(scenario)}, policy ${short(policy)}, metric ${short(m)}, which runs.csv has (line ${g.line}): a truncated or edited file?`);
      }
    }
  }
  checkOpenbTables(tables, lines, dir);
  checkWhatifTables(tables, lines, dir);
}

/**
 * Checks that every file ends with a newline: schedbench writes whole lines, so a file
 * without one was cut (a full disk, a killed copy). Run before parsing, so the message
 * says "truncated" rather than whatever the cut line looks like.
 */
export function checkWholeLines(texts: ReadonlyMap<string, string>, dir: string): void {
  for (const [name, text] of texts) {
    if (text !== '' && !text.endsWith('\n')) {
      throw new ReportError({ file: reportPath(dir, name), line: text.split('\n').length }, 'the last line has no newline: the file looks truncated; write the report again with `schedbench run`');
    }
  }
}

/** A name quoted short for a message. */
function short(s: string): string {
  const q = JSON.stringify(s);
  return q.length <= 60 ? q : `${q.slice(0, 59)}…`;
}
