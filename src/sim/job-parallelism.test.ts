import { describe, expect, it } from 'vitest';
import type { CompiledPod } from '../model/pod.js';
import { JobParallelism } from './job-parallelism.js';
import type { PodArrival } from './types.js';

const pod = {} as CompiledPod;
const arrivals = (groups: readonly (string | null)[], parallelism = 2): PodArrival[] =>
  groups.map((key, i) => ({ atS: i, pod, durationS: 1, ...(key === null ? {} : { group: { key, parallelism } }) }));

describe('JobParallelism', () => {
  it('numbers groups by first appearance; arrivals without a group get -1', () => {
    const j = new JobParallelism(arrivals(['b', null, 'a', 'b']));
    expect([0, 1, 2, 3].map((i) => j.groupOf(i))).toEqual([0, -1, 1, 0]);
  });

  it('admits up to parallelism, holds the rest and hands them out oldest first', () => {
    const j = new JobParallelism(arrivals(['a', 'a', 'a', 'a', 'a']));
    expect([0, 1, 2, 3].map((i) => j.admit(i, 0))).toEqual([true, true, false, false]);
    expect(j.heldCount).toBe(2);
    expect(j.release(0)).toBe(2);
    expect(j.activeCount(0)).toBe(2);
    expect(j.release(0)).toBe(3);
    expect(j.heldCount).toBe(0);
    expect(j.release(0)).toBe(-1);
    expect(j.activeCount(0)).toBe(1);
    // The queue starts over once drained.
    expect(j.admit(4, 0)).toBe(true);
    expect(j.activeCount(0)).toBe(2);
  });

  it('keeps groups apart', () => {
    const j = new JobParallelism(arrivals(['a', 'b', 'a', 'b', 'a'], 1));
    expect([0, 1, 2, 3, 4].map((i) => j.admit(i, j.groupOf(i)))).toEqual([true, true, false, false, false]);
    expect(j.release(1)).toBe(3);
    expect(j.release(0)).toBe(2);
    expect(j.release(0)).toBe(4);
    expect(j.release(0)).toBe(-1);
    expect(j.heldCount).toBe(0);
  });
});
