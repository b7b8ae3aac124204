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
