import { describe, expect, it } from 'vitest';
import { quantityProblem } from './resource-list-schema.js';

describe('quantityProblem', () => {
  // Hand calculation: 999999Gi = 999999 * 2^30 = 1.07e15 units; as milli-cpu 1.07e18 > 2^53 - 1.
  const cases: { name: string; resource: string; value: string; want: RegExp | null }[] = [
    { name: 'memory 999999Gi fits', resource: 'memory', value: '999999Gi', want: null },
    { name: 'cpu 999999Gi is too large in milli-cpu', resource: 'cpu', value: '999999Gi', want: /^too large: at most 9007199254740991m/ },
    { name: 'cpu 500m fits', resource: 'cpu', value: '500m', want: null },
    { name: 'pods 500m is not whole', resource: 'pods', value: '500m', want: /^must be a whole number of pods/ },
    { name: 'example.com/x 2000m is whole', resource: 'example.com/x', value: '2000m', want: null },
    { name: 'a negative zero is fine', resource: 'cpu', value: '-0', want: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const p = quantityProblem(c.resource, c.value);
      if (c.want === null) expect(p).toBeNull();
      else expect(p).toMatch(c.want);
    });
  }
});
