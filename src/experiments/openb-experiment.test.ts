import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gpuCluster } from '../cluster/gpu-fixtures.js';
import { buildFramework } from '../framework/framework.js';
import { Scheduler } from '../framework/scheduler.js';
import { InputError } from '../model/errors.js';
import type { Sym } from '../model/ids.js';
import { inTreeRegistry } from '../plugins/index.js';
import type { OpenbExperimentOptions } from './openb-experiment.js';
import { prepareOpenbInput, runOpenbExperiment } from './openb-experiment.js';
import { OPENB_FILTERS, OPENB_POLICIES } from './openb-policies.js';
import { openbReportFiles } from './openb-report.js';
import { runOpenbInflation } from './openb-run.js';

const fixture = (f: string) => fileURLToPath(new URL(`./fixtures/${f}`, import.meta.url));
const ALL = [...OPENB_POLICIES.keys()];
const base: OpenbExperimentOptions = { nodesFile: fixture('nodes.csv'), podsFile: fixture('pods.csv'), policies: ALL, seeds: [1, 2, 3], inflate: 1.3 };

describe('the openb inflation experiment', () => {
  it('is a pure function of files, policies and seeds: byte-identical CSVs', async () => {
    const a = openbReportFiles(await runOpenbExperiment(base));
    const b = openbReportFiles(await runOpenbExperiment(base));
    expect(a).toEqual(b);
    expect(a.get('summary.csv')!.split('\n')[0]).toBe('policy,seeds,gpu_alloc_at_100_pct,gpu_alloc_end_pct,gpus_unallocated_end,gpu_frag_rate_end_pct');
    expect(a.get('runs.csv')!.split('\n')[0]).toBe('policy,seed,tasks,scheduled,unscheduled,arrived_gpu_end_pct,gpu_alloc_at_100_pct,gpu_alloc_end_pct,gpus_unallocated_end,gpu_frag_rate_end_pct');
    expect(a.get('curve.csv')!.split('\n')[0]).toBe('policy,arrived_pct,seeds,gpu_alloc_pct');
    // 8 policies × 3 seeds; numbers as plain two-decimal numbers.
    expect(a.get('runs.csv')!.trim().split('\n')).toHaveLength(1 + 24);
    expect(a.get('summary.csv')!.trim().split('\n')[1]).toMatch(/^Random,3,(\d+\.\d\d)?,\d+\.\d\d,\d+\.\d\d,\d+\.\d\d$/);
  });

  it('gives the same results on worker threads', async () => {
    const one = openbReportFiles(await runOpenbExperiment({ ...base, policies: ['FGD', 'BestFit'] }));
    const two = openbReportFiles(await runOpenbExperiment({ ...base, policies: ['FGD', 'BestFit'], workers: 2 }));
    expect(two).toEqual(one);
  }, 30_000);

  it('every policy sees the same tasks for a seed, and different seeds differ', async () => {
    const e = await runOpenbExperiment(base);
    for (const seed of base.seeds) {
      const tasks = new Set(e.runs.filter((r) => r.seed === seed).map((r) => `${r.tasks}/${r.arrivedPctEnd}`));
      expect(tasks.size).toBe(1);
    }
    expect(new Set(e.runs.filter((r) => r.policy === 'Random').map((r) => r.allocEndPct)).size).toBeGreaterThan(1);
  });

  it('measures what it says: allocation = bound GPU requests, curve = allocation when demand crosses each %', () => {
    const input = prepareOpenbInput(base.nodesFile, base.podsFile, 1.3, 'node-rank');
    for (const policy of ALL) {
      const r = runOpenbInflation(input, policy, OPENB_POLICIES.get(policy)!, 7);
      expect(r.allocEndPct).toBeLessThanOrEqual(r.arrivedPctEnd + 1e-9);
      expect(r.gpusUnallocatedEnd).toBeCloseTo(26 * (1 - r.allocEndPct / 100), 9);
      expect(r.fragRateEndPct).toBeGreaterThanOrEqual(0);
      expect(r.fragRateEndPct).toBeLessThanOrEqual(100);
      const pts = Array.from(r.curve).filter((v) => !Number.isNaN(v));
      for (let k = 1; k < pts.length; k++) expect(pts[k]!).toBeGreaterThanOrEqual(pts[k - 1]!);
      expect(pts.length).toBe(Math.floor(r.arrivedPctEnd));
      for (let k = 1; k <= pts.length; k++) expect(r.curve[k]!).toBeLessThanOrEqual(k + 100 * 8 / 26); // at most one task (≤ 8 GPUs) past k%
    }
  });

  const bad = [
    { name: 'an unknown policy', opts: { ...base, policies: ['Tetris'] }, err: /--policies: unknown policy "Tetris" \(known: Random, FirstFit/ },
    { name: 'no seed', opts: { ...base, seeds: [] }, err: /--seeds: expected at least one seed/ },
    { name: 'a cluster without GPUs', opts: { ...base, nodesFile: fixture('nodes-cpu-only.csv') }, err: /nodes-cpu-only\.csv: the node list has no GPU/ },
    { name: 'a missing pod list', opts: { ...base, podsFile: fixture('nope.csv') }, err: /nope\.csv: cannot read: no such file$/ },
    { name: 'an inflation of 1e6', opts: { ...base, inflate: 1e6 }, err: /^--inflate: expected a positive number of at most 10 \(the limit, as in a scenario's openb workload\), got 1000000$/ },
    { name: 'a NaN inflation', opts: { ...base, inflate: Number.NaN }, err: /^--inflate: expected a positive number of at most 10 .*, got NaN$/ },
  ];
  for (const b of bad) {
    it(`rejects ${b.name} with an InputError`, async () => {
      const p = runOpenbExperiment(b.opts);
      await expect(p).rejects.toBeInstanceOf(InputError);
      await expect(p).rejects.toThrow(b.err);
    });
  }
});

describe('the node-rank tie-break the experiment relies on', () => {
  it('with percentageOfNodesToScore 100 and "first tie", ties go to the first node in node order every cycle', () => {
    // Three 4-core nodes; GpuClustering skips CPU-only pods, so every feasible node ties.
    const c = gpuCluster([{ name: 'a', gpus: 1, cpuMilli: 4000 }, { name: 'b', gpus: 1, cpuMilli: 4000 }, { name: 'c', gpus: 1, cpuMilli: 4000 }]);
    const fw = buildFramework({ name: 't', filter: OPENB_FILTERS, score: [{ name: 'GpuClustering', weight: 1 }], percentageOfNodesToScore: 100 }, inTreeRegistry, c.model);
    const scheduler = new Scheduler(fw, { int: () => 0 });
    const placed: string[] = [];
    for (let i = 0; i < 8; i++) {
      const pod = c.pod({ cpuMilli: 1000, memoryGi: 1 });
      const d = scheduler.scheduleOne(c.state, pod);
      if (d.kind !== 'bound') throw new Error('unschedulable');
      c.state.bind(pod, d.node);
      placed.push(c.model.symbols.text(c.state.nodeName[d.node] as Sym));
    }
    expect(placed.join('')).toBe('aaaabbbb');
  });
});

describe('the experiment on the vendored openb trace (regression: seed 42)', () => {
  const trace = (f: string) => fileURLToPath(new URL(`../../scenarios/data/openb/${f}`, import.meta.url));
  it('FGD allocates far more GPU than Random, as in the paper; numbers pinned', async () => {
    const e = await runOpenbExperiment({
      nodesFile: trace('openb_node_list_gpu_node.csv'), podsFile: trace('openb_pod_list_default.csv'), policies: ['Random', 'FGD'], seeds: [42], inflate: 1.3,
    });
    expect([e.nodes, e.gpus, e.podListTasks, e.shapes.length]).toEqual([1213, 6212, 8152, 35]);
    const lines = openbReportFiles(e).get('summary.csv')!.trim().split('\n');
    expect(lines.slice(1)).toEqual(['Random,1,86.31,87.55,773.51,99.43', 'FGD,1,95.39,95.54,277.11,99.43']);
  }, 60_000);
});
