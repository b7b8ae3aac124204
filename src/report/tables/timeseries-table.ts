import { intColumn, realColumn } from '../csv-table.js';
import type { ReportTable } from '../report-table.js';
import { perRunColumns, perRunRow } from './run-key-columns.js';
import type { TimeseriesRow } from '../types.js';

/** timeseries.csv: the cluster samples of every run over simulated time. */
export const timeseriesTable: ReportTable<TimeseriesRow> = {
  file: 'timeseries.csv',
  description: 'cluster samples over simulated time: running and pending pods, allocated CPU, memory, GPU',
  required: false,
  carriedBy: 'every',
  columns: perRunColumns([
    realColumn('t_s', (r) => r.tS),
    intColumn('running', (r) => r.running),
    intColumn('pending', (r) => r.pending),
    realColumn('cpu_alloc_pct', (r) => r.cpuAllocPct),
    realColumn('mem_alloc_pct', (r) => r.memAllocPct),
    realColumn('gpu_alloc_pct', (r) => r.gpuAllocPct),
  ], (r) => ({
    tS: r.num('t_s'), running: r.num('running'), pending: r.num('pending'),
    cpuAllocPct: r.num('cpu_alloc_pct'), memAllocPct: r.num('mem_alloc_pct'),
    gpuAllocPct: r.num('gpu_alloc_pct'),
  })),
  rows: (data) => data.runs.flatMap((r) => r.timeseries.map((p) => perRunRow(r.key, {
    tS: p.tS, running: p.running, pending: p.pending,
    cpuAllocPct: p.cpuAllocPct, memAllocPct: p.memAllocPct, gpuAllocPct: p.gpuAllocPct,
  }))),
  readBack: true,
};
