import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MARKER_FILE } from './output-marker.js';
import { readReportFolder } from './read-report-folder.js';
import { replaceDirAtomic } from './replace-dir-atomic.js';
import { sampleReportData } from './sample-report-data.js';
import { writeReport } from './write-report.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const scenario = fileURLToPath(new URL('../scenario/fixtures/good.yaml', import.meta.url));

let work: string;
beforeEach(() => { work = mkdtempSync(join(tmpdir(), 'schedbench-replace-')); });
afterEach(() => { rmSync(work, { recursive: true, force: true }); });

/** A pid no process has: a child that has exited. */
async function deadPid(): Promise<number> {
  const c = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => c.on('exit', r));
  return c.pid!;
}

/**
 * Runs schedbench (by default `run` into `out`) and SIGKILLs it when the writer reaches
 * `step` (SCHEDBENCH_TEST_PAUSE holds it there), as a crash at the worst moment would.
 */
async function killAt(out: string, step: string, args = ['run', scenario, '--seeds', '1', '--jobs', '1', '--out', out]): Promise<number> {
  const child = spawn(process.execPath, ['src/cli/schedbench.js', ...args], {
    cwd: root, env: { ...process.env, SCHEDBENCH_TEST_PAUSE: `${step}:30000`, CI: '1' },
  });
  let err = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes(`paused at ${step}`)) { child.kill('SIGKILL'); resolve(); }
    });
    child.on('exit', () => reject(new Error(`exited before ${step}: ${err}`)));
  });
  await new Promise((r) => child.on('exit', r));
  return child.pid!;
}

/** The title of the report at `dir`, read as `schedbench report` reads it (all checks on). */
const titleAt = (dir: string) => readReportFolder(dir).info.title;

describe('replaceDirAtomic under SIGKILL', () => {
  // The old report's title is "first"; the killed `run` would have written "schedbench: tiny".
  const steps = [
    { step: 'filled', want: 'the old', title: /^first$/ },
    { step: 'linked', want: 'the old', title: /^first$/ },
    { step: 'swapped', want: 'the new', title: /^schedbench: tiny$/ },
  ];
  for (const c of steps) {
    it(`killed at "${c.step}" while replacing: ${c.want} report, complete, at the path; the next write cleans up`, async () => {
      const dir = join(work, 'r');
      writeReport(dir, { ...sampleReportData(), title: 'first' });
      const pid = await killAt(dir, c.step);
      expect(titleAt(dir)).toMatch(c.title);
      expect(readFileSync(join(dir, 'index.html'), 'utf8')).toMatch(/<\/html>\s*$/);
      writeReport(dir, { ...sampleReportData(), title: 'third' });
      expect(titleAt(dir)).toBe('third');
      const left = readdirSync(dir).filter((f) => f.includes(String(pid)));
      expect(left).toEqual([]);
      expect(readdirSync(dir).filter((f) => f.startsWith('.v'))).toHaveLength(1);
      expect(readdirSync(work)).toEqual(['r']);
    });
  }

  it('killed during a first write: no folder at the path, and the next write removes the leftover', async () => {
    // `run` claims its folder before the cells run (its journal lives there); `merge`
    // writes a new folder in one go, the first write.
    const shard = join(mkdtempSync(join(tmpdir(), 'schedbench-shard-')), 'shard');
    expect(spawnSync(process.execPath, ['src/cli/schedbench.js', 'run', scenario, '--seeds', '1', '--jobs', '1', '--shard', '1/1', '--out', shard], { cwd: root, env: { ...process.env, CI: '1' } }).status).toBe(0);
    const dir = join(work, 'new');
    const pid = await killAt(dir, 'renaming', ['merge', shard, '--out', dir]);
    rmSync(shard, { recursive: true });
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(work)).toEqual([`.new.tmp-${pid}`]);
    writeReport(dir, sampleReportData());
    expect(readdirSync(work)).toEqual(['new']);
  });
});

describe('replaceDirAtomic', () => {
  const fill = (text: string) => (v: string) => writeFileSync(join(v, 'runs.csv'), text);

  it('the path stays a real folder; files are links into the live version', () => {
    const dir = join(work, 'r');
    replaceDirAtomic(dir, 'report', fill('one'));
    expect(lstatSync(dir).isDirectory()).toBe(true);
    expect(readlinkSync(join(dir, 'runs.csv'))).toBe('.current/runs.csv');
    expect(readFileSync(join(dir, MARKER_FILE), 'utf8')).toBe('{"kind":"report","version":1}\n');
    replaceDirAtomic(dir, 'report', fill('two'));
    expect(readFileSync(join(dir, 'runs.csv'), 'utf8')).toBe('two');
  });

  it('keeps files the user added to a report folder', () => {
    const dir = join(work, 'r');
    replaceDirAtomic(dir, 'report', fill('one'));
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    replaceDirAtomic(dir, 'report', fill('two'));
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('writes into an empty folder, and through a link to one', () => {
    mkdirSync(join(work, 'empty'));
    replaceDirAtomic(join(work, 'empty'), 'openb', fill('x'));
    expect(readFileSync(join(work, 'empty', 'runs.csv'), 'utf8')).toBe('x');
    mkdirSync(join(work, 'target'));
    symlinkSync('target', join(work, 'link'));
    replaceDirAtomic(join(work, 'link'), 'openb', fill('y'));
    replaceDirAtomic(join(work, 'link'), 'openb', fill('z'));
    expect(readFileSync(join(work, 'target', 'runs.csv'), 'utf8')).toBe('z');
  });

  it('removes stale temporaries of dead writers, old layouts included, and keeps a live one\'s', async () => {
    const dir = join(work, 'r');
    replaceDirAtomic(dir, 'report', fill('one'));
    const dead = await deadPid();
    mkdirSync(join(dir, `.v7-${dead}`));
    symlinkSync('.v7-1', join(dir, `.current.link-${dead}`));
    mkdirSync(join(dir, `.v8-${process.pid}`));
    mkdirSync(join(work, `.r.tmp-${dead}`));
    writeFileSync(join(work, `.r.tmp-${dead}`, MARKER_FILE), '{"kind":"report","version":1}\n');
    for (const old of [`r.tmp-${dead}`, `r.old-${dead}`]) {
      mkdirSync(join(work, old));
      writeFileSync(join(work, old, 'runs.csv'), 'a,b\n');
    }
    mkdirSync(join(work, `r.old-${dead}-thesis`));
    replaceDirAtomic(dir, 'report', fill('two'));
    expect(readdirSync(work).sort()).toEqual(['r', `r.old-${dead}-thesis`]);
    expect(readdirSync(dir).filter((f) => f.includes(String(dead)))).toEqual([]);
  });

  it('leaves a legacy temporary alone when it holds anything but plain files', async () => {
    const dead = await deadPid();
    const legacy = join(work, `r.old-${dead}`);
    mkdirSync(join(legacy, 'chapters'), { recursive: true });
    writeFileSync(join(legacy, 'runs.csv'), 'a,b\n');
    replaceDirAtomic(join(work, 'r'), 'report', fill('x'));
    expect(existsSync(join(legacy, 'chapters'))).toBe(true);
  });
});
