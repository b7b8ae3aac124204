import { intColumn, realColumn } from '../csv-table.js';
import type { ReportTable } from '../report-table.js';
import { perRunColumns } from './run-key-columns.js';
import type { TimingRow } from '../types.js';

/** timing.csv: scheduler wall-clock figures per run (not reproducible, hence its own file). */
export const timingTable: ReportTable<TimingRow> = {
  file: 'timing.csv',
  description: 'scheduler wall-clock time per run (differs between runs and machines)',
  required: false,
  carriedBy: 'every',
  columns: perRunColumns([
    intColumn('cycles', (r) => r.cycles),
    realColumn('cycle_p50_us', (r) => r.cycleP50Us),
    realColumn('cycle_p99_us', (r) => r.cycleP99Us),
    realColumn('pods_per_s', (r) => r.podsPerS),
  ], (r) => ({
    cycles: r.num('cycles'), cycleP50Us: r.num('cycle_p50_us'), cycleP99Us: r.num('cycle_p99_us'),
    podsPerS: r.num('pods_per_s'),
  })),
  rows: (data) => data.runs.map((r) => ({ ...r.key, ...r.timing })),
  readBack: true,
};
