import type { CsvTable } from '../csv-table.js';
import { intColumn, realColumn, textColumn } from '../csv-table.js';
import { REPORT_FILES } from '../report-files.js';
import type { OpenbRunRow } from '../types.js';

/**
 * openb-runs.csv: one row per policy and seed of the openb experiment. No scenario column:
 * an openb report is one scenario, and the columns are those `schedbench openb` wrote.
 */
export const openbRunsTable: CsvTable<OpenbRunRow> = {
  file: REPORT_FILES.openbRuns,
  columns: [
    textColumn('policy', (r) => r.policy),
    intColumn('seed', (r) => r.seed),
    intColumn('tasks', (r) => r.tasks),
    intColumn('scheduled', (r) => r.scheduled),
    intColumn('unscheduled', (r) => r.unscheduled),
    realColumn('arrived_gpu_end_pct', (r) => r.arrivedGpuEndPct),
    realColumn('gpu_alloc_at_100_pct', (r) => r.gpuAllocAt100Pct),
    realColumn('gpu_alloc_end_pct', (r) => r.gpuAllocEndPct),
    realColumn('gpus_unallocated_end', (r) => r.gpusUnallocatedEnd),
    realColumn('gpu_frag_rate_end_pct', (r) => r.gpuFragRateEndPct),
  ],
  fromRecord: (r) => ({
    policy: r.text('policy'), seed: r.num('seed'), tasks: r.num('tasks'), scheduled: r.num('scheduled'), unscheduled: r.num('unscheduled'),
    arrivedGpuEndPct: r.num('arrived_gpu_end_pct'), gpuAllocAt100Pct: r.num('gpu_alloc_at_100_pct'), gpuAllocEndPct: r.num('gpu_alloc_end_pct'),
    gpusUnallocatedEnd: r.num('gpus_unallocated_end'), gpuFragRateEndPct: r.num('gpu_frag_rate_end_pct'),
  }),
};
