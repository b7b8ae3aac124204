import type { TopLevelSpec } from 'vega-lite';
import type { OpenbCurveRow } from '../types.js';
import { CHART_CONFIG, policyStrokeDash, VEGA_LITE_SCHEMA } from './chart-config.js';

/**
 * The openb experiment's GPU allocation against arrived GPU demand (openb-curve.csv), one
 * line per policy at the mean over the seeds that reached each percent, with a rule where
 * arrived demand equals the GPU capacity (the summary's "at 100% arrived"). Null when there
 * are no points. Policy colours follow the order given.
 */
export function openbCurveChart(rows: readonly OpenbCurveRow[], policies: readonly string[]): TopLevelSpec | null {
  const values = rows.filter((r) => Number.isFinite(r.gpuAllocPct))
    .map((r) => ({ policy: r.policy, arrivedPct: r.arrivedPct, gpuAllocPct: r.gpuAllocPct, seeds: r.seeds }));
  if (values.length === 0) return null;
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: CHART_CONFIG,
    width: 520,
    height: 280,
    layer: [
      {
        data: { values: [{ arrivedPct: 100 }] },
        mark: { type: 'rule', color: '#999', strokeDash: [4, 3] },
        encoding: { x: { field: 'arrivedPct', type: 'quantitative' } },
      },
      {
        data: { values },
        mark: { type: 'line', strokeWidth: 1.5, tooltip: true },
        encoding: {
          x: { field: 'arrivedPct', type: 'quantitative', title: 'arrived GPU demand (% of GPU capacity)' },
          y: { field: 'gpuAllocPct', type: 'quantitative', title: 'GPU allocated (% of capacity)', scale: { domain: [0, 100] } },
          color: { field: 'policy', type: 'nominal', title: 'policy', scale: { domain: [...policies] } },
          strokeDash: policyStrokeDash(policies),
          order: { field: 'arrivedPct', type: 'quantitative' },
          tooltip: [
            { field: 'policy', type: 'nominal' }, { field: 'arrivedPct', type: 'quantitative', title: 'arrived %' },
            { field: 'gpuAllocPct', type: 'quantitative', title: 'GPU allocated %', format: '.4~g' }, { field: 'seeds', type: 'quantitative' },
          ],
        },
      },
    ],
  };
}
