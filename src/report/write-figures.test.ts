import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_METRICS, sampleReportData } from './sample-report-data.js';
import { figureStem, writeFigures } from './write-figures.js';
import { writeReport } from './write-report.js';

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
    expect(readdirSync(join(work, 'svg')).sort()).toEqual(want.map((n) => `${n}.svg`).sort());
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

  it('file names are safe and distinct', () => {
    expect(figureStem('spread & "pack"', 'metric-means')).toBe('spread-pack--metric-means');
    expect(figureStem('</script>', 'x')).toBe('script--x');
    expect(figureStem('***', 'x')).toBe('chart--x');
  });
});
