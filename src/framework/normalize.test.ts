import { describe, expect, it } from 'vitest';
import { defaultNormalizeScore, MAX_NODE_SCORE } from './normalize.js';

describe('defaultNormalizeScore (helper.DefaultNormalizeScore)', () => {
  // Cases from kube-scheduler plugins/helper/normalize_score_test.go TestDefaultNormalizeScore.
  const cases: { name: string; reverse: boolean; scores: number[]; want: number[] }[] = [
    { name: 'case_0', reverse: false, scores: [1, 2, 3, 4], want: [25, 50, 75, 100] },
    { name: 'case_1', reverse: true, scores: [1, 2, 3, 4], want: [75, 50, 25, 0] },
    { name: 'case_2', reverse: false, scores: [1000, 10, 20, 30], want: [100, 1, 2, 3] },
    { name: 'case_3', reverse: true, scores: [1000, 10, 20, 30], want: [0, 99, 98, 97] },
    { name: 'case_4', reverse: false, scores: [1, 1, 1, 1], want: [100, 100, 100, 100] },
    { name: 'case_5', reverse: false, scores: [1000, 1, 1, 1], want: [100, 0, 0, 0] },
    { name: 'case_6', reverse: true, scores: [0, 1, 1, 1], want: [100, 0, 0, 0] },
    { name: 'all zero stay zero', reverse: false, scores: [0, 0], want: [0, 0] },
    { name: 'all zero reversed become the maximum', reverse: true, scores: [0, 0], want: [100, 100] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const scores = Float64Array.from(c.scores);
      defaultNormalizeScore(MAX_NODE_SCORE, c.reverse, scores, scores.length);
      expect([...scores]).toEqual(c.want);
    });
  }

  it('touches only the first `count` entries of a reused buffer', () => {
    const scores = Float64Array.of(2, 4, 999, 0);
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores, 2);
    expect([...scores]).toEqual([50, 0, 999, 0]);
    const zeros = Float64Array.of(0, 0, 7);
    defaultNormalizeScore(MAX_NODE_SCORE, true, zeros, 2);
    expect([...zeros]).toEqual([100, 100, 7]);
  });
});
