import { quoteShort } from './quote-short.js';
import { ReportError } from './report-error.js';
import type { TableCheckContext } from './report-table.js';

/**
 * Checks runs.csv read back: no run (scenario, policy, seed) twice, so a file edited or
 * concatenated by hand is refused rather than averaged twice. Errors name the file and line.
 */
export function checkRuns(cx: TableCheckContext): void {
  const file = cx.path('runs');
  const seen = new Map<string, number>();
  cx.tables.runs.forEach((r, i) => {
    const line = cx.lines.runs[i];
    const key = JSON.stringify([r.scenario, r.policy, r.seed]);
    const first = seen.get(key);
    if (first !== undefined) throw new ReportError({ file, line }, `scenario ${quoteShort(r.scenario)}, policy ${quoteShort(r.policy)}, seed ${r.seed} is also on line ${first}: a run appears twice`);
    seen.set(key, line ?? 0);
  });
}
