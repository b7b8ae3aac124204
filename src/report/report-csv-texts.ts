import { REPORT_FILES } from './report-files.js';
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
import { whatifPodsTable } from './tables/whatif-pods-table.js';
import { whatifRunsTable } from './tables/whatif-runs-table.js';
import { whatifSummaryTable } from './tables/whatif-summary-table.js';
import { toCsv } from './to-csv.js';
import type { ReportTables } from './types.js';

/**
 * The CSV text of every table present, by file name. runs.csv has one column per id of
 * metricIds, in that order (the catalogue's order).
 */
export function reportCsvTexts(tables: ReportTables, metricIds: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  out.set(REPORT_FILES.runs, toCsv(runsTable(metricIds), tables.runs));
  out.set(REPORT_FILES.summary, toCsv(summaryTable, tables.summary));
  if (tables.scenarios !== null) out.set(REPORT_FILES.scenarios, toCsv(scenariosTable, tables.scenarios));
  if (tables.policies !== null) out.set(REPORT_FILES.policies, toCsv(policiesTable, tables.policies));
  if (tables.openb !== null) {
    out.set(REPORT_FILES.openbSummary, toCsv(openbSummaryTable, tables.openb.summary));
    out.set(REPORT_FILES.openbRuns, toCsv(openbRunsTable, tables.openb.runs));
    out.set(REPORT_FILES.openbCurve, toCsv(openbCurveTable, tables.openb.curve));
  }
  if (tables.whatif !== null) {
    out.set(REPORT_FILES.whatif, toCsv(whatifPodsTable, tables.whatif.pods));
    out.set(REPORT_FILES.whatifRuns, toCsv(whatifRunsTable, tables.whatif.runs));
    out.set(REPORT_FILES.whatifSummary, toCsv(whatifSummaryTable, tables.whatif.summary));
  }
  if (tables.timeseries !== null) out.set(REPORT_FILES.timeseries, toCsv(timeseriesTable, tables.timeseries));
  if (tables.nodeUtilization !== null) out.set(REPORT_FILES.nodeUtilization, toCsv(nodeUtilizationTable, tables.nodeUtilization));
  if (tables.queueDelay !== null) out.set(REPORT_FILES.queueDelay, toCsv(queueDelayTable, tables.queueDelay));
  if (tables.groups !== null) out.set(REPORT_FILES.groups, toCsv(groupOutcomesTable, tables.groups));
  if (tables.placements !== null) out.set(REPORT_FILES.placements, toCsv(placementsTable, tables.placements));
  if (tables.timing !== null) out.set(REPORT_FILES.timing, toCsv(timingTable, tables.timing));
  if (tables.bench !== null) out.set(REPORT_FILES.bench, toCsv(benchTable, tables.bench));
  return out;
}
