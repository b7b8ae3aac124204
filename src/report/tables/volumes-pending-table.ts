import { checkVolumesPending } from '../check-volume-tables.js';
import { intColumn, textColumn } from '../csv-table.js';
import type { ReportTable } from '../report-table.js';
import { perRunColumns } from './run-key-columns.js';
import type { VolumePendingRow } from '../types.js';

/**
 * volumes-pending-by-reason.csv: per run, the workload pods pending at the end on each
 * reason a volume plugin gave (the rows behind pods_volume_pending_end and its per-plugin
 * columns); absent unless some run had such a pod.
 */
export const volumesPendingTable: ReportTable<VolumePendingRow> = {
  file: 'volumes-pending-by-reason.csv',
  description: 'per run, workload pods pending at the end because of volumes, per volume plugin (VolumeBinding, VolumeZone, VolumeRestrictions, NodeVolumeLimits) and kube\'s reason text; a pod refused for several reasons counts in each row (only when some run had such a pod)',
  required: false,
  carriedBy: 'every',
  columns: perRunColumns([
    textColumn('plugin', (r) => r.plugin),
    textColumn('reason', (r) => r.reason),
    intColumn('pods', (r) => r.pods),
  ], (r) => ({ plugin: r.text('plugin'), reason: r.text('reason'), pods: r.num('pods') })),
  rows: (data) => (data.runs.some((r) => (r.volumes?.pendingByReason.length ?? 0) > 0)
    ? data.runs.flatMap((r) => (r.volumes?.pendingByReason ?? []).map((p) => ({ ...r.key, plugin: p.plugin, reason: p.reason, pods: p.pods })))
    : null),
  readBack: true,
  check: checkVolumesPending,
};
