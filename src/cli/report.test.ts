import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceDirAtomic } from '../report/replace-dir-atomic.js';
import { sampleReportData } from '../report/sample-report-data.js';
import { writeReport } from '../report/write-report.js';
import { IS_ROOT, NOBODY, nobodyCanRunProject } from '../testing/other-user.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the real `schedbench` entry point, as a user would. */
function schedbench(...args: string[]) {
  return schedbenchAs({}, ...args);
}

/** schedbench with spawn options (uid and gid, to run as another user). */
function schedbenchAs(opts: { uid?: number; gid?: number }, ...args: string[]) {
  const r = spawnSync(process.execPath, ['src/cli/schedbench.js', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, ...opts });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('schedbench report', () => {
  let work: string;
  beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'schedbench-cli-report-')); });
  afterAll(() => { rmSync(work, { recursive: true, force: true }); });

  it('rebuilds index.html from the CSV files, with the catalogue\'s definitions', () => {
    const dir = join(work, 'ok');
    writeReport(dir, sampleReportData());
    unlinkSync(join(dir, 'index.html'));
    const r = schedbench('report', dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^wrote ${dir}/index\\.html \\(\\d+ KiB\\)\\n$`));
    expect(statSync(join(dir, 'index.html')).size).toBeGreaterThan(800_000);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('Workload pods bound at least once');
  });

  const bad: { name: string; setup: (dir: string) => void; want: (dir: string) => string }[] = [
    { name: 'missing folder', setup: () => undefined, want: (dir) => `schedbench: ${dir}: no such folder` },
    { name: 'missing runs.csv', setup: (dir) => unlinkSync(join(dir, 'runs.csv')), want: (dir) => `schedbench: ${dir}/runs.csv: not found (is this a schedbench report folder?)` },
    {
      name: 'malformed number',
      setup: (dir) => writeFileSync(join(dir, 'summary.csv'), readFileSync(join(dir, 'summary.csv'), 'utf8').replace(',91.5,', ',9l.5,')),
      want: (dir) => `schedbench: ${dir}/summary.csv:2: column 6 (mean): "9l.5" is not a number`,
    },
    {
      name: 'broken quoting',
      setup: (dir) => writeFileSync(join(dir, 'timeseries.csv'), 'scenario,policy,seed\n"s,p,1\n'),
      want: (dir) => `schedbench: ${dir}/timeseries.csv:2: malformed CSV: Quote Not Closed: the parsing is finished with an opening quote`,
    },
    {
      name: 'runs.csv cut at a row boundary',
      setup: (dir) => writeFileSync(join(dir, 'runs.csv'), readFileSync(join(dir, 'runs.csv'), 'utf8').split('\n').slice(0, 4).join('\n') + '\n'),
      want: (dir) => `schedbench: ${dir}/summary.csv:6: scenario "spread & \\"pack\\"", policy "</script><script>alert(1)</script>", metric "pods_scheduled": n is 2 but runs.csv has 1 runs with a value (of 1): the files do not match (a truncated or edited file?)`,
    },
    {
      name: 'runs.csv cut mid-header',
      setup: (dir) => writeFileSync(join(dir, 'runs.csv'), 'scenario,policy,seed,pods_sch'),
      want: (dir) => `schedbench: ${dir}/runs.csv:1: the last line has no newline: the file looks truncated; write the report again with \`schedbench run\``,
    },
    {
      name: 'index.html is a folder',
      setup: (dir) => { unlinkSync(join(dir, 'index.html')); mkdirSync(join(dir, 'index.html')); },
      want: (dir) => `schedbench: ${dir}/index.html: is a folder, not the report page; remove or rename it, then run \`schedbench report\` again`,
    },
    {
      name: 'an openb result folder',
      setup: (dir) => {
        rmSync(dir, { recursive: true });
        replaceDirAtomic(dir, 'openb', (v) => writeFileSync(join(v, 'runs.csv'), 'policy,seed\nFGD,1\n'));
      },
      want: (dir) => `schedbench: ${dir}: is a \`schedbench openb\` result (summary.csv, runs.csv, curve.csv), not a report: \`schedbench report\` rebuilds the folders \`schedbench run\` writes`,
    },
  ];
  for (const c of bad) {
    it(`${c.name}: one line on stderr naming file, line and column, exit 2`, () => {
      const dir = join(work, c.name.replace(/\W+/g, '-'));
      if (c.name !== 'missing folder') writeReport(dir, sampleReportData());
      c.setup(dir);
      const r = schedbench('report', dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`${c.want(dir)}\n`);
    });
  }

  // Root writes through mode bits, so the read-only case runs as user nobody when we are
  // root; not possible (so not run) where nobody cannot enter the project's folder.
  it.skipIf(IS_ROOT && !nobodyCanRunProject())('a read-only report folder: one line, exit 2', () => {
    const dir = join(work, 'read-only');
    writeReport(dir, sampleReportData());
    chmodSync(work, 0o755);
    for (const f of [dir, join(dir, '.current', '.')]) chmodSync(f, 0o555);
    const asNobody = IS_ROOT ? NOBODY : {};
    const r = schedbenchAs(asNobody, 'report', dir);
    for (const f of [dir, join(dir, '.current', '.')]) chmodSync(f, 0o755);
    expect(r.stderr).toBe(`schedbench: ${dir}: cannot write index.html: the folder is not writable (EACCES)\n`);
    expect(r.code).toBe(2);
  });

  it('--help tells what it does and the argument', () => {
    const r = schedbench('report', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: schedbench report \[options\] <dir>/);
    expect(r.stdout).toMatch(/rebuild index\.html/);
  });
});
