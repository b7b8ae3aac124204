import { describe, expect, it } from 'vitest';
import { podJson } from '../testing/builders.js';
import { compilePod } from './compile-pod.js';
import { ModelContext } from './model-context.js';

describe('compilePod: spec.preemptionPolicy', () => {
  const cases = [
    { name: 'absent: the API default', spec: {}, want: 'PreemptLowerPriority' },
    { name: 'null: the API default', spec: { preemptionPolicy: null }, want: 'PreemptLowerPriority' },
    { name: 'PreemptLowerPriority', spec: { preemptionPolicy: 'PreemptLowerPriority' }, want: 'PreemptLowerPriority' },
    { name: 'Never', spec: { preemptionPolicy: 'Never' }, want: 'Never' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(compilePod(podJson({ name: 'p', spec: c.spec }), new ModelContext()).preemptionPolicy).toBe(c.want);
    });
  }

  const bad = [
    { name: 'unknown value', value: 'Sometimes' },
    { name: 'wrong case', value: 'never' },
    { name: 'not a string', value: 1 },
  ];
  for (const c of bad) {
    it(`rejects ${c.name}, naming the field`, () => {
      expect(() => compilePod(podJson({ name: 'p', spec: { preemptionPolicy: c.value } }), new ModelContext()))
        .toThrow(/pod default\/p: spec\.preemptionPolicy: /);
    });
  }
});

describe('compilePod GPU annotations', () => {
  const pod = (annotations: Record<string, string>) => ({ metadata: { name: 'g', annotations }, spec: { containers: [] } });
  it('reads count, milli per GPU and allowed models', () => {
    const ctx = new ModelContext();
    const p = compilePod(pod({ 'alibabacloud.com/gpu-count': '1', 'alibabacloud.com/gpu-milli': '460', 'alibabacloud.com/gpu-card-model': 'V100M16|V100M32' }), ctx);
    expect(p.gpu.count).toBe(1);
    expect(p.gpu.milliPerGpu).toBe(460);
    expect([...p.gpu.models].map((s) => ctx.symbols.text(s as never))).toEqual(['V100M16', 'V100M32']);
  });
  it('whole GPUs by default; no annotation means no GPU', () => {
    expect(compilePod(pod({ 'alibabacloud.com/gpu-count': '2' }), new ModelContext()).gpu.milliPerGpu).toBe(1000);
    expect(compilePod(pod({}), new ModelContext()).gpu.count).toBe(0);
  });
  it('a shared multi-GPU request is an error naming the annotation', () => {
    expect(() => compilePod(pod({ 'alibabacloud.com/gpu-count': '2', 'alibabacloud.com/gpu-milli': '500' }), new ModelContext()))
      .toThrow(/metadata\.annotations\["alibabacloud\.com\/gpu-milli"\]: a 2-GPU pod must ask whole GPUs/);
  });
});

describe('compilePod: status.conditions (DisruptionTarget, podTerminatingByPreemption)', () => {
  const byScheduler = { type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' };
  const cases = [
    { name: 'no conditions', conditions: undefined, want: false },
    { name: 'DisruptionTarget True, PreemptionByScheduler', conditions: [{ type: 'Ready', status: 'True' }, byScheduler], want: true },
    { name: 'another reason (an eviction)', conditions: [{ ...byScheduler, reason: 'EvictionByEvictionAPI' }], want: false },
    { name: 'status False', conditions: [{ ...byScheduler, status: 'False' }], want: false },
    { name: 'only the first DisruptionTarget counts', conditions: [{ ...byScheduler, status: 'False' }, byScheduler], want: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const raw = { metadata: { name: 'p' }, spec: { containers: [] }, status: { conditions: c.conditions } };
      expect(compilePod(raw, new ModelContext()).preemptedByScheduler).toBe(c.want);
    });
  }

  it('rejects a condition without a type, naming it', () => {
    const raw = { metadata: { name: 'p' }, spec: { containers: [] }, status: { conditions: [{ status: 'True' }] } };
    expect(() => compilePod(raw, new ModelContext())).toThrow(/pod default\/p: status\.conditions\[0\]\.type: expected a condition type/);
  });
});
