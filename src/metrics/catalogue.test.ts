import { describe, expect, it } from 'vitest';
import type { MetricId } from './catalogue.js';
import { METRIC_IDS, METRICS } from './catalogue.js';
import { readmeMetricTable } from './readme-metric-table.js';

describe('the metric catalogue: each metric declared once', () => {
  it('ids are snake_case, distinct, and each has a label and a definition', () => {
    expect(new Set(METRIC_IDS).size).toBe(METRICS.length);
    for (const m of METRICS) {
      expect(m.id).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(m.label.length).toBeGreaterThan(0);
      expect(m.definition.length).toBeGreaterThan(10);
    }
  });

  it('a misspelt metric id does not compile (measureRun keys its values by MetricId; tsc checks this line)', () => {
    // @ts-expect-error: "pods_sheduled" is not a catalogue metric id
    const typo: MetricId = 'pods_sheduled';
    const right: MetricId = 'pods_scheduled';
    expect(METRIC_IDS).not.toContain(typo);
    expect(METRIC_IDS).toContain(right);
  });

  it('the README table is generated from it: one row per metric, in order, with label, unit, direction and definition', () => {
    const lines = readmeMetricTable(METRICS).split('\n');
    expect(lines[0]).toBe('| metric | label | unit | better | definition |');
    expect(lines).toHaveLength(2 + METRICS.length);
    expect(lines[2]).toBe(`| \`pods_arrived\` | Pods arrived | pods | — | ${METRICS[0].definition} |`);
    expect(lines[3]!.startsWith('| `pods_scheduled` | Pods scheduled | pods | higher |')).toBe(true);
  });
});
