import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../model/errors.js';
import { readReportFolder } from '../report/read-report-folder.js';
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

describe('loadScenarios', () => {
  it('refuses two scenarios with the same name, naming both files', () => {
    // A copy next to the original, so its relative files (policy-most.yaml, durations.csv) resolve.
    const copy = join(dirname(scenario), `good-copy-${process.pid}.yaml`);
    copyFileSync(scenario, copy);
    try {
      expect(() => loadScenarios([scenario, copy])).toThrow(new InputError(
        { file: copy, path: 'name' },
        `scenario name "tiny" is also the name of ${scenario}; scenarios of one run need different names (their runs would be merged in the report)`,
      ));
    } finally {
      rmSync(copy);
    }
  });

  it('refuses the same file given twice', () => {
    expect(() => loadScenarios([scenario, scenario])).toThrow(/: name: scenario name "tiny" is also the name of .*good\.yaml \(the same file twice\)/);
  });
});

describe('runSuite interrupted', () => {
  it('Ctrl-C before the first run ends: no report written', async () => {
    const out = join(root, 'none');
    const p = runSuite(loadScenarios([scenario]), {}, out, quiet);
    process.emit('SIGINT');
    const r = await p;
    expect(r).toMatchObject({ interrupted: true, runs: 0, written: false });
    expect(existsSync(out)).toBe(false);
  });

  it('Ctrl-C after 5 of 6 runs: the comparison uses the seeds both policies ran, and `report` accepts the folder', async () => {
    const out = join(root, 'five');
    const tick: Progress = { ...quiet, tick: (done) => { if (done === 5) process.emit('SIGINT'); } };
    const r = await runSuite(loadScenarios([scenario]), {}, out, tick);
    expect(r).toMatchObject({ interrupted: true, runs: 5, planned: 6, written: true });
    const { tables } = readReportFolder(out);
    // no-balance ran seed 1 only; the baseline (default) ran seeds 1 and 2.
    const runs = (policy: string) => tables.runs.filter((x) => x.policy === policy);
    expect(runs('no-balance').map((x) => x.seed)).toEqual([1]);
    const row = tables.summary.find((x) => x.policy === 'no-balance' && x.metric === 'cpu_alloc_mean_pct')!;
    const base = runs('default')[0]!.values['cpu_alloc_mean_pct']!;
    const mine = runs('no-balance')[0]!.values['cpu_alloc_mean_pct']!;
    expect(row.n).toBe(1);
    expect(row.relDiffPct).toBeCloseTo(((mine - base) / Math.abs(base)) * 100, 3);
  });
});
