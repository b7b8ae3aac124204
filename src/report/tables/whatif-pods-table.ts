import type { CsvTable } from '../csv-table.js';
import { intColumn, textColumn } from '../csv-table.js';
import type { WhatifPodRow } from '../types.js';

/**
 * whatif.csv: every pod a replay placed again, per policy and seed: its workload, the
 * node the snapshot had it on ('' when pending there), the node it ends on ('' when not
 * bound) and the outcome (same, moved or unschedulable). The columns are issue 13's.
 */
export const whatifPodsTable: CsvTable<WhatifPodRow> = {
  file: 'whatif.csv',
  columns: [
    textColumn('policy', (r) => r.policy),
    intColumn('seed', (r) => r.seed),
    textColumn('namespace', (r) => r.namespace),
    textColumn('pod', (r) => r.pod),
    textColumn('owner_kind', (r) => r.ownerKind),
    textColumn('owner', (r) => r.owner),
    textColumn('node_before', (r) => r.nodeBefore),
    textColumn('node_after', (r) => r.nodeAfter),
    textColumn('outcome', (r) => r.outcome),
  ],
  fromRecord: (r) => ({
    policy: r.text('policy'), seed: r.num('seed'), namespace: r.text('namespace'), pod: r.text('pod'),
    ownerKind: r.text('owner_kind'), owner: r.text('owner'), nodeBefore: r.text('node_before'), nodeAfter: r.text('node_after'),
    outcome: r.text('outcome'),
  }),
};
