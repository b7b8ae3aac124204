import { intColumn, realColumn, textColumn } from '../csv-table.js';
import type { ReportTable } from '../report-table.js';
import { perRunColumns, perRunRow } from './run-key-columns.js';
import type { PlacementRow } from '../types.js';

/** placements.csv (opt-in): every pod of every run that recorded placements; absent unless some run did. Not read back: the page does not draw it, and it is the largest file. */
export const placementsTable: ReportTable<PlacementRow> = {
  file: 'placements.csv',
  description: 'where every pod went (only when placements were recorded)',
  required: false,
  carriedBy: 'every',
  columns: perRunColumns([
    textColumn('pod', (r) => r.pod),
    textColumn('node', (r) => r.node),
    realColumn('arrival_s', (r) => r.arrivalS),
    realColumn('bind_s', (r) => r.bindS),
    textColumn('outcome', (r) => r.outcome),
    intColumn('attempts', (r) => r.attempts),
  ], (r) => ({
    pod: r.text('pod'), node: r.text('node'), arrivalS: r.num('arrival_s'), bindS: r.num('bind_s'),
    outcome: r.text('outcome'), attempts: r.num('attempts'),
  })),
  rows: (data) => (data.runs.some((r) => r.placements !== null)
    ? data.runs.flatMap((r) => (r.placements ?? []).map((p) => perRunRow(r.key, {
      pod: p.pod, node: p.node, arrivalS: p.arrivalS, bindS: p.bindS ?? Number.NaN, outcome: p.outcome, attempts: p.attempts,
    })))
    : null),
  readBack: false,
};
