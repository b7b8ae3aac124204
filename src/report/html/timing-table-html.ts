import { uniqueInOrder } from '../aggregate/unique-in-order.js';
import type { TimingRow } from '../types.js';
import { displayNumber } from './display-number.js';
import { escapeHtml } from './escape-html.js';

/**
 * One scenario's scheduler wall-clock figures as an HTML table: per policy, the means over
 * seeds of scheduling cycles, cycle latency p50 and p99, and cycles per second.
 */
export function timingTableHtml(rows: readonly TimingRow[], policies: readonly string[]): string {
  const mean = (xs: readonly number[]) => {
    const f = xs.filter(Number.isFinite);
    return f.length === 0 ? Number.NaN : f.reduce((a, b) => a + b, 0) / f.length;
  };
  const order = uniqueInOrder([...policies, ...rows.map((r) => r.policy)]);
  const body = order.flatMap((p) => {
    const mine = rows.filter((r) => r.policy === p);
    if (mine.length === 0) return [];
    const cells = [
      mine.length, mean(mine.map((r) => r.cycles)), mean(mine.map((r) => r.cycleP50Us)),
      mean(mine.map((r) => r.cycleP99Us)), mean(mine.map((r) => r.podsPerS)),
    ].map((x) => `<td>${displayNumber(x)}</td>`).join('');
    return [`<tr><th scope="row" class="policy">${escapeHtml(p)}</th>${cells}</tr>`];
  });
  return [
    '<table class="timing">',
    '<thead><tr><th scope="col">policy</th><th scope="col">seeds</th><th scope="col">cycles</th><th scope="col">cycle p50 (µs)</th><th scope="col">cycle p99 (µs)</th><th scope="col">cycles/s</th></tr></thead>',
    `<tbody>\n${body.join('\n')}\n</tbody>`,
    '</table>',
    '<p class="note">Wall-clock time of the scheduler (means over seeds); it varies between runs and machines, unlike everything else on this page.</p>',
  ].join('\n');
}
