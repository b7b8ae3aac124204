import { describe, expect, it } from 'vitest';
import type { NodeUtilizationRow, OpenbRunData, QueueDelayRow, TimeseriesRow } from '../types.js';
import { benchFamily } from './bench-family.js';
import { meanQueueDelay } from './mean-queue-delay.js';
import { meanTimeseries } from './mean-timeseries.js';
import { nodeHistogram } from './node-histogram.js';
import { openbCurve } from './openb-curve.js';
import { openbSummary } from './openb-summary.js';

const ts = (policy: string, seed: number, tS: number, cpu: number): TimeseriesRow => ({
  scenario: 's', policy, seed, tS, running: cpu, pending: 0, cpuAllocPct: cpu, memAllocPct: 2 * cpu, gpuAllocPct: Number.NaN,
});

describe('meanTimeseries', () => {
  it('same sample times: the plain mean over seeds, per policy', () => {
    const rows = [ts('a', 1, 0, 10), ts('a', 1, 60, 30), ts('a', 2, 0, 20), ts('a', 2, 60, 50), ts('b', 1, 0, 1)];
    expect(meanTimeseries(rows).map((p) => [p.policy, p.tS, p.cpuAllocPct, p.memAllocPct, p.seeds])).toEqual([
      ['a', 0, 15, 30, 2], ['a', 60, 40, 80, 2], ['b', 0, 1, 2, 1],
    ]);
    expect(meanTimeseries(rows)[0]!.gpuAllocPct).toBeNaN();
  });

  it('different sample times: each seed holds its last sample; a finished seed stops counting', () => {
    const rows = [ts('a', 1, 0, 10), ts('a', 1, 30, 20), ts('a', 1, 90, 40), ts('a', 2, 0, 0), ts('a', 2, 60, 60)];
    expect(meanTimeseries(rows).map((p) => [p.tS, p.cpuAllocPct, p.seeds])).toEqual([
      [0, 5, 2], [30, 10, 2], [60, 40, 2], [90, 40, 1],
    ]);
  });

  it('thins to maxPoints evenly spaced times', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ts('a', 1, i, i));
    const pts = meanTimeseries(rows, 10);
    expect(pts.map((p) => p.tS)).toEqual([0, 111, 222, 333, 444, 555, 666, 777, 888, 999]);
  });
});

describe('nodeHistogram', () => {
  const node = (policy: string, cpuPct: number, memPct = Number.NaN, gpuPct = Number.NaN): NodeUtilizationRow => ({ scenario: 's', policy, seed: 1, node: 'n', cpuPct, memPct, gpuPct });

  it('10% bins over all seeds, 100% in the last bin, shares in percent, empty bins kept', () => {
    const bins = nodeHistogram([node('a', 0), node('a', 9.99), node('a', 55), node('a', 100), node('a', 130)]);
    expect(bins).toHaveLength(10);
    expect(bins.map((b) => b.nodes)).toEqual([2, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
    expect(bins[0]).toMatchObject({ policy: 'a', resource: 'CPU', fromPct: 0, toPct: 10, sharePct: 40 });
  });

  it('a resource with no finite values has no bins', () => {
    expect(nodeHistogram([node('a', 50)]).every((b) => b.resource === 'CPU')).toBe(true);
  });

  it('GPU: shares over the nodes with GPUs only, after CPU and memory', () => {
    // Two GPU nodes (25% and 100% of their milli-GPU allocated) and two CPU-only nodes.
    const bins = nodeHistogram([node('a', 10, 20, 25), node('a', 10, 20, 100), node('a', 10, 20), node('a', 10, 20)]);
    expect([...new Set(bins.map((b) => b.resource))]).toEqual(['CPU', 'Memory', 'GPU']);
    const gpu = bins.filter((b) => b.resource === 'GPU');
    expect(gpu.map((b) => b.nodes)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 1]);
    expect(gpu.filter((b) => b.nodes > 0).map((b) => b.sharePct)).toEqual([50, 50]);
  });
});

describe('meanQueueDelay', () => {
  it('averages the seeds\' delay at each quantile, skipping NaN', () => {
    const q = (seed: number, quantile: number, delayS: number): QueueDelayRow => ({ scenario: 's', policy: 'a', seed, quantile, delayS });
    expect(meanQueueDelay([q(1, 0, 0), q(1, 1, 10), q(2, 0, 2), q(2, 1, Number.NaN)])).toEqual([
      { policy: 'a', quantile: 0, delayS: 1 }, { policy: 'a', quantile: 1, delayS: 10 },
    ]);
  });
});

describe('benchFamily', () => {
  const cases = [
    ['SchedulingBasic/5000Nodes/pct=100', 'SchedulingBasic/pct=100'],
    ['TopologySpreading/5000Nodes/50000ExistingPods', 'TopologySpreading/50000ExistingPods'],
    ['Custom', 'Custom'],
  ] as const;
  for (const [name, want] of cases) it(name, () => expect(benchFamily(name)).toBe(want));
});

/** An openb run whose curve is `curve` (index 0 unused) and whose end figures are derived from the seed. */
const openbRun = (policy: string, seed: number, curve: readonly (number | null)[], allocAt100Pct: number | null = null): OpenbRunData => ({
  scenario: 's', policy, seed, tasks: 10, scheduled: 9, arrivedPctEnd: curve.length - 1, allocAt100Pct,
  allocEndPct: 10 * seed, gpusUnallocatedEnd: seed, fragRateEndPct: seed / 2, curve,
});

describe('openbCurve', () => {
  it('at each percent, the mean over the seeds that reached it, and how many did', () => {
    const rows = openbCurve([
      openbRun('a', 1, [null, 1, 2, 3, 4]),
      openbRun('a', 2, [null, 3, 4]),
      openbRun('a', 3, [null, 5, null, null, null, null]),
      openbRun('b', 1, [null, 7]),
    ]);
    expect(rows.map((r) => [r.policy, r.arrivedPct, r.seeds, r.gpuAllocPct])).toEqual([
      ['a', 1, 3, 3], ['a', 2, 2, 3], ['a', 3, 1, 3], ['a', 4, 1, 4], ['b', 1, 1, 7],
    ]);
  });

  it('no row where no seed reached the percent, and none for index 0; NaN counts as not reached', () => {
    const rows = openbCurve([openbRun('a', 1, [99, null, 2, Number.NaN]), openbRun('a', 2, [99, null, Number.NaN, Number.NaN])]);
    expect(rows.map((r) => [r.arrivedPct, r.seeds, r.gpuAllocPct])).toEqual([[2, 1, 2]]);
  });

  it('policies in order of appearance', () => {
    expect(openbCurve([openbRun('z', 1, [null, 1]), openbRun('a', 1, [null, 1]), openbRun('z', 2, [null, 3])]).map((r) => r.policy)).toEqual(['z', 'a']);
  });
});

describe('openbSummary', () => {
  it('means over seeds; allocation at 100% only over the seeds that got there, NaN when none did', () => {
    const rows = openbSummary([openbRun('a', 1, [], 80), openbRun('a', 2, []), openbRun('a', 3, [], 90), openbRun('b', 1, [])]);
    expect(rows.map((r) => [r.policy, r.seeds, r.gpuAllocAt100Pct, r.gpuAllocEndPct, r.gpusUnallocatedEnd, r.gpuFragRateEndPct])).toEqual([
      ['a', 3, 85, 20, 2, 1], ['b', 1, Number.NaN, 10, 1, 0.5],
    ]);
  });
});
