import type { CsvTable } from '../csv-table.js';
import { intColumn, realColumn, textColumn } from '../csv-table.js';
import { REPORT_FILES } from '../report-files.js';
import type { OpenbSummaryRow } from '../types.js';

/** openb-summary.csv: one row per policy of the openb experiment, means over seeds (openbSummary). */
export const openbSummaryTable: CsvTable<OpenbSummaryRow> = {
  file: REPORT_FILES.openbSummary,
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
};
