import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Progress } from './progress.js';
import { loadScenarios, runSuite } from './run-suite.js';

const scenario = fileURLToPath(new URL('../scenario/fixtures/good.yaml', import.meta.url));
const quiet: Progress = { start: () => {}, tick: () => {}, stop: () => {} };
const root = mkdtempSync(join(tmpdir(), 'schedbench-suite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('runSuite end to end', () => {
  it('the same scenario and seeds give byte-identical CSV files (timing aside)', async () => {
    const a = await runSuite(loadScenarios([scenario]), {}, join(root, 'a'), quiet);
    const b = await runSuite(loadScenarios([scenario]), {}, join(root, 'b'), quiet);
    expect(a.runs).toBe(6); // 2 seeds x 3 policies
    for (const f of ['runs.csv', 'summary.csv', 'timeseries.csv', 'node-utilization.csv', 'queue-delay.csv']) {
      expect(readFileSync(join(a.dir, f), 'utf8'), f).toBe(readFileSync(join(b.dir, f), 'utf8'));
    }
    const runs = readFileSync(join(a.dir, 'runs.csv'), 'utf8').trim().split('\n');
    expect(runs[0]).toMatch(/^scenario,policy,seed,pods_arrived,/);
    expect(runs.slice(1).map((r) => r.split(',').slice(0, 3).join(','))).toEqual([
      'tiny,default,1', 'tiny,most-allocated,1', 'tiny,no-balance,1', 'tiny,default,2', 'tiny,most-allocated,2', 'tiny,no-balance,2',
    ]);
  });

  it('another seed gives another workload', async () => {
    const c = await runSuite(loadScenarios([scenario]), { seeds: [3], policy: 'default' }, join(root, 'c'), quiet);
    const a = readFileSync(join(root, 'a', 'timeseries.csv'), 'utf8');
    const other = readFileSync(join(c.dir, 'timeseries.csv'), 'utf8');
    expect(other).not.toBe(a);
    expect(c.runs).toBe(1);
  });
});
