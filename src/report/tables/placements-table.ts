import type { CsvTable } from '../csv-table.js';
import { intColumn, realColumn, textColumn } from '../csv-table.js';
import type { PlacementRow } from '../types.js';

/** placements.csv (opt-in): every pod of every run that recorded placements. */
export const placementsTable: CsvTable<PlacementRow> = {
  file: 'placements.csv',
  columns: [
    textColumn('scenario', (r) => r.scenario),
    textColumn('policy', (r) => r.policy),
    intColumn('seed', (r) => r.seed),
    textColumn('pod', (r) => r.pod),
    textColumn('node', (r) => r.node),
    realColumn('arrival_s', (r) => r.arrivalS),
    realColumn('bind_s', (r) => r.bindS),
    textColumn('outcome', (r) => r.outcome),
    intColumn('attempts', (r) => r.attempts),
  ],
  fromRecord: (r) => ({
    scenario: r.text('scenario'), policy: r.text('policy'), seed: r.num('seed'),
    pod: r.text('pod'), node: r.text('node'), arrivalS: r.num('arrival_s'), bindS: r.num('bind_s'),
    outcome: r.text('outcome'), attempts: r.num('attempts'),
  }),
};
