import type { MetricDef } from '../metrics/types.js';
import { uniqueInOrder } from './aggregate/unique-in-order.js';
import { displayNumber } from './html/display-number.js';
import { relDiff } from './html/verdict-html.js';
import type { ScenarioVerdict } from './scenario-verdict.js';
import { formatP, scenarioVerdict } from './scenario-verdict.js';
import type { ReportTables } from './types.js';

/**
 * The verdict of every scenario of a report as plain text for the terminal, the same as
 * the page's (scenarioVerdict): per scenario a heading, a table with a row per significant
 * difference (policy, direction, metric, relative change, mean, baseline mean, p), a line
 * per policy of what did not differ, and the test with its floor. A scenario without a
 * comparison (one policy, or no baseline runs) is left out; '' when none has one.
 */
export function verdictText(tables: ReportTables, metrics: readonly MetricDef[]): string {
  const scenarios = uniqueInOrder([...tables.runs.map((r) => r.scenario), ...tables.summary.map((s) => s.scenario)]);
  return scenarios.map((s) => scenarioVerdict(s, metrics, tables.summary, tables.runs))
    .filter((v) => v.policies.length > 0)
    .map(scenarioVerdictText).join('\n');
}

function scenarioVerdictText(v: ScenarioVerdict): string {
  const lines = [`Verdict for ${v.scenario} (against ${v.baseline})`];
  const rows = v.policies.flatMap((p) => p.changes.map((c) => [
    p.policy, c.direction, `${c.metric.label}${c.metric.unit === '%' ? ' %' : ` (${c.metric.unit})`}`, relDiff(c.relDiffPct),
    displayNumber(c.mean), displayNumber(c.baselineMean), formatP(c.pValue),
  ]));
  if (rows.length > 0) lines.push(table(['policy', 'verdict', 'metric', 'change', 'mean', 'baseline', 'p'], rows));
  for (const p of v.policies) {
    const twin = p.identicalTo === null ? '' : ` (ran identically to ${p.identicalTo})`;
    if (p.changes.length === 0) lines.push(`${p.policy}${twin}: no significant difference${p.unchanged.length > 0 ? ` in ${p.unchanged.length} tested metrics` : ''}`);
    else if (p.unchanged.length > 0) lines.push(`${p.policy}${twin}: no significant difference in ${p.unchanged.map((m) => m.label).join(', ')}`);
  }
  const same = v.constant.filter((c) => !Number.isNaN(c.value));
  if (same.length > 0) lines.push(`the same in every run: ${same.map((c) => `${c.metric.label} = ${displayNumber(c.value)}`).join(', ')}`);
  lines.push(v.testNote);
  return `${lines.join('\n')}\n`;
}

/** Columns padded to their widest cell, two spaces apart. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
