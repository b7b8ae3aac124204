import { csvTableOf } from './report-table.js';
import { TABLE_ENTRIES } from './report-table-list.js';
import { csvRecords, csvText } from './csv-records.js';
import type { ReportTables } from './types.js';

/**
 * The CSV text of every table present, by file name, in REPORT_TABLES' order, each
 * written with its declared columns. A per-metric table (runs.csv) has one column per id
 * of metricIds, in that order (the catalogue's order).
 */
export function reportCsvTexts(tables: ReportTables, metricIds: readonly string[]): Map<string, string> {
  return new Map([...reportCsvRecords(tables, metricIds)].map(([file, records]) => [file, csvText(records)]));
}

/** The cells of reportCsvTexts' files (csvText of each is its text), by file name, in the same order. */
export function reportCsvRecords(tables: ReportTables, metricIds: readonly string[]): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const t of TABLE_ENTRIES) {
    const rows = rowsIn(tables, t.field, t.member);
    if (rows !== null) out.set(t.decl.file, csvRecords(csvTableOf(t.decl, metricIds), rows));
  }
  return out;
}

/** A table's rows in ReportTables: its field, or its member of a set field (null when the set is absent). */
export function rowsIn(tables: ReportTables, field: keyof ReportTables, member: string | null): readonly unknown[] | null {
  const v: unknown = tables[field];
  if (member === null || v === null) return v as readonly unknown[] | null;
  return (v as Readonly<Record<string, readonly unknown[]>>)[member] ?? null;
}
