import { intColumn, realColumn, textColumn } from '../csv-table.js';
import type { ReportTable } from '../report-table.js';
import { perRunColumns } from './run-key-columns.js';
import type { GroupOutcomeRow } from '../types.js';

/** outcomes-by-group.csv: per run, each workload's and each priority band's pods, unschedulable pods and queueing delays; absent unless some run measured them. */
export const groupOutcomesTable: ReportTable<GroupOutcomeRow> = {
  file: 'outcomes-by-group.csv',
  description: 'per run, each workload (a Deployment\'s pods as Deployment/<name>, other pods by their controller <kind>/<name>, (no owner) for bare pods) and each priority band: pods, unschedulable at the end, queueing delay p50, p95, p99',
  required: false,
  carriedBy: 'every',
  columns: perRunColumns([
    textColumn('by', (r) => r.by),
    textColumn('group', (r) => r.group),
    intColumn('pods', (r) => r.pods),
    intColumn('unschedulable_end', (r) => r.unschedulableEnd),
    realColumn('queue_delay_p50_s', (r) => r.delayP50S),
    realColumn('queue_delay_p95_s', (r) => r.delayP95S),
    realColumn('queue_delay_p99_s', (r) => r.delayP99S),
  ], (r) => ({
    by: r.text('by'), group: r.text('group'), pods: r.num('pods'),
    unschedulableEnd: r.num('unschedulable_end'), delayP50S: r.num('queue_delay_p50_s'),
    delayP95S: r.num('queue_delay_p95_s'), delayP99S: r.num('queue_delay_p99_s'),
  })),
  rows: (data) => (data.runs.some((r) => r.groups !== undefined) ? data.runs.flatMap((r) => (r.groups ?? []).map((g) => ({ ...r.key, ...g }))) : null),
  readBack: true,
};
