import { openbCurve } from '../aggregate/openb-curve.js';
import { intColumn, realColumn, textColumn } from '../csv-table.js';
import type { ReportTable } from '../report-table.js';
import type { OpenbCurveRow } from '../types.js';

/** openb-curve.csv: GPU allocation against arrived GPU demand, per policy and whole percent (openbCurve). */
export const openbCurveTable: ReportTable<OpenbCurveRow> = {
  file: 'openb-curve.csv',
  description: 'openb experiment, per policy and whole percent of arrived GPU demand: mean GPU allocation over the seeds that reached it, and how many did',
  required: false,
  carriedBy: 'openb',
  columns: {
    kind: 'fixed',
    layout: {
      columns: [
        textColumn('policy', (r) => r.policy),
        intColumn('arrived_pct', (r) => r.arrivedPct),
        intColumn('seeds', (r) => r.seeds),
        realColumn('gpu_alloc_pct', (r) => r.gpuAllocPct),
      ],
      fromRecord: (r) => ({ policy: r.text('policy'), arrivedPct: r.num('arrived_pct'), seeds: r.num('seeds'), gpuAllocPct: r.num('gpu_alloc_pct') }),
    },
  },
  rows: (data) => (data.openb === undefined ? null : openbCurve(data.openb.runs)),
  readBack: true,
};
