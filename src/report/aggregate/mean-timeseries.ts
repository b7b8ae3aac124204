import type { TimeseriesRow } from '../types.js';
import { uniqueInOrder } from './unique-in-order.js';

/** One policy's cluster state at one time, averaged over the seeds that were still running. */
export interface MeanTimePoint {
  readonly policy: string;
  readonly tS: number;
  readonly seeds: number;
  readonly running: number;
  readonly pending: number;
  readonly cpuAllocPct: number;
  readonly memAllocPct: number;
  readonly gpuAllocPct: number;
}

type Field = 'running' | 'pending' | 'cpuAllocPct' | 'memAllocPct' | 'gpuAllocPct';
const FIELDS: readonly Field[] = ['running', 'pending', 'cpuAllocPct', 'memAllocPct', 'gpuAllocPct'];

/**
 * Mean over seeds of each policy's samples over time. Samples are states that hold until
 * the next one, so each seed's value at time t is its last sample at or before t; a seed
 * counts only up to its last sample (runs can end at different times). The times are the
 * union of the seeds' sample times (identical when all seeds sample on the same interval,
 * which makes this the plain mean), thinned to at most maxPoints evenly spaced times.
 * NaN values (no GPUs) are left out of that field's mean; policies in order of appearance.
 */
export function meanTimeseries(rows: readonly TimeseriesRow[], maxPoints = 400): MeanTimePoint[] {
  const out: MeanTimePoint[] = [];
  for (const policy of uniqueInOrder(rows.map((r) => r.policy))) {
    const bySeed = new Map<number, TimeseriesRow[]>();
    for (const r of rows) {
      if (r.policy !== policy || !Number.isFinite(r.tS)) continue;
      const list = bySeed.get(r.seed) ?? [];
      list.push(r);
      bySeed.set(r.seed, list);
    }
    const seeds = [...bySeed.values()].map((s) => [...s].sort((a, b) => a.tS - b.tS));
    for (const t of sampleTimes(seeds, maxPoints)) {
      const at = seeds.map((s) => lastAtOrBefore(s, t)).filter((r): r is TimeseriesRow => r !== null);
      if (at.length === 0) continue;
      const mean = (f: Field) => {
        const xs = at.map((r) => r[f]).filter(Number.isFinite);
        return xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
      };
      const m = Object.fromEntries(FIELDS.map((f) => [f, mean(f)])) as Record<Field, number>;
      out.push({ policy, tS: t, seeds: at.length, ...m });
    }
  }
  return out;
}

function sampleTimes(seeds: readonly (readonly TimeseriesRow[])[], maxPoints: number): number[] {
  const all = [...new Set(seeds.flatMap((s) => s.map((r) => r.tS)))].sort((a, b) => a - b);
  if (all.length <= maxPoints) return all;
  const lo = all[0]!;
  const hi = all[all.length - 1]!;
  return Array.from({ length: maxPoints }, (_, i) => lo + ((hi - lo) * i) / (maxPoints - 1));
}

/** The last sample at or before t, or null before the first sample or after the last. */
function lastAtOrBefore(sorted: readonly TimeseriesRow[], t: number): TimeseriesRow | null {
  if (sorted.length === 0 || t < sorted[0]!.tS || t > sorted[sorted.length - 1]!.tS) return null;
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]!.tS <= t) lo = mid;
    else hi = mid - 1;
  }
  return sorted[lo]!;
}
