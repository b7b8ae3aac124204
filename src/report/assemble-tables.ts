import type { TableName } from './report-table.js';
import { TABLE_ENTRIES } from './report-table-list.js';
import type { ReportTables } from './types.js';

/**
 * ReportTables from every declared table's rows by name (null: absent): a set field is
 * its members' rows, or null when all of them are absent. A required table that is null,
 * or a set with some members and not others, is a bug of the caller (the reader refuses
 * such folders first), hence an Error.
 */
export function assembleTables(rowsOf: (name: TableName) => readonly unknown[] | null): ReportTables {
  const out: Record<string, unknown> = {};
  for (const t of TABLE_ENTRIES) {
    const rows = rowsOf(t.name);
    if (t.decl.required && rows === null) throw new Error(`assembleTables: required table ${t.name} has no rows`);
    if (t.member === null) {
      out[t.field] = rows;
      continue;
    }
    const set = out[t.field] as Record<string, unknown> | null | undefined;
    const first = set === undefined;
    if (!first && (set === null) !== (rows === null)) throw new Error(`assembleTables: set ${t.field} has some tables and not others`);
    if (rows === null) out[t.field] = null;
    else out[t.field] = { ...(set ?? {}), [t.member]: rows };
  }
  // Every field was set above from its own declarations (REPORT_TABLES has ReportTables' shape).
  return out as unknown as ReportTables;
}
