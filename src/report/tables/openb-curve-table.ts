import type { CsvTable } from '../csv-table.js';
import { intColumn, realColumn, textColumn } from '../csv-table.js';
import { REPORT_FILES } from '../report-files.js';
import type { OpenbCurveRow } from '../types.js';

/** openb-curve.csv: GPU allocation against arrived GPU demand, per policy and whole percent (openbCurve). */
export const openbCurveTable: CsvTable<OpenbCurveRow> = {
  file: REPORT_FILES.openbCurve,
  columns: [
    textColumn('policy', (r) => r.policy),
    intColumn('arrived_pct', (r) => r.arrivedPct),
    intColumn('seeds', (r) => r.seeds),
    realColumn('gpu_alloc_pct', (r) => r.gpuAllocPct),
  ],
  fromRecord: (r) => ({ policy: r.text('policy'), arrivedPct: r.num('arrived_pct'), seeds: r.num('seeds'), gpuAllocPct: r.num('gpu_alloc_pct') }),
};
