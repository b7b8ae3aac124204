import type { TopLevelSpec } from 'vega-lite';
import { NODE_HISTOGRAM_RESOURCES, nodeHistogram } from '../aggregate/node-histogram.js';
import type { NodeUtilizationRow } from '../types.js';
import { CHART_CONFIG, VEGA_LITE_SCHEMA } from './chart-config.js';

/**
 * One scenario's per-node allocation at the end of the runs as histograms (nodeHistogram:
 * 10% bins, all seeds pooled): a row per policy, a column per resource, bar height the
 * share of nodes. Bin packing shows as mass at both ends, spreading as one hump. The GPU
 * column is there only when some node has GPUs, and its shares are of the nodes with GPUs.
 * Null when there are no nodes.
 */
export function nodeUtilizationChart(rows: readonly NodeUtilizationRow[], policies: readonly string[]): TopLevelSpec | null {
  const bins = nodeHistogram(rows);
  if (bins.length === 0) return null;
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: CHART_CONFIG,
    data: { values: bins.map((b) => ({ ...b })) },
    facet: {
      row: { field: 'policy', type: 'nominal', sort: [...policies], title: null, header: { labelAngle: 0, labelAlign: 'left', labelLimit: 160 } },
      // The resources drawn only: a CPU-only scenario's spec does not name GPU.
      column: { field: 'resource', type: 'nominal', sort: NODE_HISTOGRAM_RESOURCES.filter((r) => bins.some((b) => b.resource === r)), title: null },
    },
    spec: {
      width: 300,
      height: 80,
      mark: { type: 'bar', tooltip: true, binSpacing: 1 },
      encoding: {
        // bin: 'binned' says the bins are precomputed, which makes the bars vertical.
        x: { field: 'fromPct', type: 'quantitative', bin: 'binned', title: 'allocated (% of the node\'s allocatable)', scale: { domain: [0, 100] } },
        x2: { field: 'toPct' },
        y: { field: 'sharePct', type: 'quantitative', title: '% of nodes' },
        color: { field: 'policy', type: 'nominal', legend: null, scale: { domain: [...policies] } },
        tooltip: [
          { field: 'policy', type: 'nominal' }, { field: 'resource', type: 'nominal' },
          { field: 'fromPct', type: 'quantitative', title: 'from %' }, { field: 'toPct', type: 'quantitative', title: 'to %' },
          { field: 'nodes', type: 'quantitative', title: 'nodes (all seeds)' }, { field: 'sharePct', type: 'quantitative', title: '% of nodes', format: '.3~g' },
        ],
      },
    },
  };
}
