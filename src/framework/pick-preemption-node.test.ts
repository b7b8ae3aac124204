import { describe, expect, it } from 'vitest';
import type { PreemptionChoice } from './pick-preemption-node.js';
import { earliestStartOfHighestPriority, pickPreemptionNode } from './pick-preemption-node.js';

const v = (priority: number, startTimeS = 0) => ({ priority, startTimeS });
const c = (victims: ReturnType<typeof v>[], numPdbViolations = 0): PreemptionChoice => ({ victims, numPdbViolations });

describe('pickPreemptionNode', () => {
  // Each case isolates one criterion of kube's pickOneNodeForPreemption; want is the index.
  const cases: { name: string; candidates: PreemptionChoice[]; want: number }[] = [
    { name: 'no candidates', candidates: [], want: -1 },
    { name: 'a single candidate', candidates: [c([v(5)])], want: 0 },
    { name: '1. fewest PDB violations', candidates: [c([v(1)], 1), c([v(9), v(9)], 0)], want: 1 },
    { name: '2. lowest highest-victim priority', candidates: [c([v(5)]), c([v(3), v(3), v(3)]), c([v(4)])], want: 1 },
    { name: '3. smallest priority sum (shifted by 2^31)', candidates: [c([v(3), v(2)]), c([v(3), v(1)])], want: 1 },
    { name: '3. negative priorities: fewer pods win the sum', candidates: [c([v(-5), v(-5)]), c([v(-5)])], want: 1 },
    // Sums (p + 2^31): 0 - 2^30 - 2^30 + 3 * 2^31 = 2^32 = 0 + 0 + 2 * 2^31, so only the count differs.
    { name: '4. fewest victims (equal sums)', candidates: [c([v(0), v(-(2 ** 30)), v(-(2 ** 30))]), c([v(0), v(0)])], want: 1 },
    { name: '5. latest start of the highest-priority victims', candidates: [c([v(3, 10), v(1, 99)]), c([v(3, 50), v(1, 0)])], want: 1 },
    { name: '6. first in order when all tie', candidates: [c([v(3, 7)]), c([v(3, 7)]), c([v(3, 7)])], want: 0 },
    { name: 'later criteria only among survivors', candidates: [c([v(9, 1000)]), c([v(2, 5)]), c([v(2, 6)])], want: 2 },
  ];
  for (const t of cases) it(t.name, () => expect(pickPreemptionNode(t.candidates)).toBe(t.want));
});

describe('earliestStartOfHighestPriority', () => {
  it('takes the earliest start among the highest priority only', () => {
    expect(earliestStartOfHighestPriority([v(5, 30), v(5, 20), v(1, 0)])).toBe(20);
    expect(earliestStartOfHighestPriority([v(1, 0), v(5, 30)])).toBe(30);
    expect(earliestStartOfHighestPriority([])).toBe(-Infinity);
  });
});
