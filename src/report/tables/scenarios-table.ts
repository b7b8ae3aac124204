import { textColumn } from '../csv-table.js';
import type { ReportTable } from '../report-table.js';
import type { ScenarioRow } from '../types.js';

/** scenarios.csv: each scenario's description, in scenario order; absent unless data.scenarios is given. */
export const scenariosTable: ReportTable<ScenarioRow> = {
  file: 'scenarios.csv',
  description: 'each scenario\'s description: what it compares and why',
  required: false,
  carriedBy: 'every',
  columns: {
    kind: 'fixed',
    layout: {
      columns: [
        textColumn('scenario', (r) => r.scenario),
        textColumn('description', (r) => r.description),
      ],
      fromRecord: (r) => ({ scenario: r.text('scenario'), description: r.text('description') }),
    },
  },
  rows: (data) => (data.scenarios === undefined ? null : data.scenarios.map((f) => ({ scenario: f.scenario, description: f.description }))),
  readBack: true,
};
