import { openbSummary } from '../aggregate/openb-summary.js';
import { intColumn, realColumn, textColumn } from '../csv-table.js';
import type { ReportTable } from '../report-table.js';
import type { OpenbSummaryRow } from '../types.js';

/** openb-summary.csv: one row per policy of the openb experiment, means over seeds (openbSummary). */
export const openbSummaryTable: ReportTable<OpenbSummaryRow> = {
  file: 'openb-summary.csv',
  description: 'openb experiment, per policy, means over seeds: GPU allocation when arrived GPU demand reached 100% of capacity (over the seeds that got there), at the end, GPUs left unallocated, GPU fragmentation rate',
  required: false,
  carriedBy: 'openb',
  columns: {
    kind: 'fixed',
    layout: {
      columns: [
        textColumn('policy', (r) => r.policy),
        intColumn('seeds', (r) => r.seeds),
        realColumn('gpu_alloc_at_100_pct', (r) => r.gpuAllocAt100Pct),
        realColumn('gpu_alloc_end_pct', (r) => r.gpuAllocEndPct),
        realColumn('gpus_unallocated_end', (r) => r.gpusUnallocatedEnd),
        realColumn('gpu_frag_rate_end_pct', (r) => r.gpuFragRateEndPct),
      ],
      fromRecord: (r) => ({
        policy: r.text('policy'), seeds: r.num('seeds'), gpuAllocAt100Pct: r.num('gpu_alloc_at_100_pct'),
        gpuAllocEndPct: r.num('gpu_alloc_end_pct'), gpusUnallocatedEnd: r.num('gpus_unallocated_end'), gpuFragRateEndPct: r.num('gpu_frag_rate_end_pct'),
      }),
    },
  },
  rows: (data) => (data.openb === undefined ? null : openbSummary(data.openb.runs)),
  readBack: true,
};
