import type { BenchRow } from '../types.js';
import { displayNumber } from './display-number.js';
import { escapeHtml } from './escape-html.js';

/** bench.csv as an HTML table: every benchmark cell with its throughput and latency. */
export function benchTableHtml(rows: readonly BenchRow[]): string {
  const body = rows.map((r) => {
    const pct = r.percentageOfNodesToScore === 0 ? 'adaptive' : displayNumber(r.percentageOfNodesToScore);
    const nums = [r.nodes, r.existingPods].map((x) => `<td>${displayNumber(x)}</td>`).join('');
    const perf = [r.podsPerS, r.p50Us, r.p99Us].map((x) => `<td>${displayNumber(x)}</td>`).join('');
    return `<tr><th scope="row">${escapeHtml(r.benchmark)}</th>${nums}<td>${pct}</td>${perf}</tr>`;
  });
  return [
    '<table class="timing bench">',
    '<thead><tr><th scope="col">benchmark</th><th scope="col">nodes</th><th scope="col">existing pods</th><th scope="col">nodes scored %</th><th scope="col">pods/s</th><th scope="col">p50 (µs)</th><th scope="col">p99 (µs)</th></tr></thead>',
    `<tbody>\n${body.join('\n')}\n</tbody>`,
    '</table>',
  ].join('\n');
}
