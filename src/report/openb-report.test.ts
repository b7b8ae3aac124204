import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReportFolder } from './read-report-folder.js';
import { rebuildHtml } from './rebuild-html.js';
import { ReportError } from './report-error.js';
import { reportTables } from './report-tables.js';
import { HOSTILE_POLICY, SAMPLE_METRICS, sampleOpenbReportData, sampleReportData } from './sample-report-data.js';
import { writeReport } from './write-report.js';

let work: string;
beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'schedbench-openb-report-')); });
afterAll(() => { rmSync(work, { recursive: true, force: true }); });

let n = 0;
/** A fresh openb report folder written from the sample. */
const written = () => {
  const dir = join(work, `r${++n}`);
  writeReport(dir, sampleOpenbReportData());
  return dir;
};
const text = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');
const edit = (dir: string, f: string, g: (t: string) => string) => writeFileSync(join(dir, f), g(text(dir, f)));
const H = JSON.stringify(HOSTILE_POLICY);
const errorOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof ReportError) return e.message;
    throw e;
  }
  return 'no error';
};

describe('an openb report', () => {
  it('has the openb tables beside the report\'s own files, and the marker kind openb', () => {
    const dir = written();
    expect(readdirSync(dir).filter((f) => !f.startsWith('.')).sort()).toEqual([
      'bench.csv', 'index.html', 'node-utilization.csv', 'openb-curve.csv', 'openb-runs.csv', 'openb-summary.csv',
      'placements.csv', 'policies.csv', 'queue-delay.csv', 'report.json', 'runs.csv', 'scenarios.csv', 'summary.csv', 'timeseries.csv', 'timing.csv',
    ]);
    expect(text(dir, '.schedbench-report')).toBe('{"kind":"openb","version":1}\n');
  });

  it('writes the tables\' columns, numbers in the report\'s CSV format, empty where absent', () => {
    const dir = written();
    expect(text(dir, 'openb-runs.csv').split('\n').slice(0, 3)).toEqual([
      'policy,seed,tasks,scheduled,unscheduled,arrived_gpu_end_pct,gpu_alloc_at_100_pct,gpu_alloc_end_pct,gpus_unallocated_end,gpu_frag_rate_end_pct',
      'default-kube,1,1001,1000,1,130.5,94.3833,94.3833,6,3.39286',
      'default-kube,2,1002,1000,2,90.5,,88.8667,12,3.53571',
    ]);
    // Summary: at 100% over seed 1 only (seed 2 never got there); none for the hostile policy.
    expect(text(dir, 'openb-summary.csv')).toBe([
      'policy,seeds,gpu_alloc_at_100_pct,gpu_alloc_end_pct,gpus_unallocated_end,gpu_frag_rate_end_pct',
      'default-kube,2,94.3833,91.625,9,3.46429',
      `${HOSTILE_POLICY},2,,81.775,18.5,4.46429`,
      '',
    ].join('\n'));
    const curve = text(dir, 'openb-curve.csv').split('\n');
    expect(curve[0]).toBe('policy,arrived_pct,seeds,gpu_alloc_pct');
    // 130 percents for default-kube (2 seeds up to 90, then 1), 95 for the hostile policy.
    expect(curve.filter((l) => l.startsWith('default-kube,'))).toHaveLength(130);
    expect(curve.slice(90, 92)).toEqual(['default-kube,90,2,89.15', 'default-kube,91,1,90.4233']);
    expect(curve.length).toBe(1 + 130 + 95 + 1);
  });

  it('reads back: readReportFolder gives the openb tables as written', () => {
    const dir = written();
    const folder = readReportFolder(dir);
    const want = reportTables(sampleOpenbReportData()).openb!;
    const got = folder.tables.openb!;
    expect(folder.files).toEqual(expect.arrayContaining(['openb-runs.csv', 'openb-summary.csv', 'openb-curve.csv']));
    expect(got.runs.map((r) => [r.policy, r.seed, r.tasks, r.scheduled, r.unscheduled])).toEqual(want.runs.map((r) => [r.policy, r.seed, r.tasks, r.scheduled, r.unscheduled]));
    expect(got.summary.map((s) => [s.policy, s.seeds])).toEqual([['default-kube', 2], [HOSTILE_POLICY, 2]]);
    expect(got.summary[1]!.gpuAllocAt100Pct).toBeNaN();
    expect(got.curve).toHaveLength(want.curve.length);
    got.curve.forEach((c, i) => {
      const w = want.curve[i]!;
      expect([c.policy, c.arrivedPct, c.seeds]).toEqual([w.policy, w.arrivedPct, w.seeds]);
      expect(c.gpuAllocPct).toBeCloseTo(w.gpuAllocPct, 3);
    });
  });

  it('draws the experiment first; rebuildHtml draws the same page from the files', () => {
    const dir = written();
    const before = text(dir, 'index.html');
    expect(before).toContain('<h2>GPU allocation experiment (openb)</h2>');
    expect(before.indexOf('<section id="openb">')).toBeLessThan(before.indexOf('<section id="scenario-1"'));
    expect(before).toContain('<table class="openb">');
    expect(before).toContain('data-chart="openb allocation curve"');
    expect(before).toContain('<a href="openb-curve.csv">openb-curve.csv</a>');
    expect(before).not.toContain(HOSTILE_POLICY);
    unlinkSync(join(dir, 'index.html'));
    rebuildHtml(dir, SAMPLE_METRICS);
    expect(text(dir, 'index.html')).toBe(before);
  });

  it('a report without openb data has no openb files and no openb section', () => {
    const dir = join(work, 'plain');
    writeReport(dir, sampleReportData());
    expect(readdirSync(dir).filter((f) => f.startsWith('openb'))).toEqual([]);
    expect(text(dir, 'index.html')).not.toContain('id="openb"');
    expect(readReportFolder(dir).tables.openb).toBeNull();
  });

  it('an openb report and a run report never replace each other', () => {
    const dir = written();
    expect(errorOf(() => writeReport(dir, sampleReportData()))).toBe(`${dir}: refusing to write a \`schedbench run\` report here: the folder holds a \`schedbench openb\` result; give another folder`);
    writeReport(dir, { ...sampleOpenbReportData(), title: 'again' });
    expect(text(dir, 'report.json')).toContain('"again"');
  });

  it('writeReport refuses openb runs that are not the report\'s runs, writing nothing', () => {
    const data = sampleOpenbReportData();
    const dir = join(work, 'mismatch');
    const runs = data.openb!.runs.slice(0, 3);
    expect(errorOf(() => writeReport(dir, { ...data, openb: { runs } }))).toBe(`${dir}/openb-runs.csv: has no row for policy ${H}, seed 2, which runs.csv has (line 5): a truncated or edited file?`);
    expect(existsSync(dir)).toBe(false);
  });
});

describe('readReportFolder refuses openb tables that do not add up', () => {
  const cases: { name: string; setup: (dir: string) => void; want: (dir: string) => string }[] = [
    {
      name: 'openb-runs.csv cut at a row boundary',
      setup: (dir) => edit(dir, 'openb-runs.csv', (t) => `${t.trimEnd().split('\n').slice(0, -1).join('\n')}\n`),
      want: (dir) => `${dir}/openb-runs.csv: has no row for policy ${H}, seed 2, which runs.csv has (line 5): a truncated or edited file?`,
    },
    {
      name: 'openb-runs.csv with a run that runs.csv does not have',
      setup: (dir) => edit(dir, 'openb-runs.csv', (t) => t.replace('default-kube,2,', 'default-kube,7,')),
      want: (dir) => `${dir}/openb-runs.csv:3: policy "default-kube", seed 7: runs.csv has no such run: the files do not match (a truncated or edited file?)`,
    },
    {
      name: 'openb-runs.csv with a run twice',
      setup: (dir) => edit(dir, 'openb-runs.csv', (t) => t + t.split('\n')[1] + '\n'),
      want: (dir) => `${dir}/openb-runs.csv:6: policy "default-kube", seed 1 is also on line 2: a run appears twice`,
    },
    {
      name: 'openb-summary.csv whose seeds count is not the runs\'',
      setup: (dir) => edit(dir, 'openb-summary.csv', (t) => t.replace('default-kube,2,', 'default-kube,3,')),
      want: (dir) => `${dir}/openb-summary.csv:2: policy "default-kube": seeds is 3 but openb-runs.csv has 2 runs of this policy: the files do not match (a truncated or edited file?)`,
    },
    {
      name: 'openb-summary.csv missing a policy',
      setup: (dir) => edit(dir, 'openb-summary.csv', (t) => `${t.trimEnd().split('\n').slice(0, -1).join('\n')}\n`),
      want: (dir) => `${dir}/openb-summary.csv: has no row for policy ${H}, which openb-runs.csv has: a truncated or edited file?`,
    },
    {
      name: 'openb-curve.csv with a point twice',
      setup: (dir) => edit(dir, 'openb-curve.csv', (t) => t + t.split('\n')[1] + '\n'),
      want: (dir) => `${dir}/openb-curve.csv:227: policy "default-kube", arrived_pct 1 is also on line 2: a point appears twice`,
    },
    {
      name: 'openb-curve.csv with more seeds than runs',
      setup: (dir) => edit(dir, 'openb-curve.csv', (t) => t.replace('default-kube,1,2,', 'default-kube,1,5,')),
      want: (dir) => `${dir}/openb-curve.csv:2: policy "default-kube", arrived_pct 1: seeds is 5, expected 1 to 2 (the runs of this policy in openb-runs.csv)`,
    },
    {
      name: 'openb-curve.csv missing',
      setup: (dir) => unlinkSync(join(dir, 'openb-curve.csv')),
      want: (dir) => `${dir}/openb-curve.csv: not found, though openb-summary.csv is there: an openb report has openb-summary.csv, openb-runs.csv and openb-curve.csv`,
    },
    {
      name: 'openb-summary.csv with a bad cell',
      setup: (dir) => edit(dir, 'openb-summary.csv', (t) => t.replace(',91.625,', ',lots,')),
      want: (dir) => `${dir}/openb-summary.csv:2: column 4 (gpu_alloc_end_pct): "lots" is not a number`,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const dir = written();
      c.setup(dir);
      expect(errorOf(() => readReportFolder(dir))).toBe(c.want(dir));
    });
  }
});
