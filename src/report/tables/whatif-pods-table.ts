import { intColumn, textColumn } from '../csv-table.js';
import type { ReportTable } from '../report-table.js';
import type { WhatifPodRow } from '../types.js';

/**
 * whatif.csv: every pod a replay placed again, per policy and seed: its workload, the
 * node the snapshot had it on ('' when pending there), the node it ends on ('' when not
 * bound) and the outcome (same, moved or unschedulable). The columns are issue 13's.
 */
export const whatifPodsTable: ReportTable<WhatifPodRow> = {
  file: 'whatif.csv',
  description: 'replay of the cluster\'s own pods, per policy and seed: every replayed pod\'s workload, node before (in the dump) and after, and outcome (same, moved, unschedulable)',
  required: false,
  carriedBy: 'whatif',
  columns: {
    kind: 'fixed',
    layout: {
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
    },
  },
  rows: (data) => (data.whatif === undefined ? null : data.whatif.runs.flatMap((r) => r.pods.map((p) => ({ policy: r.policy, seed: r.seed, ...p })))),
  readBack: true,
};
