import type { MetricDef } from '../../metrics/types.js';
import { escapeHtml } from './escape-html.js';

/** The metric definitions as an HTML table: id, label, unit, better direction, definition. */
export function definitionsHtml(metrics: readonly MetricDef[]): string {
  const rows = metrics.map((m) => {
    const better = m.higherIsBetter === null ? '—' : m.higherIsBetter ? 'higher' : 'lower';
    return `<tr id="metric-${escapeHtml(m.id)}"><th scope="row">${escapeHtml(m.label)}<div class="id"><code>${escapeHtml(m.id)}</code></div></th><td>${escapeHtml(m.unit)}</td><td>${better}</td><td>${escapeHtml(m.definition)}</td></tr>`;
  });
  return [
    '<table class="definitions">',
    '<thead><tr><th scope="col">metric</th><th scope="col">unit</th><th scope="col">better</th><th scope="col">definition</th></tr></thead>',
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
  ].join('\n');
}
