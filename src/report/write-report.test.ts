import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rebuildHtml } from './rebuild-html.js';
import { replaceDirAtomic } from './replace-dir-atomic.js';
import { ReportError } from './report-error.js';
import { HOSTILE_POLICY, SAMPLE_METRICS, sampleReportData } from './sample-report-data.js';
import { writeReport } from './write-report.js';

let work: string;
beforeEach(() => { work = mkdtempSync(join(tmpdir(), 'schedbench-write-report-')); });
afterEach(() => { rmSync(work, { recursive: true, force: true }); });

/** The files a user sees (dot entries are the folder's versioning, see folder-layout.ts). */
const visible = (dir: string) => readdirSync(dir).filter((f) => !f.startsWith('.')).sort();
const read = (dir: string) => Object.fromEntries(visible(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('writeReport', () => {
  it('writes every file of the report, and only those', () => {
    const r = writeReport(join(work, 'r'), sampleReportData(), { extraFiles: { 'scenario.yaml': 'name: sample\n' } });
    expect(visible(join(work, 'r'))).toEqual([
      'bench.csv', 'index.html', 'node-utilization.csv', 'placements.csv', 'policies.csv', 'queue-delay.csv', 'report.json',
      'runs.csv', 'scenario.yaml', 'scenarios.csv', 'summary.csv', 'timeseries.csv', 'timing.csv',
    ]);
    expect(readdirSync(work)).toEqual(['r']);
    // About 830 KB of inlined bundles, plus a few KB of page and chart data.
    expect(r.htmlBytes).toBeGreaterThan(800_000);
    expect(r.htmlBytes).toBeLessThan(1_000_000);
  });

  it('same data, same bytes in every file', () => {
    writeReport(join(work, 'a'), sampleReportData());
    writeReport(join(work, 'b'), sampleReportData());
    expect(read(join(work, 'a'))).toEqual(read(join(work, 'b')));
  });

  it('rebuildHtml draws the same page from the files', () => {
    const dir = join(work, 'r');
    writeReport(dir, sampleReportData());
    const before = readFileSync(join(dir, 'index.html'), 'utf8');
    unlinkSync(join(dir, 'index.html'));
    const r = rebuildHtml(dir, SAMPLE_METRICS);
    expect(r.path).toBe(join(dir, 'index.html'));
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('the page never holds a hostile name raw', () => {
    const dir = join(work, 'r');
    writeReport(dir, sampleReportData());
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).not.toContain(HOSTILE_POLICY);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('replaces an earlier report in place, leaving no temporary folders', () => {
    const dir = join(work, 'r');
    writeReport(dir, { ...sampleReportData(), title: 'first' });
    writeReport(dir, { ...sampleReportData(), title: 'second', bench: undefined });
    expect(readdirSync(work)).toEqual(['r']);
    expect(existsSync(join(dir, 'bench.csv'))).toBe(false);
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toContain('"second"');
  });

  it('refuses to replace a folder that is not a report, and leaves it alone', () => {
    const dir = join(work, 'mine');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    expect(() => writeReport(dir, sampleReportData())).toThrow(new ReportError({ file: dir }, 'refusing to write here: the folder is not empty and schedbench did not write it (no .schedbench-report); give a new or empty folder, or remove this one yourself'));
    expect(readdirSync(dir)).toEqual(['notes.txt']);
    expect(readdirSync(work)).toEqual(['mine']);
  });
});

describe('replaceDirAtomic', () => {
  it('a failure while filling leaves the old folder untouched and no temporary folder', () => {
    const dir = join(work, 'r');
    replaceDirAtomic(dir, 'report', (v) => writeFileSync(join(v, 'runs.csv'), 'old'));
    const before = readdirSync(dir).sort();
    expect(() => replaceDirAtomic(dir, 'report', (tmp) => {
      writeFileSync(join(tmp, 'runs.csv'), 'half');
      throw new Error('disk full');
    })).toThrow('disk full');
    expect(readdirSync(work)).toEqual(['r']);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(readFileSync(join(dir, 'runs.csv'), 'utf8')).toBe('old');
  });

  it('a failed first write leaves nothing behind', () => {
    expect(() => replaceDirAtomic(join(work, 'r'), 'report', () => { throw new Error('disk full'); })).toThrow('disk full');
    expect(readdirSync(work)).toEqual([]);
  });

  it('creates missing parent folders', () => {
    const dir = join(work, 'a', 'b', 'r');
    replaceDirAtomic(dir, 'report', (tmp) => writeFileSync(join(tmp, 'runs.csv'), 'x'));
    expect(readFileSync(join(dir, 'runs.csv'), 'utf8')).toBe('x');
  });
});

describe('rebuildHtml errors', () => {
  it('names a missing folder, a missing runs.csv and a malformed cell', () => {
    expect(() => rebuildHtml(join(work, 'nope'), SAMPLE_METRICS)).toThrow(`${join(work, 'nope')}: no such folder`);
    const dir = join(work, 'r');
    writeReport(dir, sampleReportData());
    const runs = readFileSync(join(dir, 'runs.csv'), 'utf8');
    writeFileSync(join(dir, 'runs.csv'), runs.replace(',92,', ',ninety-two,'));
    expect(() => rebuildHtml(dir, SAMPLE_METRICS)).toThrow(`${dir}/runs.csv:3: column 4 (pods_scheduled): "ninety-two" is not a number`);
    unlinkSync(join(dir, 'runs.csv'));
    expect(() => rebuildHtml(dir, SAMPLE_METRICS)).toThrow(`${dir}/runs.csv: not found`);
  });

  it('without report.json the title comes from the folder name', () => {
    const dir = join(work, 'my-run');
    writeReport(dir, sampleReportData());
    unlinkSync(join(dir, 'report.json'));
    rebuildHtml(dir, SAMPLE_METRICS);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('<title>schedbench report: my-run</title>');
  });
});
