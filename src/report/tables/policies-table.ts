import type { CsvTable } from '../csv-table.js';
import { textColumn } from '../csv-table.js';
import type { PolicySettingRow } from '../types.js';

/** policies.csv: every setting of every policy of every scenario (policySettings). */
export const policiesTable: CsvTable<PolicySettingRow> = {
  file: 'policies.csv',
  columns: [
    textColumn('scenario', (r) => r.scenario),
    textColumn('policy', (r) => r.policy),
    textColumn('setting', (r) => r.setting),
    textColumn('value', (r) => r.value),
  ],
  fromRecord: (r) => ({ scenario: r.text('scenario'), policy: r.text('policy'), setting: r.text('setting'), value: r.text('value') }),
};
