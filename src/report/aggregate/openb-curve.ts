import type { OpenbCurveRow, OpenbRunData } from '../types.js';
import { uniqueInOrder } from './unique-in-order.js';

/**
 * The openb experiment's allocation-vs-arrived-load curve per policy (in order of
 * appearance): for each whole percent k >= 1 of arrived GPU demand, the mean GPU
 * allocation over the seeds whose demand reached k % (a run's curve[k], null or NaN when it
 * never did), and how many seeds that was. Percents no seed reached get no row, so the
 * mean never mixes in a seed that stopped short.
 */
export function openbCurve(runs: readonly OpenbRunData[]): OpenbCurveRow[] {
  const out: OpenbCurveRow[] = [];
  for (const policy of uniqueInOrder(runs.map((r) => r.policy))) {
    const rs = runs.filter((r) => r.policy === policy);
    const len = rs.reduce((m, r) => Math.max(m, r.curve.length), 0);
    for (let k = 1; k < len; k++) {
      const xs = rs.flatMap((r) => {
        const v = r.curve[k];
        return v === null || v === undefined || Number.isNaN(v) ? [] : [v];
      });
      if (xs.length === 0) continue;
      out.push({ policy, arrivedPct: k, seeds: xs.length, gpuAllocPct: xs.reduce((a, b) => a + b, 0) / xs.length });
    }
  }
  return out;
}
