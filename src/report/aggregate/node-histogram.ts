import type { NodeUtilizationRow } from '../types.js';
import { uniqueInOrder } from './unique-in-order.js';

/** The resources of node-utilization.csv, in the order the histograms show them. */
export const NODE_HISTOGRAM_RESOURCES = ['CPU', 'Memory', 'GPU'] as const;
/** A resource a per-node histogram is drawn for. */
export type NodeHistogramResource = (typeof NODE_HISTOGRAM_RESOURCES)[number];

/** A resource's column of node-utilization.csv. */
const SHARE_OF: Readonly<Record<NodeHistogramResource, (r: NodeUtilizationRow) => number>> = {
  CPU: (r) => r.cpuPct,
  Memory: (r) => r.memPct,
  GPU: (r) => r.gpuPct,
};

/** One bar of a per-node allocation histogram. */
export interface NodeHistogramBin {
  readonly policy: string;
  readonly resource: NodeHistogramResource;
  /** Bin edges in percent; the last bin includes its upper edge (100%). */
  readonly fromPct: number;
  readonly toPct: number;
  readonly nodes: number;
  /** Share of the policy's node rows with a value (all seeds pooled) in this bin, in percent. */
  readonly sharePct: number;
}

/**
 * Histogram of per-node allocation at the end of the runs, per policy and resource, with
 * every seed's nodes pooled: bins of binPct from 0 to 100 (values outside are counted in
 * the first or last bin; NaN values are left out, so GPU counts the nodes with GPUs and a
 * resource no node has gets no bins). Empty bins are kept so that policies can be compared
 * bin by bin. Policies in order of appearance, resources as NODE_HISTOGRAM_RESOURCES.
 */
export function nodeHistogram(rows: readonly NodeUtilizationRow[], binPct = 10): NodeHistogramBin[] {
  const bins = Math.ceil(100 / binPct);
  const out: NodeHistogramBin[] = [];
  for (const policy of uniqueInOrder(rows.map((r) => r.policy))) {
    const mine = rows.filter((r) => r.policy === policy);
    for (const resource of NODE_HISTOGRAM_RESOURCES) {
      const xs = mine.map(SHARE_OF[resource]).filter(Number.isFinite);
      if (xs.length === 0) continue;
      const counts = new Array<number>(bins).fill(0);
      for (const x of xs) counts[Math.min(bins - 1, Math.max(0, Math.floor(x / binPct)))]! += 1;
      counts.forEach((c, i) => out.push({
        policy, resource, fromPct: i * binPct, toPct: Math.min(100, (i + 1) * binPct), nodes: c, sharePct: (100 * c) / xs.length,
      }));
    }
  }
  return out;
}
