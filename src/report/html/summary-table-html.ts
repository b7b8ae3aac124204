import type { MetricDef, MetricSummary } from '../../metrics/types.js';
import type { Verdict } from '../compare-to-baseline.js';
import { compareToBaseline, SIGNIFICANCE_LEVEL } from '../compare-to-baseline.js';
import { displayNumber } from './display-number.js';
import { escapeHtml } from './escape-html.js';

const MARKS: Readonly<Record<Verdict, string>> = {
  baseline: '', better: '▲ better', worse: '▼ worse', different: '◆ differs', 'not significant': '', untested: '',
};

/**
 * One scenario's summary as an HTML table: a row per metric, a column per policy (the
 * baseline marked); each cell the mean across seeds ± the 95% CI half-width and, for
 * other policies, the relative difference from the baseline's mean and the p-value.
 * Cells with p < 0.05 carry a verdict class (better, worse, differs) and a mark.
 */
export function summaryTableHtml(metrics: readonly MetricDef[], summary: readonly MetricSummary[], policies: readonly string[]): string {
  const baseline = summary[0]?.baseline ?? '';
  const head = policies.map((p) => `<th scope="col" class="policy">${escapeHtml(p)}${p === baseline ? ' <span class="tag">baseline</span>' : ''}</th>`).join('');
  const rows: string[] = [];
  for (const m of metrics) {
    const mine = summary.filter((s) => s.metric === m.id);
    if (mine.length === 0) continue;
    const base = mine.find((s) => s.policy === s.baseline);
    const cells = policies.map((p) => {
      const s = mine.find((r) => r.policy === p);
      if (s === undefined) return '<td class="cell missing">—</td>';
      const verdict = compareToBaseline(s, base?.mean ?? Number.NaN, m.higherIsBetter);
      const half = (s.ci95High - s.ci95Low) / 2;
      const ci = Number.isFinite(half) ? ` <span class="ci">± ${displayNumber(half)}</span>` : '';
      const tip = `n = ${s.n} seeds, sd = ${displayNumber(s.sd)}, 95% CI [${displayNumber(s.ci95Low)}, ${displayNumber(s.ci95High)}]${s.test !== '' ? `; ${s.test}` : ''}`;
      const diff = verdict === 'baseline' || Number.isNaN(s.mean) ? '' : `<div class="diff">${relDiff(s.relDiffPct)} · ${pValue(s.pValue)}${MARKS[verdict] !== '' ? ` <b class="mark">${MARKS[verdict]}</b>` : ''}</div>`;
      return `<td class="cell verdict-${verdict.replace(' ', '-')}" title="${escapeHtml(tip)}"><span class="mean">${displayNumber(s.mean)}</span>${ci}${diff}</td>`;
    });
    const dir = m.higherIsBetter === null ? '' : m.higherIsBetter ? ' <span class="dir" title="higher is better">↑</span>' : ' <span class="dir" title="lower is better">↓</span>';
    rows.push(`<tr data-metric="${escapeHtml(m.id)}"><th scope="row"><span class="label" title="${escapeHtml(m.definition)}">${escapeHtml(m.label)}</span> <span class="unit">${escapeHtml(m.unit)}</span>${dir}</th>${cells.join('')}</tr>`);
  }
  return [
    '<table class="summary">',
    `<thead><tr><th scope="col">metric</th>${head}</tr></thead>`,
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
    `<p class="note">Mean over seeds ± half-width of the 95% confidence interval (Student t). Below: difference from the baseline's mean and the p-value of the paired test over seeds (hover a cell for n, sd and the test). Marked cells differ from the baseline with p &lt; ${SIGNIFICANCE_LEVEL}: <span class="verdict-better">▲ better</span>, <span class="verdict-worse">▼ worse</span>, <span class="verdict-different">◆ differs</span> (metric with no better direction).</p>`,
  ].join('\n');
}

function relDiff(x: number): string {
  if (!Number.isFinite(x)) return 'Δ —';
  const s = Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1);
  return `${x > 0 ? '+' : ''}${s}%`;
}

function pValue(p: number): string {
  if (!Number.isFinite(p)) return 'p —';
  return p < 0.001 ? 'p &lt; 0.001' : `p = ${p.toFixed(3)}`;
}
