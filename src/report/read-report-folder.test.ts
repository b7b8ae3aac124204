import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReportFolder } from './read-report-folder.js';
import { replaceDirAtomic } from './replace-dir-atomic.js';
import { ReportError } from './report-error.js';
import { sampleReportData } from './sample-report-data.js';
import { writeReport } from './write-report.js';

let work: string;
beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'schedbench-read-report-')); });
afterAll(() => { rmSync(work, { recursive: true, force: true }); });

/** Rewrites one file of a report folder through `edit`. */
const edit = (dir: string, file: string, f: (text: string) => string) => writeFileSync(join(dir, file), f(readFileSync(join(dir, file), 'utf8')));
/** The text without its last `n` lines (cut at a line boundary, as a full disk or a killed cp would). */
const dropLines = (n: number) => (t: string) => `${t.trimEnd().split('\n').slice(0, -n).join('\n')}\n`;

// The sample: scenario `spread & "pack"`, policies default-kube and HOSTILE_POLICY, seeds 1-2,
// runs.csv lines 2-5, summary.csv lines 2-9 (4 metrics per policy).
const S = '"spread & \\"pack\\""';
const H = '"</script><script>alert(1)</script>"';

describe('readReportFolder refuses tables that do not add up', () => {
  const cases: { name: string; setup: (dir: string) => void; want: (dir: string) => string }[] = [
    {
      name: 'runs.csv cut in the middle of the header',
      setup: (dir) => edit(dir, 'runs.csv', (t) => t.slice(0, 30)),
      want: (dir) => `${dir}/runs.csv:1: the last line has no newline: the file looks truncated; write the report again with \`schedbench run\``,
    },
    {
      name: 'runs.csv cut right after the header',
      setup: (dir) => edit(dir, 'runs.csv', dropLines(4)),
      want: (dir) => `${dir}/runs.csv: has no runs, only a header: nothing to report (a truncated file?)`,
    },
    {
      name: 'runs.csv cut at a row boundary (the last run lost)',
      setup: (dir) => edit(dir, 'runs.csv', dropLines(1)),
      want: (dir) => `${dir}/summary.csv:6: scenario ${S}, policy ${H}, metric "pods_scheduled": n is 2 but runs.csv has 1 runs with a value (of 1): the files do not match (a truncated or edited file?)`,
    },
    {
      name: 'runs.csv cut in the last cell',
      setup: (dir) => edit(dir, 'runs.csv', (t) => t.trimEnd().slice(0, -12)),
      want: (dir) => `${dir}/runs.csv:5: the last line has no newline: the file looks truncated; write the report again with \`schedbench run\``,
    },
    {
      name: 'summary.csv cut at a row boundary',
      setup: (dir) => edit(dir, 'summary.csv', dropLines(1)),
      want: (dir) => `${dir}/summary.csv: has no row for scenario ${S}, policy ${H}, metric "gpu_alloc_end_pct", which runs.csv has (line 4): a truncated or edited file?`,
    },
    {
      name: 'summary.csv cut right after the header',
      setup: (dir) => edit(dir, 'summary.csv', dropLines(8)),
      want: (dir) => `${dir}/summary.csv: has no row for scenario ${S}, policy "default-kube", metric "pods_scheduled", which runs.csv has (line 2): a truncated or edited file?`,
    },
    {
      name: 'a run listed twice',
      setup: (dir) => edit(dir, 'runs.csv', (t) => t + t.split('\n')[1] + '\n'),
      want: (dir) => `${dir}/runs.csv:6: scenario ${S}, policy "default-kube", seed 1 is also on line 2: a run appears twice`,
    },
    {
      name: 'a summary row listed twice',
      setup: (dir) => edit(dir, 'summary.csv', (t) => t + t.split('\n')[1] + '\n'),
      want: (dir) => `${dir}/summary.csv:10: scenario ${S}, policy "default-kube", metric "pods_scheduled" has a second row`,
    },
    {
      name: 'a summary of a policy runs.csv does not have',
      setup: (dir) => edit(dir, 'summary.csv', (t) => t.replaceAll(',default-kube,default-kube,', ',bin-pack,default-kube,')),
      want: (dir) => `${dir}/summary.csv:2: scenario ${S}, policy "bin-pack", metric "pods_scheduled": runs.csv has no run of this scenario and policy (a truncated or edited file?)`,
    },
    {
      name: 'an optional table cut mid-line',
      setup: (dir) => edit(dir, 'timeseries.csv', (t) => t.slice(0, -3)),
      want: (dir) => `${dir}/timeseries.csv:29: the last line has no newline: the file looks truncated; write the report again with \`schedbench run\``,
    },
    {
      name: 'an openb result folder',
      setup: (dir) => {
        rmSync(dir, { recursive: true });
        replaceDirAtomic(dir, 'openb', (v) => writeFileSync(join(v, 'runs.csv'), 'policy,seed\nFGD,1\n'));
      },
      want: (dir) => `${dir}: is a \`schedbench openb\` result (summary.csv, runs.csv, curve.csv), not a report: \`schedbench report\` rebuilds the folders \`schedbench run\` writes`,
    },
    {
      name: 'an openb result folder of an older schedbench (no marker)',
      setup: (dir) => {
        rmSync(dir, { recursive: true });
        mkdirSync(dir);
        for (const f of ['summary.csv', 'runs.csv', 'curve.csv']) writeFileSync(join(dir, f), 'policy,seed\n');
      },
      want: (dir) => `${dir}: is a \`schedbench openb\` result (summary.csv, runs.csv, curve.csv), not a report: \`schedbench report\` rebuilds the folders \`schedbench run\` writes`,
    },
    {
      name: 'a runs.csv over the size limit (sparse, never read)',
      setup: (dir) => truncateSync(join(dir, 'runs.csv'), 65 * 1024 * 1024),
      want: (dir) => `${dir}/runs.csv: is 68157440 bytes, over the limit of 64 MiB for a report file`,
    },
    {
      name: 'runs.csv that is a folder',
      setup: (dir) => { rmSync(dir, { recursive: true }); mkdirSync(join(dir, 'runs.csv'), { recursive: true }); },
      want: (dir) => `${dir}/runs.csv: is not a regular file`,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const dir = join(work, c.name.replace(/\W+/g, '-'));
      writeReport(dir, sampleReportData());
      c.setup(dir);
      let msg = 'no error';
      try {
        readReportFolder(dir);
      } catch (e) {
        if (!(e instanceof ReportError)) throw e;
        msg = e.message;
      }
      expect(msg).toBe(c.want(dir));
    });
  }

  it('an intact report reads, with all its runs', () => {
    const dir = join(work, 'intact');
    writeReport(dir, sampleReportData());
    expect(readReportFolder(dir).tables.runs).toHaveLength(4);
  });
});
