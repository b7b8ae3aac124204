import { describe, expect, it } from 'vitest';
import { gpuRequestOf, isSharedGpu, makeGpuRequest, NO_GPU, totalGpuMilli, withGpuRequest } from './gpu-request.js';
import { compilePod } from './compile-pod.js';
import { ModelContext } from './model-context.js';

describe('GpuRequest', () => {
  const valid = [
    { name: 'no GPU', count: 0, milli: 0, shared: false, total: 0 },
    { name: 'a share of one GPU', count: 1, milli: 460, shared: true, total: 460 },
    { name: 'one whole GPU', count: 1, milli: 1000, shared: false, total: 1000 },
    { name: 'eight whole GPUs', count: 8, milli: 1000, shared: false, total: 8000 },
  ];
  for (const v of valid) {
    it(v.name, () => {
      const r = makeGpuRequest(v.count, v.milli);
      expect([isSharedGpu(r), totalGpuMilli(r)]).toEqual([v.shared, v.total]);
    });
  }

  const invalid = [
    { name: 'milli without GPUs', count: 0, milli: 500, err: /no GPU cannot ask 500/ },
    { name: 'a GPU without milli', count: 1, milli: 0, err: /integer from 1 to 1000, got 0/ },
    { name: 'more than a GPU', count: 1, milli: 1001, err: /got 1001/ },
    { name: 'a share of two GPUs', count: 2, milli: 500, err: /2-GPU pod must ask whole GPUs/ },
    { name: 'a fractional count', count: 1.5, milli: 1000, err: /non-negative integer/ },
  ];
  for (const v of invalid) it(`rejects ${v.name}`, () => expect(() => makeGpuRequest(v.count, v.milli)).toThrow(v.err));

  it('rides on a compiled pod; a pod without one asks no GPU', () => {
    const model = new ModelContext();
    const pod = compilePod({ metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }] } }, model);
    expect(gpuRequestOf(pod)).toBe(NO_GPU);
    const gpu = makeGpuRequest(2, 1000);
    const g = withGpuRequest(pod, gpu);
    expect(gpuRequestOf(g)).toBe(gpu);
    expect([g.id, g.name, g.requests]).toEqual([pod.id, pod.name, pod.requests]);
  });
});
