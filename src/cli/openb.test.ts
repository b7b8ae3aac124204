import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InputError } from '../model/errors.js';
import { ReportError } from '../report/report-error.js';
import { sampleReportData } from '../report/sample-report-data.js';
import { writeReport } from '../report/write-report.js';
import { registerOpenb } from './openb.js';
import { parseSeeds } from './parse-seeds.js';

const fixture = (f: string) => fileURLToPath(new URL(`../experiments/fixtures/${f}`, import.meta.url));

describe('parseSeeds', () => {
  const ok = [
    { text: '42-51', want: [42, 43, 44, 45, 46, 47, 48, 49, 50, 51] },
    { text: '7', want: [7] },
    { text: '1,2, 5', want: [1, 2, 5] },
    { text: '1-3,9', want: [1, 2, 3, 9] },
  ];
  for (const c of ok) it(c.text, () => expect(parseSeeds(c.text)).toEqual(c.want));
  for (const bad of ['', 'a', '5-1', '1-', '-3', '1.5']) {
    it(`rejects ${JSON.stringify(bad)}`, () => expect(() => parseSeeds(bad)).toThrow(/--seeds: expected/));
  }
});

describe('schedbench openb', () => {
  let out = '';
  afterEach(() => {
    vi.restoreAllMocks();
    if (out !== '') rmSync(out, { recursive: true, force: true });
  });
  const run = async (args: string[]) => {
    const program = new Command().exitOverride();
    registerOpenb(program);
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => { printed.push(String(s)); return true; });
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await program.parseAsync(['node', 'schedbench', 'openb', ...args]);
    return printed.join('');
  };

  it('prints the summary table and writes summary.csv, runs.csv and curve.csv', async () => {
    out = mkdtempSync(join(tmpdir(), 'openb-'));
    const printed = await run(['--nodes', fixture('nodes.csv'), '--pods', fixture('pods.csv'), '--policies', 'Random,FGD', '--seeds', '1-2', '--jobs', '1', '--out', out]);
    expect(printed).toMatch(/7 nodes, 26 GPUs, 24 tasks in the pod list/);
    expect(printed).toMatch(/policy\s+seeds\s+GPU alloc % at 100% arrived\s+GPU alloc % at end\s+GPUs unallocated\s+GPU frag rate %/);
    expect(printed).toMatch(/\nFGD\s+2\s+/);
    expect(printed).toMatch(/4 runs on 1 thread\(s\) in \d+\.\d s/);
    expect(readdirSync(out).filter((f) => !f.startsWith('.')).sort()).toEqual(['curve.csv', 'runs.csv', 'summary.csv']);
    expect(readFileSync(join(out, '.schedbench-report'), 'utf8')).toBe('{"kind":"openb","version":1}\n');
    expect(readFileSync(join(out, 'summary.csv'), 'utf8').split('\n').slice(1, 3).map((l) => l.split(',')[0])).toEqual(['Random', 'FGD']);
  });

  const bad = [
    { name: 'a bad tie-break', args: ['--tie-break', 'coin'], err: /--tie-break: expected node-rank or uniform, got "coin"/ },
    { name: 'a bad inflation factor', args: ['--inflate', '-1'], err: /--inflate: expected a positive number up to 10 \(the limit scenario files have too\), got "-1"/ },
    { name: 'a runaway inflation factor', args: ['--inflate', '1e6'], err: /^--inflate: expected a positive number up to 10 \(the limit scenario files have too\), got "1e6"$/ },
    { name: 'an empty --out', args: ['--out', ''], err: /^--out: expected a folder, got ""$/ },
    { name: 'a bad thread count', args: ['--jobs', '0'], err: /--jobs: expected a positive integer/ },
    { name: 'no policy', args: ['--policies', ','], err: /--policies: expected at least one policy/ },
  ];
  for (const b of bad) {
    it(`rejects ${b.name}`, async () => {
      const p = run(['--nodes', fixture('nodes.csv'), '--pods', fixture('pods.csv'), ...b.args]);
      await expect(p).rejects.toBeInstanceOf(InputError);
      await expect(p).rejects.toThrow(b.err);
    });
  }

  describe('--out', () => {
    const args = ['--nodes', fixture('nodes.csv'), '--pods', fixture('pods.csv'), '--policies', 'FGD', '--seeds', '1', '--jobs', '1'];
    const cases: { name: string; setup: (dir: string) => void; want: (dir: string) => string }[] = [
      {
        name: 'a schedbench run report (never overwritten with openb columns)',
        setup: (dir) => writeReport(dir, sampleReportData()),
        want: (dir) => `${dir}: refusing to write a \`schedbench openb\` result here: the folder holds a \`schedbench run\` report; give another folder`,
      },
      {
        name: 'a folder of the user\'s',
        setup: (dir) => { mkdirSync(dir); writeFileSync(join(dir, 'thesis.tex'), 'keep'); },
        want: (dir) => `${dir}: refusing to write here: the folder is not empty and schedbench did not write it (no .schedbench-report); give a new or empty folder, or remove this one yourself`,
      },
    ];
    for (const c of cases) {
      it(`refuses ${c.name} before any run`, async () => {
        out = mkdtempSync(join(tmpdir(), 'openb-out-'));
        const dir = join(out, 'x');
        c.setup(dir);
        const before = readdirSync(dir).sort();
        const p = run([...args, '--out', dir]);
        await expect(p).rejects.toThrow(new ReportError({ file: dir }, c.want(dir).slice(dir.length + 2)));
        expect(vi.mocked(process.stderr.write)).not.toHaveBeenCalled();
        expect(readdirSync(dir).sort()).toEqual(before);
      });
    }

    it('replaces its own earlier result whole', async () => {
      out = mkdtempSync(join(tmpdir(), 'openb-out-'));
      await run([...args, '--out', out]);
      vi.restoreAllMocks();
      await run([...args, '--policies', 'Random', '--out', out]);
      expect(readFileSync(join(out, 'summary.csv'), 'utf8').split('\n')[1]).toMatch(/^Random,/);
      expect(readdirSync(out).filter((f) => f.startsWith('.v'))).toHaveLength(1);
    });
  });
});
