import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METRICS } from './catalogue.js';
import { readmeMetricTable } from './readme-metric-table.js';

/**
 * The README's metrics table is the catalogue written out by readmeMetricTable: the same
 * ids, labels, units, better directions and definitions, in the same order, so the two
 * cannot drift apart (a metric is declared once, in catalogue.ts).
 */
describe('README metrics table', () => {
  it('is readmeMetricTable(METRICS), exactly', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Metrics'));
    const start = section.indexOf('| metric |');
    const table = section.slice(start, section.indexOf('\n\n', start));
    expect(table).toBe(readmeMetricTable(METRICS));
  });
});
