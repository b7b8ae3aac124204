import type { OpenbSummaryRow } from '../types.js';
import { displayNumber } from './display-number.js';
import { escapeHtml } from './escape-html.js';

/**
 * The openb experiment's summary (openb-summary.csv) as an HTML table: a row per policy,
 * the means over seeds of GPU allocation at 100 % arrived demand and at the end, GPUs left
 * unallocated and the GPU fragmentation rate.
 */
export function openbSummaryTableHtml(rows: readonly OpenbSummaryRow[]): string {
  const body = rows.map((s) => {
    const cells = [s.seeds, s.gpuAllocAt100Pct, s.gpuAllocEndPct, s.gpusUnallocatedEnd, s.gpuFragRateEndPct]
      .map((x) => `<td>${displayNumber(x)}</td>`).join('');
    return `<tr data-policy="${escapeHtml(s.policy)}"><th scope="row" class="policy">${escapeHtml(s.policy)}</th>${cells}</tr>`;
  });
  return [
    '<table class="openb">',
    '<thead><tr><th scope="col">policy</th><th scope="col">seeds</th><th scope="col">GPU allocated at 100% arrived (%)</th><th scope="col">GPU allocated at the end (%)</th><th scope="col">GPUs unallocated at the end</th><th scope="col">GPU fragmentation rate at the end (%)</th></tr></thead>',
    `<tbody>\n${body.join('\n')}\n</tbody>`,
    '</table>',
    '<p class="note">Means over seeds. Allocation at 100% arrived is over the seeds whose arrived GPU demand reached the GPU capacity (— when none did); the other columns are over all seeds. Per seed: openb-runs.csv.</p>',
  ].join('\n');
}
