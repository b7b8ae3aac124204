import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadOpenbNodes, loadOpenbPods } from './openb.js';

const fixture = (f: string) => fileURLToPath(new URL(`./fixtures/${f}`, import.meta.url));

describe('openb loader', () => {
  it('reads a node list', () => {
    expect(loadOpenbNodes(fixture('nodes.csv'))).toEqual([
      { name: 'n-0', cpuMilli: 64000, memoryMib: 262144, gpus: 2, model: 'P100' },
      { name: 'n-1', cpuMilli: 96000, memoryMib: 393216, gpus: 0, model: '' },
    ]);
  });

  it('reads the 11-column pod list: gpu_spec alternatives, empty scheduled_time', () => {
    const pods = loadOpenbPods(fixture('pods-long.csv'));
    expect(pods[1]).toEqual({
      name: 'p-1', cpuMilli: 6000, memoryMib: 12288, numGpu: 1, gpuMilli: 460, gpuSpec: ['V100M16', 'V100M32'],
      qos: 'BE', phase: 'Pending', creationTimeS: 427061, deletionTimeS: 12902960, scheduledTimeS: null,
    });
    expect(pods[0]!.gpuSpec).toEqual([]);
  });

  it('reads the 5-column pod list (multigpu files)', () => {
    const pods = loadOpenbPods(fixture('pods-short.csv'));
    expect(pods.map((p) => [p.numGpu, p.gpuMilli, p.gpuSpec.length, p.creationTimeS])).toEqual([[8, 1000, 0, null], [1, 250, 0, null]]);
  });

  const bad = [
    { name: 'a bad number names line and column', file: 'pods-bad-number.csv', err: /pods-bad-number\.csv: line 3, column memory_mib: expected a non-negative integer, got "lots"/ },
    { name: 'wrong columns', file: 'pods-bad-header.csv', err: /pods-bad-header\.csv: line 1: unexpected columns name,cpu,/ },
    { name: 'a short row', file: 'pods-short-row.csv', err: /line 2: expected 5 columns, got 4/ },
    { name: 'a multi-GPU task must ask whole GPUs', file: 'pods-bad-multigpu.csv', err: /line 2, column gpu_milli: expected 1000 for a multi-GPU task/ },
    { name: 'a GPU task must ask some milli-GPU', file: 'pods-bad-zero-milli.csv', err: /line 2, column gpu_milli: expected 1 to 1000 for a GPU task, got "0"/ },
    { name: 'a CPU-only task asks no milli-GPU', file: 'pods-bad-cpu-milli.csv', err: /line 3, column gpu_milli: expected 0 for a task without GPU, got "500"/ },
    { name: 'a missing file', file: 'nope.csv', err: /nope\.csv: cannot read: ENOENT/ },
  ];
  for (const c of bad) it(c.name, () => expect(() => loadOpenbPods(fixture(c.file))).toThrow(c.err));
});
