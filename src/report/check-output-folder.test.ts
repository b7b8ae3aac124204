import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IS_ROOT, NOBODY, nobodyCanRunProject } from '../testing/other-user.js';
import { checkOutputFolder } from './check-output-folder.js';
import { MARKER_FILE, markerText } from './output-marker.js';
import { ReportError } from './report-error.js';

let work: string;
beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'schedbench-out-')); chmodSync(work, 0o755); });
afterAll(() => { rmSync(work, { recursive: true, force: true }); });

/** Runs `fn` and returns the ReportError's message it throws. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReportError) return e.message;
    throw e;
  }
  throw new Error('did not throw');
}

describe('checkOutputFolder', () => {
  const ok = [
    { name: 'a new folder', setup: () => 'new/deeper', state: 'missing' },
    { name: 'an empty folder', setup: () => { mkdirSync(join(work, 'empty')); return 'empty'; }, state: 'empty' },
    {
      name: 'a report schedbench wrote',
      setup: () => { mkdirSync(join(work, 'rep')); writeFileSync(join(work, 'rep', MARKER_FILE), markerText('report')); writeFileSync(join(work, 'rep', 'runs.csv'), 'x'); return 'rep'; },
      state: 'ours',
    },
  ];
  for (const c of ok) it(`accepts ${c.name}`, () => expect(checkOutputFolder(join(work, c.setup()), 'report').state).toBe(c.state));

  const bad: { name: string; setup: () => string; want: (dir: string) => string }[] = [
    { name: 'an empty path', setup: () => '', want: () => '"": an empty path is not a folder; give the output folder a name' },
    { name: 'the root folder', setup: () => '/', want: () => '/: refusing to write here: the folder is not empty and schedbench did not write it (no .schedbench-report); give a new or empty folder, or remove this one yourself' },
    {
      name: 'a folder under a regular file',
      setup: () => { writeFileSync(join(work, 'file'), 'x'); return join(work, 'file', 'r'); },
      want: (dir) => `${dir}: cannot create the folder: ${join(work, 'file')} is a file, not a folder`,
    },
    { name: 'a regular file', setup: () => join(work, 'file'), want: (dir) => `${dir}: exists and is not a folder; give a new or empty folder` },
    {
      name: 'an openb result folder (runs.csv and all) with an unmarked thesis',
      setup: () => { const d = join(work, 'thesis'); mkdirSync(d); writeFileSync(join(d, 'runs.csv'), 'a,b\n'); writeFileSync(join(d, 'thesis.tex'), 'keep'); return d; },
      want: (dir) => `${dir}: refusing to write here: the folder is not empty and schedbench did not write it (no .schedbench-report); give a new or empty folder, or remove this one yourself`,
    },
    {
      name: 'a folder of the other kind',
      setup: () => { const d = join(work, 'openb'); mkdirSync(d); writeFileSync(join(d, MARKER_FILE), markerText('openb')); return d; },
      want: (dir) => `${dir}: refusing to write a \`schedbench run\` report here: the folder holds a \`schedbench openb\` result; give another folder`,
    },
    {
      name: 'a marker schedbench did not write',
      setup: () => { const d = join(work, 'fake'); mkdirSync(d); writeFileSync(join(d, MARKER_FILE), 'hello'); return d; },
      want: (dir) => `${dir}/${MARKER_FILE}: is not a marker schedbench wrote; give a new or empty folder, or remove this one yourself`,
    },
    {
      name: 'a dangling link',
      setup: () => { symlinkSync('nowhere', join(work, 'dangling')); return join(work, 'dangling'); },
      want: (dir) => `${dir}: cannot resolve the path (ENOENT): give another folder`,
    },
  ];
  for (const c of bad) {
    it(`refuses ${c.name}, naming it`, () => {
      const dir = c.setup();
      expect(refusal(() => checkOutputFolder(dir, 'report'))).toBe(c.want(dir));
    });
  }

  // As root, mode bits do not stop writes, so the check runs in a child as user nobody;
  // not possible (so not run) where nobody cannot enter the project's folder.
  it.runIf(IS_ROOT && nobodyCanRunProject())('refuses read-only folders (checked as user nobody)', () => {
    const ro = join(work, 'ro');
    mkdirSync(ro);
    const mine = join(work, 'ro-report');
    mkdirSync(mine);
    writeFileSync(join(mine, MARKER_FILE), markerText('report'));
    for (const d of [ro, mine]) chmodSync(d, 0o555);
    const dirs = [join(ro, 'r'), ro, mine];
    const code = `import { checkOutputFolder } from ${JSON.stringify(fileURLToPath(new URL('./check-output-folder.ts', import.meta.url)))};
      for (const d of ${JSON.stringify(dirs)}) { try { checkOutputFolder(d, 'report'); console.log('ok'); } catch (e) { console.log(e.message); } }`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)), encoding: 'utf8', ...NOBODY,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual([
      `${join(ro, 'r')}: cannot create the folder in ${ro}: not writable (EACCES); give a folder you can write to`,
      `${ro}: cannot replace the empty folder: its parent ${work}: not writable (EACCES); give a folder you can write to`,
      `${mine}: cannot replace the folder: not writable (EACCES); give a folder you can write to`,
    ]);
  });

  // chmod does not stop root; skipped there (the test above covers it as user nobody).
  it.skipIf(IS_ROOT)('refuses a read-only folder (as this user)', () => {
    const ro = join(work, 'ro-me');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    expect(refusal(() => checkOutputFolder(join(ro, 'r'), 'report'))).toMatch(/cannot create the folder in .*: not writable \(EACCES\)/);
    chmodSync(ro, 0o755);
  });
});
