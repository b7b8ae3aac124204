import { checkVolumesByZone } from '../check-volume-tables.js';
import { intColumn, textColumn } from '../csv-table.js';
import type { ReportTable } from '../report-table.js';
import { perRunColumns } from './run-key-columns.js';
import type { VolumeZoneRow } from '../types.js';

/**
 * volumes-by-zone.csv: per run, the volumes provisioned in each zone (the rows behind
 * volumes_provisioned and volumes_provisioned_max_zone_pct); absent unless some run
 * provisioned one.
 */
export const volumesByZoneTable: ReportTable<VolumeZoneRow> = {
  file: 'volumes-by-zone.csv',
  description: 'per run, volumes provisioned per zone (topology.kubernetes.io/zone of the node each was provisioned for; empty for nodes without the label) (only when some run provisioned one)',
  required: false,
  carriedBy: 'every',
  columns: perRunColumns([
    textColumn('zone', (r) => r.zone),
    intColumn('volumes', (r) => r.volumes),
  ], (r) => ({ zone: r.text('zone'), volumes: r.num('volumes') })),
  rows: (data) => (data.runs.some((r) => (r.volumes?.provisionedByZone.length ?? 0) > 0)
    ? data.runs.flatMap((r) => (r.volumes?.provisionedByZone ?? []).map((z) => ({ ...r.key, zone: z.zone, volumes: z.volumes })))
    : null),
  readBack: true,
  check: checkVolumesByZone,
};
