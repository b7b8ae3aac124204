import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { deterministicReportFiles } from '../testing/deterministic-report-files.js';

const bin = fileURLToPath(new URL('./schedbench.js', import.meta.url));
const scenario = fileURLToPath(new URL('../scenario/fixtures/good.yaml', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'schedbench-sweep-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const env = (extra: Record<string, string> = {}) => {
  const e: NodeJS.ProcessEnv = { ...process.env, CI: '1', ...extra };
  for (const k of ['JOB_COMPLETION_INDEX', 'SLURM_ARRAY_TASK_ID', 'SLURM_ARRAY_TASK_COUNT', 'SCHEDBENCH_SHARDS']) if (!(k in extra)) delete e[k];
  return e;
};
const schedbench = (args: string[], extra: Record<string, string> = {}) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: env(extra) });
/** Starts schedbench and resolves when it exits, with its stderr. */
const start = (args: string[], extra: Record<string, string> = {}) => {
  const child = spawn(process.execPath, [bin, ...args], { env: env(extra) });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += String(d); });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
  return { child, done, stderr: () => stderr };
};

describe('the Kubernetes Indexed Job contract, on this machine', () => {
  it('3 processes with JOB_COMPLETION_INDEX 0..2 and SCHEDBENCH_SHARDS=3, then merge: the same report as one run', async () => {
    const single = schedbench(['run', scenario, '--seeds', '1-3', '--jobs', '1', '--out', join(root, 'single')]);
    expect(single.status, single.stderr).toBe(0);
    const shards = [0, 1, 2].map((i) => start(['run', scenario, '--seeds', '1-3', '--shard', 'auto', '--jobs', '1', '--out', join(root, `shard-${i}`)], { JOB_COMPLETION_INDEX: String(i), SCHEDBENCH_SHARDS: '3' }));
    for (const [i, s] of shards.entries()) {
      const r = await s.done;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(new RegExp(`^run shard ${i + 1}/3: 3 cells on 1 thread\\n`));
    }
    const merged = schedbench(['merge', ...[0, 1, 2].map((i) => join(root, `shard-${i}`)), '--out', join(root, 'merged')]);
    expect(merged.status, merged.stderr).toBe(0);
    expect(merged.stdout).toBe(`${join(root, 'merged', 'index.html')}\n`);
    expect(deterministicReportFiles(join(root, 'merged'))).toEqual(deterministicReportFiles(join(root, 'single')));
  }, 120_000);

  it('merge without one shard names it and writes nothing', () => {
    const r = schedbench(['merge', join(root, 'shard-0'), join(root, 'shard-2'), '--out', join(root, 'partial')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^schedbench: merge: 3 of 9 cells are in none of the folders, e\.g\. .*; shard 2\/3 is missing or unfinished; run \(or --resume\) those shards and merge again\n$/);
    expect(existsSync(join(root, 'partial'))).toBe(false);
  });

  it('--shard auto without the variables says which to set', () => {
    const r = schedbench(['run', scenario, '--shard', 'auto', '--out', join(root, 'x')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('schedbench: --shard auto: neither JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID (Slurm job array) is set; give --shard K/N\n');
  });
});

describe('--resume after a kill', () => {
  it('a run SIGKILLed after 3 cells resumes from its journal and ends with the same report as an uninterrupted run', async () => {
    const out = join(root, 'killed');
    const run = start(['run', scenario, '--seeds', '1-3', '--jobs', '1', '--out', out]);
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (/3\/9 cells/.test(run.stderr())) { clearInterval(t); run.child.kill('SIGKILL'); resolve(); }
      }, 5);
    });
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(join(out, 'runs.csv'))).toBe(false);
    const again = schedbench(['run', scenario, '--seeds', '1-3', '--jobs', '2', '--resume', '--out', out]);
    expect(again.status, again.stderr).toBe(0);
    const resumed = Number(/, (\d) already done \(resumed\)/.exec(again.stderr)?.[1]);
    expect(resumed).toBeGreaterThanOrEqual(3);
    expect(again.stderr.match(/ done in /g)).toHaveLength(9 - resumed);
    expect(deterministicReportFiles(out)).toEqual(deterministicReportFiles(join(root, 'single')));
  }, 120_000);
});
