import type { QueueDelayRow } from '../types.js';
import { uniqueInOrder } from './unique-in-order.js';

/** One point of a policy's queueing-delay distribution. */
export interface MeanQuantile {
  readonly policy: string;
  readonly quantile: number;
  readonly delayS: number;
}

/**
 * Each policy's queueing-delay quantile function averaged over seeds (the mean of the
 * seeds' q-quantiles at each q, so the result is again a distribution), leaving out NaN
 * values. Policies in order of appearance, quantiles ascending.
 */
export function meanQueueDelay(rows: readonly QueueDelayRow[]): MeanQuantile[] {
  const out: MeanQuantile[] = [];
  for (const policy of uniqueInOrder(rows.map((r) => r.policy))) {
    const byQ = new Map<number, number[]>();
    for (const r of rows) {
      if (r.policy !== policy || !Number.isFinite(r.delayS) || !Number.isFinite(r.quantile)) continue;
      const list = byQ.get(r.quantile) ?? [];
      list.push(r.delayS);
      byQ.set(r.quantile, list);
    }
    for (const q of [...byQ.keys()].sort((a, b) => a - b)) {
      const xs = byQ.get(q)!;
      out.push({ policy, quantile: q, delayS: xs.reduce((a, b) => a + b, 0) / xs.length });
    }
  }
  return out;
}
