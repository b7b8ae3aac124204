import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReportError } from './report-error.js';
import { SAMPLE_METRICS, sampleOpenbReportData, sampleReportData } from './sample-report-data.js';
import { figureStem, writeFigures } from './write-figures.js';
import { writeReport } from './write-report.js';

/** The names in a folder a user sees (the versioned layout's marker, versions and link are hidden). */
const visible = (d: string) => readdirSync(d).filter((n) => !n.startsWith('.')).sort();

describe('writeFigures', () => {
  const work = mkdtempSync(join(tmpdir(), 'schedbench-figures-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const dir = join(work, 'report');
  writeReport(dir, sampleReportData());
  // The sample page draws 5 charts: metric means, allocation over time, per-node allocation, queueing delay, scaling.
  const want = ['metric-means', 'allocation-over-time', 'per-node-allocation', 'queueing-delay'].map((c) => `spread-pack--${c}`).concat('scaling--pods-per-second');

  it('SVG: one valid file per chart of the page, named by scenario and chart', async () => {
    const paths = await writeFigures(dir, SAMPLE_METRICS, { format: 'svg', out: join(work, 'svg'), scale: 1 });
    expect(paths.map((p) => p.slice(join(work, 'svg').length + 1))).toEqual(want.map((n) => `${n}.svg`));
    expect(visible(join(work, 'svg'))).toEqual(want.map((n) => `${n}.svg`).sort());
    for (const p of paths) {
      const svg = readFileSync(p, 'utf8');
      expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
      expect(svg).toMatch(/<path/);
      expect(svg).toMatch(/<text/);
    }
  });

  it('SVG is byte-identical for the same report', async () => {
    const again = await writeFigures(dir, SAMPLE_METRICS, { format: 'svg', out: join(work, 'svg2'), scale: 1 });
    for (const p of again) expect(readFileSync(p, 'utf8')).toBe(readFileSync(join(work, 'svg', p.slice(join(work, 'svg2').length + 1)), 'utf8'));
  });

  it('PNG: the PNG signature and a size of scale times the SVG\'s', async () => {
    const paths = await writeFigures(dir, SAMPLE_METRICS, { format: 'png', out: join(work, 'png'), scale: 2 });
    expect(paths).toHaveLength(want.length);
    for (const [i, p] of paths.entries()) {
      const png = readFileSync(p);
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const svg = readFileSync(join(work, 'svg', `${want[i]}.svg`), 'utf8');
      const w = Number(/width="(\d+(\.\d+)?)"/.exec(svg)![1]);
      const h = Number(/height="(\d+(\.\d+)?)"/.exec(svg)![1]);
      // IHDR: width and height as big-endian 32-bit integers at bytes 16 and 20.
      expect(png.readUInt32BE(16)).toBe(Math.ceil(w * 2));
      expect(png.readUInt32BE(20)).toBe(Math.ceil(h * 2));
      expect(png.length).toBeGreaterThan(5_000);
    }
  });

  it('the folder holds exactly this report\'s figures: those of an earlier report are gone', async () => {
    const out = join(work, 'swap');
    const openb = join(work, 'openb-report');
    writeReport(openb, sampleOpenbReportData());
    await writeFigures(openb, SAMPLE_METRICS, { format: 'svg', out, scale: 1 });
    expect(visible(out)).toContain('openb--allocation-curve.svg');
    const paths = await writeFigures(dir, SAMPLE_METRICS, { format: 'svg', out, scale: 1 });
    expect(visible(out)).toEqual(want.map((n) => `${n}.svg`).sort());
    expect(existsSync(join(out, 'openb--allocation-curve.svg'))).toBe(false);
    for (const p of paths) expect(readFileSync(p, 'utf8')).toBe(readFileSync(join(work, 'svg', p.slice(out.length + 1)), 'utf8'));
  });

  const refused: { name: string; setup: (out: string) => void; want: (out: string) => string }[] = [
    {
      name: 'a folder with files schedbench did not write',
      setup: (out) => { mkdirSync(out); writeFileSync(join(out, 'thesis.tex'), 'mine'); },
      want: (out) => `${out}: refusing to write here: the folder is not empty and schedbench did not write it (no .schedbench-report); give a new or empty folder, or remove this one yourself`,
    },
    {
      name: 'a report folder',
      setup: (out) => writeReport(out, sampleReportData()),
      want: (out) => `${out}: refusing to write the figures of a report (\`schedbench figures\`) here: the folder holds a \`schedbench run\` report; give another folder`,
    },
  ];
  for (const c of refused) {
    it(`refuses ${c.name}, leaving it as it was`, async () => {
      const out = join(work, c.name.replace(/\W+/g, '-'));
      c.setup(out);
      const before = visible(out);
      const err = await writeFigures(dir, SAMPLE_METRICS, { format: 'svg', out, scale: 1 }).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(ReportError);
      expect((err as ReportError).message).toBe(c.want(out));
      expect(visible(out)).toEqual(before);
    });
  }

  it('file names are safe and distinct', () => {
    expect(figureStem('spread & "pack"', 'metric-means')).toBe('spread-pack--metric-means');
    expect(figureStem('</script>', 'x')).toBe('script--x');
    expect(figureStem('***', 'x')).toBe('chart--x');
  });
});
