import { describe, expect, it } from 'vitest';
import { minMaxNormalize } from './min-max-normalize.js';

describe('minMaxNormalize', () => {
  const cases = [
    { name: 'lowest to 0, highest to 100, truncating', scores: [34, 85, 72], want: [0, 100, 74] },
    { name: 'negative scores', scores: [-10, 0, 10], want: [0, 50, 100] },
    { name: 'all equal: all 0', scores: [7, 7], want: [0, 0] },
    { name: 'only the first count entries', scores: [1, 3, 99], count: 2, want: [0, 100, 99] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = Float64Array.from(c.scores);
      minMaxNormalize(s, c.count ?? s.length);
      expect(Array.from(s)).toEqual(c.want);
    });
  }
});
