import type { CsvTable } from './csv-table.js';
import { parseCsvTableWithLines } from './parse-csv-table.js';
import { ReportError } from './report-error.js';
import { REPORT_FILES } from './report-files.js';
import { benchTable } from './tables/bench-table.js';
import { groupOutcomesTable } from './tables/group-outcomes-table.js';
import { nodeUtilizationTable } from './tables/node-utilization-table.js';
import { openbCurveTable } from './tables/openb-curve-table.js';
import { openbRunsTable } from './tables/openb-runs-table.js';
import { openbSummaryTable } from './tables/openb-summary-table.js';
import { policiesTable } from './tables/policies-table.js';
import { queueDelayTable } from './tables/queue-delay-table.js';
import { runsTable } from './tables/runs-table.js';
import { scenariosTable } from './tables/scenarios-table.js';
import { summaryTable } from './tables/summary-table.js';
import { timeseriesTable } from './tables/timeseries-table.js';
import { timingTable } from './tables/timing-table.js';
import { whatifPodsTable } from './tables/whatif-pods-table.js';
import { whatifRunsTable } from './tables/whatif-runs-table.js';
import { whatifSummaryTable } from './tables/whatif-summary-table.js';
import type { OpenbTables, ReportTables, RunRow, WhatifTables } from './types.js';

/**
 * Reads a report's tables from the texts of its files (by file name; `dir` prefixes the
 * names in error messages). runs.csv and summary.csv are required; the other tables are
 * null when their file is absent, and the openb tables come as a set, as do the what-if
 * tables (one of them present and another missing is an error). placements.csv is not read: the page does not draw it.
 * runs.csv's metric columns are whatever follows `seed`, so a report written with an
 * older metric catalogue still reads.
 */
export function parseReportTables(texts: ReadonlyMap<string, string>, dir: string): ReportTables {
  return parseReportTablesWithLines(texts, dir).tables;
}

/** The 1-based line of each row of the tables checkReportTables cross-checks, in row order (empty when absent). */
export interface ReportTableLines {
  readonly runs: readonly number[];
  readonly summary: readonly number[];
  readonly openbRuns: readonly number[];
  readonly openbSummary: readonly number[];
  readonly openbCurve: readonly number[];
  readonly whatifPods: readonly number[];
  readonly whatifRuns: readonly number[];
  readonly whatifSummary: readonly number[];
}

/** parseReportTables, also giving the lines of the rows checkReportTables cross-checks. */
export function parseReportTablesWithLines(texts: ReadonlyMap<string, string>, dir: string): { tables: ReportTables; lines: ReportTableLines } {
  const path = (f: string) => reportPath(dir, f);
  const lines: { -readonly [K in keyof ReportTableLines]: number[] } = {
    runs: [], summary: [], openbRuns: [], openbSummary: [], openbCurve: [], whatifPods: [], whatifRuns: [], whatifSummary: [],
  };
  const read = <Row>(
    file: string, table: CsvTable<Row> | ((h: readonly string[]) => CsvTable<Row>), keep?: keyof ReportTableLines,
  ): Row[] | null => {
    const text = texts.get(file);
    if (text === undefined) return null;
    const parsed = parseCsvTableWithLines(text, path(file), table);
    if (keep !== undefined) lines[keep] = parsed.lines;
    return parsed.rows;
  };
  const required = <T>(file: string, rows: T | null): T => {
    if (rows === null) throw new ReportError({ file: path(file) }, 'not found (is this a schedbench report folder?)');
    return rows;
  };
  const runs = required(REPORT_FILES.runs, read<RunRow>(REPORT_FILES.runs, (header) => runsTable(metricColumns(header, path(REPORT_FILES.runs))), 'runs'));
  const tables: ReportTables = {
    runs,
    summary: required(REPORT_FILES.summary, read(REPORT_FILES.summary, summaryTable, 'summary')),
    timeseries: read(REPORT_FILES.timeseries, timeseriesTable),
    nodeUtilization: read(REPORT_FILES.nodeUtilization, nodeUtilizationTable),
    queueDelay: read(REPORT_FILES.queueDelay, queueDelayTable),
    groups: read(REPORT_FILES.groups, groupOutcomesTable),
    placements: null,
    timing: read(REPORT_FILES.timing, timingTable),
    bench: read(REPORT_FILES.bench, benchTable),
    openb: readOpenb(),
    whatif: readWhatif(),
    scenarios: read(REPORT_FILES.scenarios, scenariosTable),
    policies: read(REPORT_FILES.policies, policiesTable),
  };
  return { tables, lines };

  function readWhatif(): WhatifTables | null {
    const files = [REPORT_FILES.whatif, REPORT_FILES.whatifRuns, REPORT_FILES.whatifSummary];
    const here = files.find((f) => texts.has(f));
    if (here === undefined) return null;
    const needed = <T>(file: string, rows: T | null): T => {
      if (rows === null) throw new ReportError({ file: path(file) }, `not found, though ${here} is there: a replay's report has whatif.csv, whatif-runs.csv and whatif-summary.csv`);
      return rows;
    };
    return {
      pods: needed(REPORT_FILES.whatif, read(REPORT_FILES.whatif, whatifPodsTable, 'whatifPods')),
      runs: needed(REPORT_FILES.whatifRuns, read(REPORT_FILES.whatifRuns, whatifRunsTable, 'whatifRuns')),
      summary: needed(REPORT_FILES.whatifSummary, read(REPORT_FILES.whatifSummary, whatifSummaryTable, 'whatifSummary')),
    };
  }

  function readOpenb(): OpenbTables | null {
    const files = [REPORT_FILES.openbRuns, REPORT_FILES.openbSummary, REPORT_FILES.openbCurve];
    const here = files.find((f) => texts.has(f));
    if (here === undefined) return null;
    const needed = <T>(file: string, rows: T | null): T => {
      if (rows === null) throw new ReportError({ file: path(file) }, `not found, though ${here} is there: an openb report has openb-runs.csv, openb-summary.csv and openb-curve.csv`);
      return rows;
    };
    return {
      runs: needed(REPORT_FILES.openbRuns, read(REPORT_FILES.openbRuns, openbRunsTable, 'openbRuns')),
      summary: needed(REPORT_FILES.openbSummary, read(REPORT_FILES.openbSummary, openbSummaryTable, 'openbSummary')),
      curve: needed(REPORT_FILES.openbCurve, read(REPORT_FILES.openbCurve, openbCurveTable, 'openbCurve')),
    };
  }
}

/** `<dir>/<file>` as messages name it (`<file>` alone when dir is ''). */
export function reportPath(dir: string, file: string): string {
  return dir === '' ? file : `${dir.replace(/\/+$/, '')}/${file}`;
}

/** The metric ids of a runs.csv header: the columns after scenario,policy,seed. */
function metricColumns(header: readonly string[], file: string): string[] {
  const ids = header.slice(3);
  const seen = new Set<string>();
  ids.forEach((id, k) => {
    const where = { file, line: 1, column: k + 4 };
    if (!/^[a-z][a-z0-9_]*$/.test(id)) throw new ReportError(where, `"${id}" is not a metric id (snake_case)`);
    if (seen.has(id)) throw new ReportError(where, `duplicate column "${id}"`);
    seen.add(id);
  });
  return ids;
}
