import type { TopLevelSpec } from 'vega-lite';
import { meanTimeseries } from '../aggregate/mean-timeseries.js';
import type { TimeseriesRow } from '../types.js';
import { CHART_CONFIG, policyStrokeDash, VEGA_LITE_SCHEMA } from './chart-config.js';

/**
 * One scenario's allocated CPU and memory (and GPU when the cluster has any) over
 * simulated time, one line per policy at the mean over seeds (meanTimeseries), one panel
 * per resource. Null when there are no samples. Policy colours follow the order given.
 */
export function utilizationChart(rows: readonly TimeseriesRow[], policies: readonly string[]): TopLevelSpec | null {
  const points = meanTimeseries(rows);
  const resources = [
    ['CPU', (p: (typeof points)[number]) => p.cpuAllocPct],
    ['Memory', (p: (typeof points)[number]) => p.memAllocPct],
    ['GPU', (p: (typeof points)[number]) => p.gpuAllocPct],
  ] as const;
  const values: Record<string, string | number>[] = [];
  const shown: string[] = [];
  for (const [resource, get] of resources) {
    const mine = points.filter((p) => Number.isFinite(get(p)));
    if (mine.length === 0) continue;
    shown.push(resource);
    for (const p of mine) values.push({ resource, policy: p.policy, tS: p.tS, pct: get(p), seeds: p.seeds });
  }
  if (values.length === 0) return null;
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: CHART_CONFIG,
    data: { values },
    facet: { field: 'resource', type: 'nominal', sort: shown, title: null },
    columns: 3,
    spec: {
      width: 300,
      height: 190,
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5, tooltip: true },
      encoding: {
        x: { field: 'tS', type: 'quantitative', title: 'simulated time (s)' },
        y: { field: 'pct', type: 'quantitative', title: 'allocated (% of allocatable)', scale: { domain: [0, 100] } },
        color: { field: 'policy', type: 'nominal', title: 'policy', scale: { domain: [...policies] } },
        strokeDash: policyStrokeDash(policies),
        tooltip: [
          { field: 'policy', type: 'nominal' }, { field: 'tS', type: 'quantitative', title: 't (s)' },
          { field: 'pct', type: 'quantitative', title: '% allocated', format: '.4~g' }, { field: 'seeds', type: 'quantitative' },
        ],
      },
    },
  };
}
