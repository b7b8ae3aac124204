import { realColumn, textColumn } from '../csv-table.js';
import type { ReportTable } from '../report-table.js';
import { perRunColumns, perRunRow } from './run-key-columns.js';
import type { NodeUtilizationRow } from '../types.js';

/**
 * node-utilization.csv: requested over allocatable CPU and memory, and allocated GPU, per
 * node at the end of each run. gpu_pct is empty for a node without GPUs (every node of a
 * CPU-only cluster).
 */
export const nodeUtilizationTable: ReportTable<NodeUtilizationRow> = {
  file: 'node-utilization.csv',
  description: 'requested over allocatable CPU and memory per node at the end of each run, and allocated over total milli-GPU (a whole nvidia.com/gpu as 1000; empty for a node without GPUs)',
  required: false,
  carriedBy: 'every',
  columns: perRunColumns([
    textColumn('node', (r) => r.node),
    realColumn('cpu_pct', (r) => r.cpuPct),
    realColumn('mem_pct', (r) => r.memPct),
    realColumn('gpu_pct', (r) => r.gpuPct),
  ], (r) => ({ node: r.text('node'), cpuPct: r.num('cpu_pct'), memPct: r.num('mem_pct'), gpuPct: r.num('gpu_pct') })),
  rows: (data) => data.runs.flatMap((r) => r.nodeUtilization.map((n) => perRunRow(r.key, { node: n.node, cpuPct: n.cpuPct, memPct: n.memPct, gpuPct: n.gpuPct }))),
  readBack: true,
};
