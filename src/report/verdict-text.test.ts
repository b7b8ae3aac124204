import { describe, expect, it } from 'vitest';
import { reportTables } from './report-tables.js';
import { HOSTILE_POLICY, SAMPLE_METRICS, sampleReportData } from './sample-report-data.js';
import { verdictText } from './verdict-text.js';

describe('verdictText', () => {
  it('the page\'s verdict as a terminal table: a row per significant difference, what did not differ, the test and its floor', () => {
    const text = verdictText(reportTables(sampleReportData()), SAMPLE_METRICS);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Verdict for spread & "pack" (against default-kube)');
    expect(lines[1]).toMatch(/^policy +verdict +metric +change +mean +baseline +p$/);
    expect(lines[3]).toBe(`${HOSTILE_POLICY}  better   CPU allocated (time mean) %  +48.0%  61.62  41.62     0.010`);
    expect(lines[4]).toBe(`${HOSTILE_POLICY}: no significant difference in Pods scheduled, Nodes in use (end)`);
    expect(lines[5]).toMatch(/^Paired sign-flip .* With 2 paired seeds the smallest possible p is 0\.500, not below 0\.05/);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('says nothing for a scenario with one policy', () => {
    const t = reportTables(sampleReportData());
    const one = { ...t, runs: t.runs.filter((r) => r.policy === 'default-kube'), summary: t.summary.filter((s) => s.policy === 'default-kube') };
    expect(verdictText(one, SAMPLE_METRICS)).toBe('');
  });
});
