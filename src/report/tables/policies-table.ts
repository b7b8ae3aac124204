import { policySettings } from '../aggregate/policy-settings.js';
import { textColumn } from '../csv-table.js';
import type { ReportTable } from '../report-table.js';
import type { PolicySettingRow } from '../types.js';

/** policies.csv: every setting of every policy of every scenario (policySettings); absent unless data.scenarios is given. */
export const policiesTable: ReportTable<PolicySettingRow> = {
  file: 'policies.csv',
  description: 'each policy\'s effective settings per scenario: filter and score plugins (with weights), preemption, percentageOfNodesToScore, plugin args',
  required: false,
  carriedBy: 'every',
  columns: {
    kind: 'fixed',
    layout: {
      columns: [
        textColumn('scenario', (r) => r.scenario),
        textColumn('policy', (r) => r.policy),
        textColumn('setting', (r) => r.setting),
        textColumn('value', (r) => r.value),
      ],
      fromRecord: (r) => ({ scenario: r.text('scenario'), policy: r.text('policy'), setting: r.text('setting'), value: r.text('value') }),
    },
  },
  rows: (data) => (data.scenarios === undefined ? null : data.scenarios.flatMap((f) => f.policies.flatMap((p) => policySettings(p).map(([setting, value]) => ({
    scenario: f.scenario, policy: p.name, setting, value,
  }))))),
  readBack: true,
};
