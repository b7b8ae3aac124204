import type { ReportTable, ReportTableDecls, TableName } from './report-table.js';
import { benchTable } from './tables/bench-table.js';
import { groupOutcomesTable } from './tables/group-outcomes-table.js';
import { nodeUtilizationTable } from './tables/node-utilization-table.js';
import { openbCurveTable } from './tables/openb-curve-table.js';
import { openbRunsTable } from './tables/openb-runs-table.js';
import { openbSummaryTable } from './tables/openb-summary-table.js';
import { placementsTable } from './tables/placements-table.js';
import { policiesTable } from './tables/policies-table.js';
import { queueDelayTable } from './tables/queue-delay-table.js';
import { runsTable } from './tables/runs-table.js';
import { scenariosTable } from './tables/scenarios-table.js';
import { summaryTable } from './tables/summary-table.js';
import { timeseriesTable } from './tables/timeseries-table.js';
import { timingTable } from './tables/timing-table.js';
import { volumesByZoneTable } from './tables/volumes-by-zone-table.js';
import { volumesPendingTable } from './tables/volumes-pending-table.js';
import { whatifPodsTable } from './tables/whatif-pods-table.js';
import { whatifRunsTable } from './tables/whatif-runs-table.js';
import { whatifSummaryTable } from './tables/whatif-summary-table.js';
import type { ReportTables } from './types.js';

/**
 * Every table a report folder may hold, in the shape of ReportTables (the openb and
 * whatif sets hold their members). The compiler checks that each field has its
 * declaration and each declaration a field; report-table-list.test checks that every
 * declaration under tables/ is listed here. Order is the order files are written, read,
 * checked and listed on the page (runs and summary first: the other tables' checks refer
 * to them).
 */
export const REPORT_TABLES: ReportTableDecls = {
  runs: runsTable,
  summary: summaryTable,
  scenarios: scenariosTable,
  policies: policiesTable,
  openb: { summary: openbSummaryTable, runs: openbRunsTable, curve: openbCurveTable },
  whatif: { pods: whatifPodsTable, runs: whatifRunsTable, summary: whatifSummaryTable },
  timeseries: timeseriesTable,
  nodeUtilization: nodeUtilizationTable,
  queueDelay: queueDelayTable,
  groups: groupOutcomesTable,
  volumesPending: volumesPendingTable,
  volumesByZone: volumesByZoneTable,
  placements: placementsTable,
  timing: timingTable,
  bench: benchTable,
};

/** One declared table with its name, in REPORT_TABLES' order. */
export interface TableEntry {
  readonly name: TableName;
  /** The ReportTables field it is, or is a member of. */
  readonly field: keyof ReportTables;
  /** Its member name when the field is a set. */
  readonly member: string | null;
  readonly decl: ReportTable<unknown>;
}

/** Every declared table, the members of a set in place of the set, in REPORT_TABLES' order. */
export const TABLE_ENTRIES: readonly TableEntry[] = Object.entries(REPORT_TABLES).flatMap(([field, d]): TableEntry[] => {
  const f = field as keyof ReportTables;
  // A set is an object of declarations; a declaration has a file name.
  if (isDecl(d)) return [{ name: f as TableName, field: f, member: null, decl: d }];
  return Object.entries(d as Readonly<Record<string, ReportTable<unknown>>>).map(([member, decl]) => ({
    name: `${f}.${member}` as TableName, field: f, member, decl,
  }));
});

/** The entry of a table by name. */
export function tableEntry(name: TableName): TableEntry {
  const e = TABLE_ENTRIES.find((t) => t.name === name);
  // Names are typed from the declarations, so every one has an entry.
  if (e === undefined) throw new Error(`tableEntry: no table ${name}`);
  return e;
}

function isDecl(d: unknown): d is ReportTable<unknown> {
  return typeof d === 'object' && d !== null && typeof (d as { file?: unknown }).file === 'string';
}
