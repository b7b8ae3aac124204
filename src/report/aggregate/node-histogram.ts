import type { NodeUtilizationRow } from '../types.js';

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
  // One pass over the rows (the openb report has 73k), counting into each policy's bins per
  // resource; a Map keeps the policies in order of appearance.
  const counts = new Map<string, number[][]>();
  for (const r of rows) {
    let mine = counts.get(r.policy);
    if (mine === undefined) {
      mine = NODE_HISTOGRAM_RESOURCES.map(() => new Array<number>(bins).fill(0));
      counts.set(r.policy, mine);
    }
    for (let k = 0; k < NODE_HISTOGRAM_RESOURCES.length; k++) {
      const x = SHARE_OF[NODE_HISTOGRAM_RESOURCES[k]!](r);
      if (Number.isFinite(x)) mine[k]![Math.min(bins - 1, Math.max(0, Math.floor(x / binPct)))]! += 1;
    }
  }
  const out: NodeHistogramBin[] = [];
  for (const [policy, mine] of counts) {
    NODE_HISTOGRAM_RESOURCES.forEach((resource, k) => {
      const c = mine[k]!;
      const values = c.reduce((a, b) => a + b, 0);
      if (values === 0) return;
      c.forEach((nodes, i) => out.push({
        policy, resource, fromPct: i * binPct, toPct: Math.min(100, (i + 1) * binPct), nodes, sharePct: (100 * nodes) / values,
      }));
    });
  }
  return out;
}
