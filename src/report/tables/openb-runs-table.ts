import { checkOpenbTables } from '../check-openb-tables.js';
import { intColumn, realColumn, textColumn } from '../csv-table.js';
import type { ReportTable } from '../report-table.js';
import type { OpenbRunRow } from '../types.js';

/**
 * openb-runs.csv: one row per policy and seed of the openb experiment. No scenario column:
 * an openb report is one scenario, and the columns are those `schedbench openb` wrote.
 */
export const openbRunsTable: ReportTable<OpenbRunRow> = {
  file: 'openb-runs.csv',
  description: 'openb experiment, per policy and seed: tasks, scheduled, unscheduled, arrived GPU demand and the measures of openb-summary.csv',
  required: false,
  carriedBy: 'openb',
  columns: {
    kind: 'fixed',
    layout: {
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
    },
  },
  rows: (data) => (data.openb === undefined ? null : data.openb.runs.map((r) => ({
    policy: r.policy, seed: r.seed, tasks: r.tasks, scheduled: r.scheduled, unscheduled: r.tasks - r.scheduled,
    arrivedGpuEndPct: r.arrivedPctEnd, gpuAllocAt100Pct: r.allocAt100Pct ?? Number.NaN, gpuAllocEndPct: r.allocEndPct,
    gpusUnallocatedEnd: r.gpusUnallocatedEnd, gpuFragRateEndPct: r.fragRateEndPct,
  }))),
  readBack: true,
  check: checkOpenbTables,
};
