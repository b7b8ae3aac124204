import { assembleTables } from './assemble-tables.js';
import type { TableName } from './report-table.js';
import { tableEntry } from './report-table-list.js';
import type { ReportData, ReportTables } from './types.js';

/**
 * The rows of every table of a report, taken from what the runs measured by each table's
 * declaration (REPORT_TABLES), in the order of data.runs (and within a run, the order of
 * its samples, nodes, quantiles and pods). An optional table is null when the data has
 * nothing for it (no placements recorded, no groups measured, no bench, openb, replay or
 * scenario facts given).
 */
export function reportTables(data: ReportData): ReportTables {
  return assembleTables((name: TableName) => tableEntry(name).decl.rows(data));
}
