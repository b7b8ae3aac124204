import { uniqueInOrder } from '../aggregate/unique-in-order.js';
import type { PolicySettingRow } from '../types.js';
import { escapeHtml } from './escape-html.js';

/**
 * One scenario's policies side by side (policies.csv): a row per setting, a column per
 * policy. A setting every policy has with the same value takes one cell across all
 * columns, so what differs between the policies stands out; a policy without the setting
 * shows a dash (for args: the plugin's defaults).
 */
export function policySettingsHtml(rows: readonly PolicySettingRow[], policies: readonly string[]): string {
  const order = uniqueInOrder([...policies, ...rows.map((r) => r.policy)]);
  const settings = uniqueInOrder(rows.map((r) => r.setting));
  const body = settings.map((setting) => {
    const values = order.map((p) => rows.find((r) => r.policy === p && r.setting === setting)?.value);
    const head = `<th scope="row"><code>${escapeHtml(setting)}</code></th>`;
    if (values.every((v) => v !== undefined && v === values[0])) {
      return `<tr class="same">${head}<td colspan="${order.length}">${escapeHtml(values[0]!)} <span class="tag">all policies</span></td></tr>`;
    }
    return `<tr class="differs">${head}${values.map((v) => `<td>${v === undefined ? '—' : escapeHtml(v)}</td>`).join('')}</tr>`;
  });
  return [
    '<table class="policies">',
    `<thead><tr><th scope="col">setting</th>${order.map((p) => `<th scope="col" class="policy">${escapeHtml(p)}</th>`).join('')}</tr></thead>`,
    `<tbody>\n${body.join('\n')}\n</tbody>`,
    '</table>',
  ].join('\n');
}
