import type { PolicyVerdict, ScenarioVerdict, VerdictChange } from '../scenario-verdict.js';
import { formatP } from '../scenario-verdict.js';
import { displayNumber } from './display-number.js';
import { escapeHtml } from './escape-html.js';

const MARK: Readonly<Record<VerdictChange['direction'], string>> = { better: '▲ better', worse: '▼ worse', differs: '◆ differs' };

/**
 * One scenario's verdict as the first thing of its section: per policy, each significant
 * difference from the baseline (direction, relative change, both means, p), then one line
 * of what did not differ; then the metrics equal in every run, and the test with its floor.
 * `id` is the element's id (the page's first verdict is "verdict").
 */
export function scenarioVerdictHtml(v: ScenarioVerdict, id: string): string {
  return [
    `<div class="verdict" id="${escapeHtml(id)}">`,
    ...v.policies.map((p) => policyVerdictHtml(p, v.baseline)),
    constantHtml(v),
    `<p class="note test">${escapeHtml(v.testNote)}</p>`,
    '</div>',
  ].join('\n');
}

/**
 * Every scenario's verdict in short, for the top of the page: per policy one line with the
 * metrics it is better, worse or different in, linking to the scenario's section.
 */
export function pageVerdictHtml(verdicts: readonly { verdict: ScenarioVerdict; sectionId: string }[]): string {
  const items = verdicts.map(({ verdict: v, sectionId }) => {
    const lines = v.policies.map((p) => {
      const parts = (['better', 'worse', 'differs'] as const).flatMap((d) => {
        const cs = p.changes.filter((c) => c.direction === d);
        return cs.length === 0 ? [] : [`<span class="verdict-${d === 'differs' ? 'different' : d}">${MARK[d]}</span> in ${cs.map((c) => `${escapeHtml(c.metric.label)} (${relDiff(c.relDiffPct)})`).join(', ')}`];
      });
      const rest = parts.length === 0 ? 'no significant difference' : parts.join('; ');
      const twin = p.identicalTo === null ? '' : ` <span class="note">(identical to ${escapeHtml(p.identicalTo)})</span>`;
      return `<li><b>${escapeHtml(p.policy)}</b>${twin}: ${rest}</li>`;
    });
    return [
      `<h3><a href="#${escapeHtml(sectionId)}">${escapeHtml(v.scenario)}</a> <span class="note">against ${escapeHtml(v.baseline)}</span></h3>`,
      lines.length > 0 ? `<ul>${lines.join('')}</ul>` : '<p class="empty">One policy only: nothing to compare.</p>',
      `<p class="note test">${escapeHtml(v.testNote)}</p>`,
    ].join('\n');
  });
  return ['<section id="verdict" class="verdict">', '<h2>Verdict</h2>', ...items, '</section>'].join('\n');
}

function policyVerdictHtml(p: PolicyVerdict, baseline: string): string {
  const head = `<p class="verdict-head"><b>${escapeHtml(p.policy)}</b> against <b>${escapeHtml(baseline)}</b> (${p.pairedSeeds} paired ${p.pairedSeeds === 1 ? 'seed' : 'seeds'})${p.identicalTo === null ? '' : `: ran identically to <b>${escapeHtml(p.identicalTo)}</b> (every metric, every seed)`}</p>`;
  const changes = p.changes.map((c) => {
    const unit = c.metric.unit === '%' ? ' %' : ` ${c.metric.unit}`;
    return `<li class="verdict-${c.direction === 'differs' ? 'different' : c.direction}" data-metric="${escapeHtml(c.metric.id)}"><b>${MARK[c.direction]}</b> ${escapeHtml(c.metric.label)}: ${relDiff(c.relDiffPct)} (${displayNumber(c.mean)} against ${displayNumber(c.baselineMean)}${escapeHtml(unit)}; p = ${formatP(c.pValue)})</li>`;
  });
  const list = changes.length > 0 ? `<ul class="changes">${changes.join('')}</ul>` : '';
  const rest = [
    ...(p.unchanged.length > 0 ? [`${changes.length > 0 ? 'No significant difference in' : 'No significant difference in any tested metric:'} ${p.unchanged.map((m) => escapeHtml(m.label)).join(', ')}.`] : []),
    ...(p.untested.length > 0 ? [`Not tested (too few seeds with a value): ${p.untested.map((m) => escapeHtml(m.label)).join(', ')}.`] : []),
  ];
  return [head, list, ...(rest.length > 0 ? [`<p class="unchanged">${rest.join(' ')}</p>`] : [])].filter((s) => s !== '').join('\n');
}

function constantHtml(v: ScenarioVerdict): string {
  if (v.constant.length === 0) return '';
  const defined = v.constant.filter((c) => !Number.isNaN(c.value));
  const undefinedOnes = v.constant.filter((c) => Number.isNaN(c.value));
  const parts = [
    ...(defined.length > 0 ? [`The same in every run: ${defined.map((c) => `${escapeHtml(c.metric.label)} = ${displayNumber(c.value)}${c.metric.unit === '%' ? ' %' : ''}`).join(', ')}.`] : []),
    ...(undefinedOnes.length > 0 ? [`Undefined in every run: ${undefinedOnes.map((c) => escapeHtml(c.metric.label)).join(', ')}.`] : []),
  ];
  return `<p class="constant">${parts.join(' ')}</p>`;
}

/** A relative change, signed, one decimal below 100 %. */
export function relDiff(x: number): string {
  if (!Number.isFinite(x)) return 'Δ —';
  const s = Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1);
  return `${x > 0 ? '+' : ''}${s}%`;
}
