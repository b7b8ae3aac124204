import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { InputError } from '../model/errors.js';
import { deterministicReportFiles } from '../testing/deterministic-report-files.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readReportFolder } from '../report/read-report-folder.js';
import type { Cell, SweepWatcher } from './index.js';
import { buildScenarioPlan, loadScenarios, mergeShards, runSweep, writePlanReport } from './index.js';
import { JOURNAL_FILE } from './cells-file.js';
import type { CellOutcome } from './run-cell.js';
import { CellRunner } from './run-cell.js';

const scenario = fileURLToPath(new URL('../scenario/fixtures/good.yaml', import.meta.url));
const quiet: SweepWatcher = { start: () => {}, cellStart: () => {}, cellDone: () => {}, stop: () => {} };
const root = mkdtempSync(join(tmpdir(), 'schedbench-sweep-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const loaded = await loadScenarios([scenario], () => {});
const plan = (seeds = [1, 2, 3]) => buildScenarioPlan(loaded, { seeds });

describe('one plan, however it runs', () => {
  it('1 process, --jobs 2 and 3 shards merged give byte-identical reports (3 policies x 3 seeds)', async () => {
    const p = plan();
    expect(p.cells.map((c) => c.id)).toEqual([1, 2, 3].flatMap((s) => ['default', 'most-allocated', 'no-balance'].map((q) => `tiny/${q}/${s}`)));
    const one = await runSweep(p, { out: join(root, 'one'), jobs: 1, shard: null, resume: false }, quiet);
    const two = await runSweep(plan(), { out: join(root, 'two'), jobs: 2, shard: null, resume: false }, quiet);
    const shards = [];
    for (let k = 1; k <= 3; k++) {
      const r = await runSweep(plan(), { out: join(root, `shard-${k}`), jobs: 1, shard: { k, n: 3 }, resume: false }, quiet);
      expect(r).toMatchObject({ planned: 3, done: 3, written: true });
      shards.push(r.dir);
    }
    const merged = mergeShards(shards);
    writePlanReport(join(root, 'merged'), merged.plan, merged.results);
    expect(one).toMatchObject({ planned: 9, done: 9, resumed: 0, interrupted: false, written: true });
    const want = deterministicReportFiles(one.dir);
    expect([...want.keys()]).toEqual(expect.arrayContaining(['runs.csv', 'summary.csv', 'index.html', 'cells.jsonl', 'plan.json']));
    expect(deterministicReportFiles(two.dir)).toEqual(want);
    expect(deterministicReportFiles(join(root, 'merged'))).toEqual(want);
    expect(existsSync(join(one.dir, JOURNAL_FILE))).toBe(false);
  });
});

describe('merge refuses what is not one whole plan', () => {
  it('a shard of another plan, a missing shard, a shard given twice', async () => {
    const dirs: string[] = [];
    for (let k = 1; k <= 2; k++) dirs.push((await runSweep(plan([1, 2]), { out: join(root, `m-${k}`), jobs: 1, shard: { k, n: 2 }, resume: false }, quiet)).dir);
    const other = (await runSweep(plan([5]), { out: join(root, 'm-other'), jobs: 1, shard: { k: 1, n: 2 }, resume: false }, quiet)).dir;
    expect(() => mergeShards([dirs[0]!, other])).toThrow(/m-other: is a shard of another plan \(\w{12}\) than .*m-1 \(\w{12}\)/);
    expect(() => mergeShards([dirs[0]!])).toThrow(/merge: 3 of 6 cells are in none of the folders, e\.g\. tiny\/most-allocated\/1, tiny\/default\/2, tiny\/no-balance\/2; shard 2\/2 is missing or unfinished/);
    expect(() => mergeShards([dirs[0]!, dirs[1]!, dirs[0]!])).toThrow(/m-1: cell tiny\/default\/1 is also in .*m-1 \(twice in one folder\)/);
    expect(() => mergeShards([join(root, 'nowhere')])).toThrow(/nowhere\/plan\.json: missing/);
    const m = mergeShards(dirs);
    expect(m.results.size).toBe(6);
  });

  it('a cells file edited by hand: its line and field, before anything is written', async () => {
    const dir = (await runSweep(plan([1]), { out: join(root, 'edited'), jobs: 1, shard: { k: 1, n: 1 }, resume: false }, quiet)).dir;
    const file = join(dir, 'cells.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    const edits: [string, (l: string) => string, RegExp][] = [
      ['a value that is not a number', (l) => l.replace(/"pods_arrived":\d+/, '"pods_arrived":"many"'), /cells\.jsonl:3: run\.values\.pods_arrived: not a cell result: expected a number, got "many"/],
      ['a key that is not its id', (l) => l.replace('"seed":1', '"seed":9'), /cells\.jsonl:3: id: "tiny\/most-allocated\/1" is not the id of the run it holds \(tiny\/most-allocated\/9\)/],
      ['a field no result has', (l) => l.replace('{"id"', '{"extra":1,"id"'), /cells\.jsonl:3: extra: not a cell result/],
      ['a line that is not JSON', () => '{"id":', /cells\.jsonl:3: not JSON/],
      ['a metric missing', (l) => l.replace(/"pods_arrived":\d+,/, ''), /cells\.jsonl:3: run\.values\.pods_arrived: not a cell result: the metric is missing/],
      ['a metric no catalogue has', (l) => l.replace('"values":{', '"values":{"bogus":1,'), /cells\.jsonl:3: run\.values: not a cell result: unknown metric "bogus"/],
    ];
    for (const [what, edit, err] of edits) {
      writeFileSync(file, lines.map((l, i) => (i === 2 ? edit(l) : l)).join('\n'));
      expect(() => mergeShards([dir]), what).toThrow(err);
    }
  });
});

describe('shards', () => {
  it('a shard with no cells of its own still writes its folder, and all shards merge', async () => {
    const dirs: string[] = [];
    for (let k = 1; k <= 8; k++) {
      const r = await runSweep(plan([1, 2]), { out: join(root, `e8-${k}`), jobs: 1, shard: { k, n: 8 }, resume: false }, quiet);
      expect(r).toMatchObject({ planned: k <= 6 ? 1 : 0, written: true });
      dirs.push(r.dir);
    }
    expect(mergeShards(dirs).results.size).toBe(6);
  });

  it('--resume into another shard\'s folder is refused and leaves it as it was', async () => {
    const out = join(root, 'e8-2');
    const before = deterministicReportFiles(out);
    await expect(runSweep(plan([1, 2]), { out, jobs: 1, shard: { k: 1, n: 8 }, resume: true }, quiet)).rejects.toThrow(/e8-2\/cells\.jsonl: holds the cells of shard 2\/8, not of shard 1\/8; resume each shard into its own folder/);
    expect(deterministicReportFiles(out)).toEqual(before);
  });
});

describe('resume', () => {
  it('a run stopped after 4 of 9 cells resumes with the other 5, and the report equals an uninterrupted one', async () => {
    const out = join(root, 'resumed');
    const stopAt4: SweepWatcher = { ...quiet, cellDone: (_s, _c, _r, done) => { if (done === 4) process.emit('SIGINT'); } };
    const first = await runSweep(plan(), { out, jobs: 1, shard: null, resume: false }, stopAt4);
    expect(first).toMatchObject({ interrupted: true, done: 4, written: true });
    expect(readReportFolder(out).info.title).toMatch(/incomplete: 4 of 9 runs/);
    const ran: Cell[] = [];
    const second = await runSweep(plan(), { out, jobs: 1, shard: null, resume: true }, { ...quiet, cellStart: (_s, c) => ran.push(c) });
    expect(second).toMatchObject({ interrupted: false, done: 9, resumed: 4, written: true });
    expect(ran.map((c) => c.id)).toEqual(plan().cells.slice(4).map((c) => c.id));
    expect(deterministicReportFiles(out)).toEqual(deterministicReportFiles(join(root, 'one')));
    // A finished sweep resumed runs nothing and writes the same report.
    const third = await runSweep(plan(), { out, jobs: 1, shard: null, resume: true }, { ...quiet, cellStart: () => { throw new Error('ran a cell'); } });
    expect(third).toMatchObject({ done: 9, resumed: 9 });
    expect(deterministicReportFiles(out)).toEqual(deterministicReportFiles(join(root, 'one')));
  });

  it('refuses to resume a folder of another plan, and leaves it as it was', async () => {
    const out = join(root, 'one');
    const before = deterministicReportFiles(out);
    await expect(runSweep(plan([7]), { out, jobs: 1, shard: null, resume: true }, quiet)).rejects.toThrow(/cells\.jsonl: holds cells of another plan .*run without --resume to replace them/);
    expect(deterministicReportFiles(out)).toEqual(before);
  });

  it('Ctrl-C before the first cell ends: nothing written, no folder left', async () => {
    const out = join(root, 'none');
    const r = runSweep(plan(), { out, jobs: 1, shard: null, resume: false }, quiet);
    process.emit('SIGINT');
    expect(await r).toMatchObject({ interrupted: true, done: 0, written: false });
    expect(existsSync(out)).toBe(false);
  });
});

describe('a cell that finds bad input', () => {
  it('is one InputError naming the file and field, from a worker as from this thread, and leaves no folder behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'schedbench-badcell-'));
    const snapshot = fileURLToPath(new URL('../cluster/fixtures/snapshot.json', import.meta.url));
    const file = join(dir, 'ghost.yaml');
    writeFileSync(file, [
      'name: ghost', 'seeds: [1, 2]', 'durationS: 60',
      `cluster: { snapshot: [${JSON.stringify(snapshot)}] }`,
      'workload: { workloads: [] }',
      'policies: [{ name: default, extends: default }]',
      'nodeEvents: [{ atS: 5, kind: fail, node: ghost }]',
    ].join('\n'));
    for (const jobs of [1, 2]) {
      const out = join(dir, `out-${jobs}`);
      const p = buildScenarioPlan(await loadScenarios([file], () => {}));
      await expect(runSweep(p, { out, jobs, shard: null, resume: false }, quiet)).rejects.toThrow(new InputError({ file, path: 'nodeEvents[0].node' }, 'no node named "ghost" in the cluster'));
      expect(existsSync(out)).toBe(false);
    }
    rmSync(dir, { recursive: true });
  });
});

describe('a snapshot read once per runner', () => {
  it('gives every cell the same result as a runner of its own (reading never shares state between cells)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'schedbench-snap-'));
    const snapshot = fileURLToPath(new URL('../cluster/fixtures/snapshot.json', import.meta.url));
    const file = join(dir, 'snap.yaml');
    writeFileSync(file, [
      'name: snap', 'seeds: [1, 2]', 'durationS: 300',
      `cluster: { snapshot: [${JSON.stringify(snapshot)}] }`,
      'workload: { workloads: [{ kind: Deployment, name: web, replicas: 6, template: { requests: { cpu: 100m } }, arrival: { process: poisson, ratePerS: 0.1 } }] }',
      'policies: [{ name: default, extends: default }, { name: packed, extends: default, args: { NodeResourcesFit: { scoringStrategy: { type: MostAllocated } } } }]',
    ].join('\n'));
    const p = buildScenarioPlan(await loadScenarios([file], () => {}));
    const shared = await CellRunner.load(p.world);
    const strip = (o: CellOutcome) => (o.ok ? { ...o.result, wallMs: 0, run: { ...o.result.run, timing: null } } : o);
    for (const cell of p.cells) expect(strip(shared.run(cell)), cell.id).toEqual(strip(new CellRunner(p.world).run(cell)));
    rmSync(dir, { recursive: true });
  });
});
