import { describe, expect, it } from 'vitest';
import { numFeasibleNodesToFind } from './feasible-search.js';

// Cases from kube-scheduler schedule_one_test.go TestNumFeasibleNodesToFind.
describe('numFeasibleNodesToFind', () => {
  const cases = [
    { name: 'adaptive, fewer than 100 nodes: all of them', pct: 0, nodes: 10, want: 10 },
    { name: 'explicit 40%, fewer than 100 nodes: all of them', pct: 40, nodes: 10, want: 10 },
    { name: 'adaptive, 1000 nodes: 50 - 1000/125 = 42% -> 420', pct: 0, nodes: 1000, want: 420 },
    { name: 'explicit 40%, 1000 nodes -> 400', pct: 40, nodes: 1000, want: 400 },
    { name: 'adaptive, 6000 nodes: 50 - 48 = 2% is below the 5% floor -> 300', pct: 0, nodes: 6000, want: 300 },
    { name: 'explicit 40%, 6000 nodes -> 2400', pct: 40, nodes: 6000, want: 2400 },
    { name: 'explicit 1%, 5000 nodes: 50 is below the 100 floor -> 100', pct: 1, nodes: 5000, want: 100 },
    { name: 'explicit 100%, 5000 nodes -> all', pct: 100, nodes: 5000, want: 5000 },
    { name: 'adaptive, 5000 nodes: 50 - 40 = 10% -> 500', pct: 0, nodes: 5000, want: 500 },
  ];
  for (const c of cases) it(c.name, () => expect(numFeasibleNodesToFind(c.pct, c.nodes)).toBe(c.want));
});
