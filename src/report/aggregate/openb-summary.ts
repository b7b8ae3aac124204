import type { OpenbRunData, OpenbSummaryRow } from '../types.js';
import { uniqueInOrder } from './unique-in-order.js';

/**
 * The openb experiment's means over seeds, one row per policy in order of appearance:
 * GPU allocation at 100 % arrived over only the seeds whose demand got there (a seed that
 * never did has no value to average; NaN when none did), the other measures over all seeds.
 * Computed from the runs at full precision, as `schedbench openb` did before it wrote a report.
 */
export function openbSummary(runs: readonly OpenbRunData[]): OpenbSummaryRow[] {
  return uniqueInOrder(runs.map((r) => r.policy)).map((policy) => {
    const rs = runs.filter((r) => r.policy === policy);
    const at100 = rs.flatMap((r) => (r.allocAt100Pct === null ? [] : [r.allocAt100Pct]));
    return {
      policy,
      seeds: rs.length,
      gpuAllocAt100Pct: mean(at100),
      gpuAllocEndPct: mean(rs.map((r) => r.allocEndPct)),
      gpusUnallocatedEnd: mean(rs.map((r) => r.gpusUnallocatedEnd)),
      gpuFragRateEndPct: mean(rs.map((r) => r.fragRateEndPct)),
    };
  });
}

/** The plain mean; NaN for no values. */
function mean(xs: readonly number[]): number {
  return xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}
