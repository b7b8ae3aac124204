import type { CsvTable } from '../csv-table.js';
import { textColumn } from '../csv-table.js';
import type { ScenarioRow } from '../types.js';

/** scenarios.csv: each scenario's description, in scenario order. */
export const scenariosTable: CsvTable<ScenarioRow> = {
  file: 'scenarios.csv',
  columns: [
    textColumn('scenario', (r) => r.scenario),
    textColumn('description', (r) => r.description),
  ],
  fromRecord: (r) => ({ scenario: r.text('scenario'), description: r.text('description') }),
};
