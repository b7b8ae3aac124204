import type { MetricDef } from '../../metrics/types.js';
import { uniqueInOrder } from '../aggregate/unique-in-order.js';
import type { Verdict } from '../compare-to-baseline.js';
import { differenceVerdict, SIGNIFICANCE_LEVEL } from '../compare-to-baseline.js';
import type { WhatifTables } from '../types.js';
import { displayNumber } from './display-number.js';
import { escapeHtml } from './escape-html.js';

const MARKS: Readonly<Record<Verdict, string>> = {
  baseline: '', better: '▲ better', worse: '▼ worse', different: '◆ differs', 'not significant': '', untested: '',
};

/** Workloads listed in the "no longer fit" table, most affected first. */
const LISTED_WORKLOADS = 50;

/**
 * The page's "What if" section, drawn from a replay's tables: per policy, each what-if
 * measure's mean over seeds ± the 95% CI half-width, its difference from the snapshot's
 * own value and the p-value of the paired test (marked as the summary marks differences
 * from the baseline); then the workloads whose pods no longer fit (bound in the snapshot,
 * not placed in the replay), as mean pods per seed. `measures` gives labels and
 * definitions by id (an id it lacks is shown as itself).
 */
export function whatifSectionHtml(w: WhatifTables, measures: readonly MetricDef[]): string {
  const policies = uniqueInOrder([...w.runs.map((r) => r.policy), ...w.summary.map((s) => s.policy)]);
  const seedsOf = (policy: string) => uniqueInOrder(w.runs.filter((r) => r.policy === policy).map((r) => r.seed)).length;
  const first = w.pods.length > 0 ? w.pods.filter((p) => p.policy === w.pods[0]!.policy && p.seed === w.pods[0]!.seed) : [];
  const pendingBefore = first.filter((p) => p.nodeBefore === '').length;
  const namespaces = uniqueInOrder(first.map((p) => p.namespace));
  return [
    '<section id="whatif">',
    '<h2>What if: the cluster\'s own pods under each policy</h2>',
    `<p class="note">The pods of controllers that would recreate them (ReplicaSet, StatefulSet, Job, ReplicationController) and the pending pods were taken off the dump and placed again in the order of their creation, through the full scheduler and simulator; nodes, DaemonSet, mirror and bare pods stayed. ${first.length} pods replayed per run (${pendingBefore} of them pending in the dump) in ${namespaces.length} ${namespaces.length === 1 ? 'namespace' : 'namespaces'}; ${policies.length} ${policies.length === 1 ? 'policy' : 'policies'}. From whatif-summary.csv, whatif-runs.csv and whatif.csv.</p>`,
    '<h3>Against the dump\'s placement</h3>',
    measuresTable(w, measures, policies, seedsOf),
    '<h3>Pods that no longer fit, by workload</h3>',
    noLongerFitTable(w, policies, seedsOf),
    '</section>',
  ].join('\n');
}

function measuresTable(w: WhatifTables, measures: readonly MetricDef[], policies: readonly string[], seedsOf: (p: string) => number): string {
  const ids = uniqueInOrder(w.summary.map((s) => s.measure));
  const defs = ids.map((id) => measures.find((m) => m.id === id) ?? { id, label: id, unit: 'count' as const, higherIsBetter: null, definition: '' });
  const head = policies.map((p) => `<th scope="col" class="policy">${escapeHtml(p)} <span class="unit">${seedsOf(p)} seeds</span></th>`).join('');
  const rows = defs.map((m) => {
    const mine = w.summary.filter((s) => s.measure === m.id);
    const dump = mine.find((s) => Number.isFinite(s.dump))?.dump ?? Number.NaN;
    const cells = policies.map((p) => {
      const s = mine.find((r) => r.policy === p);
      if (s === undefined) return '<td class="cell missing">—</td>';
      const verdict = differenceVerdict(s.pValue, s.diff, m.higherIsBetter);
      const half = (s.ci95High - s.ci95Low) / 2;
      const ci = Number.isFinite(half) ? ` <span class="ci">± ${displayNumber(half)}</span>` : '';
      const tip = `n = ${s.n} seeds, sd = ${displayNumber(s.sd)}, 95% CI [${displayNumber(s.ci95Low)}, ${displayNumber(s.ci95High)}]; paired sign-flip test on the per-seed differences from the dump`;
      const diff = Number.isNaN(s.mean) ? '' : `<div class="diff">${signed(s.diff)} · ${pValue(s.pValue)}${MARKS[verdict] !== '' ? ` <b class="mark">${MARKS[verdict]}</b>` : ''}</div>`;
      return `<td class="cell verdict-${verdict.replace(' ', '-')}" title="${escapeHtml(tip)}"><span class="mean">${displayNumber(s.mean)}</span>${ci}${diff}</td>`;
    });
    const dir = m.higherIsBetter === null ? '' : m.higherIsBetter ? ' <span class="dir" title="higher is better">↑</span>' : ' <span class="dir" title="lower is better">↓</span>';
    return `<tr data-measure="${escapeHtml(m.id)}"><th scope="row"><span class="label" title="${escapeHtml(m.definition)}">${escapeHtml(m.label)}</span> <span class="unit">${escapeHtml(m.unit)}</span>${dir}</th><td class="cell dump">${displayNumber(dump)}</td>${cells.join('')}</tr>`;
  });
  const definitions = defs.filter((m) => m.definition !== '').map((m) => `<dt>${escapeHtml(m.label)}</dt><dd>${escapeHtml(m.definition)}</dd>`);
  return [
    '<table class="summary whatif">',
    `<thead><tr><th scope="col">measure</th><th scope="col">dump</th>${head}</tr></thead>`,
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
    `<p class="note">The dump: the cluster as loaded. Per policy: mean over seeds ± half-width of the 95% confidence interval (Student t); below, the difference from the dump and the p-value of the paired sign-flip test on each seed's difference from it. Marked cells differ from the dump with p &lt; ${SIGNIFICANCE_LEVEL}: <span class="verdict-better">▲ better</span>, <span class="verdict-worse">▼ worse</span>, <span class="verdict-different">◆ differs</span>.</p>`,
    definitions.length > 0 ? `<dl class="definitions">${definitions.join('')}</dl>` : '',
  ].join('\n');
}

/** Per workload: its replayed pods, and per policy the mean pods per seed bound in the dump but not placed. */
function noLongerFitTable(w: WhatifTables, policies: readonly string[], seedsOf: (p: string) => number): string {
  const workloadOf = (p: WhatifTables['pods'][number]) => (p.ownerKind === '' ? `${p.namespace}/${p.pod} (no controller)` : `${p.ownerKind} ${p.namespace}/${p.owner}`);
  const lost = new Map<string, Map<string, number>>();
  const replayed = new Map<string, Set<string>>();
  for (const p of w.pods) {
    const k = workloadOf(p);
    let pods = replayed.get(k);
    if (pods === undefined) replayed.set(k, pods = new Set());
    pods.add(`${p.namespace}/${p.pod}`);
    if (p.outcome !== 'unschedulable' || p.nodeBefore === '') continue;
    let per = lost.get(k);
    if (per === undefined) lost.set(k, per = new Map());
    per.set(p.policy, (per.get(p.policy) ?? 0) + 1);
  }
  if (lost.size === 0) return '<p class="empty">Every pod the dump had on a node was placed again under every policy and seed.</p>';
  const total = (k: string) => [...lost.get(k)!.values()].reduce((a, b) => a + b, 0);
  // Most pods lost first; the workload's name makes the order total.
  const workloads = [...lost.keys()].sort((a, b) => total(b) - total(a) || (a < b ? -1 : a > b ? 1 : 0));
  const head = policies.map((p) => `<th scope="col" class="policy">${escapeHtml(p)}</th>`).join('');
  const rows = workloads.slice(0, LISTED_WORKLOADS).map((k) => {
    const cells = policies.map((p) => {
      const n = lost.get(k)!.get(p) ?? 0;
      return `<td class="cell">${n === 0 ? '0' : displayNumber(n / Math.max(1, seedsOf(p)))}</td>`;
    });
    return `<tr><th scope="row">${escapeHtml(k)}</th><td class="cell">${replayed.get(k)!.size}</td>${cells.join('')}</tr>`;
  });
  const more = workloads.length > LISTED_WORKLOADS ? `<p class="note">And ${workloads.length - LISTED_WORKLOADS} more workloads; whatif.csv lists every pod.</p>` : '';
  return [
    '<table class="summary whatif-lost">',
    `<thead><tr><th scope="col">workload</th><th scope="col">pods replayed</th>${head}</tr></thead>`,
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
    '<p class="note">Pods the dump had on a node that were not placed at the end of the run, mean per seed. A workload is the pods\' controller, or the controller\'s own (a ReplicaSet\'s Deployment).</p>',
    more,
  ].join('\n');
}

function signed(x: number): string {
  if (!Number.isFinite(x)) return 'Δ —';
  return `${x > 0 ? '+' : x < 0 ? '−' : '±'}${displayNumber(Math.abs(x))}`;
}

function pValue(p: number): string {
  if (!Number.isFinite(p)) return 'p —';
  return p < 0.001 ? 'p &lt; 0.001' : `p = ${p.toFixed(3)}`;
}
