import type { MetricDef } from './types.js';

/**
 * The README's metric table, generated from the catalogue (the one declaration): a row per
 * metric in catalogue order with its id, label, unit, better direction and definition.
 * catalogue-readme.test.ts checks the README holds exactly this text.
 */
export function readmeMetricTable(metrics: readonly MetricDef[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const better = (m: MetricDef) => (m.higherIsBetter === null ? '—' : m.higherIsBetter ? 'higher' : 'lower');
  return [
    '| metric | label | unit | better | definition |',
    '| --- | --- | --- | --- | --- |',
    ...metrics.map((m) => `| \`${m.id}\` | ${cell(m.label)} | ${cell(m.unit)} | ${better(m)} | ${cell(m.definition)} |`),
  ].join('\n');
}
