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

const fixture = (f: string) => fileURLToPath(new URL(`../run/fixtures/openb/${f}`, import.meta.url));

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

  const lists = ['--nodes', fixture('nodes.csv'), '--pods', fixture('pods.csv')];
  const summaryPolicies = (dir: string) => readFileSync(join(dir, 'openb-summary.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);

  it('writes a report folder with the experiment\'s tables and prints the page to open', async () => {
    out = mkdtempSync(join(tmpdir(), 'openb-'));
    const printed = await run([...lists, '--policies', 'Random,FGD', '--seeds', '1-2', '--jobs', '1', '--out', out]);
    // The summary table (means over seeds, two decimals) first.
    const lines = printed.split('\n');
    expect(lines[0]).toMatch(/^policy +seeds +GPU alloc % at 100% arrived +GPU alloc % at end +GPUs unallocated +GPU frag rate %$/);
    expect(lines.slice(2, 4).map((l) => l.split(/ +/)[0])).toEqual(['Random', 'FGD']);
    expect(lines[3]).toMatch(/^FGD +2 +(\d+\.\d\d)? +\d+\.\d\d +\d+\.\d\d +\d+\.\d\d$/);
    // Then the policies' verdict against the baseline (Random), then the page's path.
    expect(lines[4]).toMatch(/^Verdict for openb /);
    expect(lines.slice(-2)).toEqual([join(out, 'index.html'), '']);
    expect(readdirSync(out)).toEqual(expect.arrayContaining([
      'index.html', 'runs.csv', 'summary.csv', 'openb-summary.csv', 'openb-runs.csv', 'openb-curve.csv', 'plan.json', 'cells.jsonl',
    ]));
    expect(readFileSync(join(out, '.schedbench-report'), 'utf8')).toMatch(/^\{"kind":"openb"/);
    expect(summaryPolicies(out)).toEqual(['Random', 'FGD']);
    expect(readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + 4);
  });

  it('runs kube\'s default profile and every profile of a KubeSchedulerConfiguration file beside a heuristic', async () => {
    out = mkdtempSync(join(tmpdir(), 'openb-'));
    const config = join(out, 'packing.yaml');
    writeFileSync(config, [
      'apiVersion: kubescheduler.config.k8s.io/v1',
      'kind: KubeSchedulerConfiguration',
      'profiles:',
      '  - schedulerName: kube-packing',
      '    plugins:',
      '      filter: { enabled: [{ name: GpuModel }, { name: GpuFit }] }',
      '      score: { disabled: [{ name: "*" }], enabled: [{ name: GpuPacking, weight: 1 }] }',
      '  - schedulerName: kube-fgd',
      '    plugins:',
      '      filter: { enabled: [{ name: GpuModel }, { name: GpuFit }] }',
      '      score: { disabled: [{ name: "*" }], enabled: [{ name: FGD, weight: 1 }] }',
      '',
    ].join('\n'));
    const report = join(out, 'report');
    await run([...lists, '--policies', `default,GpuPacking,${config}`, '--seeds', '1-2', '--jobs', '1', '--out', report]);
    // Every profile of the file, as a scenario's policies entry takes them.
    expect(summaryPolicies(report)).toEqual(['default', 'GpuPacking', 'kube-packing', 'kube-fgd']);
    // The file's profile is GpuPacking alone behind the GPU filters: the same runs as the heuristic.
    const rows = readFileSync(join(report, 'openb-runs.csv'), 'utf8').trim().split('\n').slice(1);
    const of = (policy: string) => rows.filter((r) => r.startsWith(`${policy},`)).map((r) => r.slice(policy.length));
    expect(of('kube-packing')).toHaveLength(2);
    expect(of('kube-packing')).toEqual(of('GpuPacking'));
    expect(of('default')).not.toEqual(of('GpuPacking'));
  });

  const bad = [
    { name: 'a bad tie-break', args: ['--tie-break', 'coin'], err: /--tie-break: expected node-rank or uniform, got "coin"/ },
    { name: 'an inflation factor that is no number', args: ['--inflate', 'lots'], err: /^--inflate: expected a number, got "lots"$/ },
    { name: 'a negative inflation factor', args: ['--inflate', '-1'], err: /^--inflate: expected a positive number up to 10 \(the limit scenario files have too\), got -1$/ },
    { name: 'a runaway inflation factor', args: ['--inflate', '1e6'], err: /^--inflate: expected a positive number up to 10 \(the limit scenario files have too\), got 1000000$/ },
    { name: 'an empty --out', args: ['--out', ''], err: /^--out: expected a folder, got ""$/ },
    { name: 'a bad thread count', args: ['--jobs', '0'], err: /^--jobs: expected a whole number of threads from 1 to 1024, got "0"$/ },
    { name: 'no policy', args: ['--policies', ','], err: /^--policies: expected at least one policy$/ },
    { name: 'an unknown policy', args: ['--policies', 'FGD,Tetris'], err: /^--policies: unknown policy "Tetris" \(known: Random, FirstFit, .*, FGD, default, or a policy file ending in \.yaml, \.yml or \.json\)$/ },
    { name: 'a missing pod list', args: ['--pods', fixture('nope.csv')], err: /nope\.csv: --pods: no such file$/ },
    { name: 'a cluster without GPUs', args: ['--nodes', fixture('nodes-cpu-only.csv')], err: /nodes-cpu-only\.csv: the node list has no GPU/ },
  ];
  for (const b of bad) {
    it(`rejects ${b.name} before any run`, async () => {
      out = mkdtempSync(join(tmpdir(), 'openb-bad-'));
      const p = run([...lists, '--seeds', '1', '--jobs', '1', '--out', join(out, 'x'), ...b.args]);
      await expect(p).rejects.toBeInstanceOf(InputError);
      await expect(p).rejects.toThrow(b.err);
      expect(vi.mocked(process.stderr.write)).not.toHaveBeenCalled();
      expect(readdirSync(out)).toEqual([]);
    });
  }

  describe('--out', () => {
    const args = [...lists, '--policies', 'FGD', '--seeds', '1', '--jobs', '1'];
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
      expect(summaryPolicies(out)).toEqual(['FGD']);
      await run([...args, '--policies', 'Random', '--out', out]);
      expect(summaryPolicies(out)).toEqual(['Random']);
      expect(readFileSync(join(out, 'openb-runs.csv'), 'utf8')).not.toMatch(/\nFGD,/);
      expect(readFileSync(join(out, 'cells.jsonl'), 'utf8')).not.toContain('openb/FGD/1');
      expect(readdirSync(out).filter((f) => f.startsWith('.v'))).toHaveLength(1);
    });
  });
});
