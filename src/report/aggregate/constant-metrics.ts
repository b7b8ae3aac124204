import type { RunRow } from '../types.js';

/**
 * The metrics that carry no information in a set of runs: those whose value is the same
 * in every run (every policy, every seed), NaN counting as equal to NaN. Returns the
 * value of each such metric by id, in the order of `ids`; empty when there are no runs.
 */
export function constantMetrics(runs: readonly RunRow[], ids: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  if (runs.length === 0) return out;
  for (const id of ids) {
    const first = runs[0]!.values[id] ?? Number.NaN;
    const same = (v: number) => v === first || (Number.isNaN(v) && Number.isNaN(first));
    if (runs.every((r) => same(r.values[id] ?? Number.NaN))) out.set(id, first);
  }
  return out;
}
