import type { TopLevelSpec } from 'vega-lite';
import { meanQueueDelay } from '../aggregate/mean-queue-delay.js';
import type { QueueDelayRow } from '../types.js';
import { CHART_CONFIG, policyStrokeDash, VEGA_LITE_SCHEMA } from './chart-config.js';

/**
 * One scenario's queueing delay (arrival to first bind) as a cumulative distribution per
 * policy: x the delay, y the share of bound pods that waited at most that long, from the
 * seeds' quantiles averaged per quantile (meanQueueDelay). The x scale is symlog because
 * most pods wait 0 s and a few wait very long. Null when there are no quantiles, or
 * when no pod waited at all (every delay 0: a vertical line at 0 on a zero-width axis
 * says nothing the verdict's "the same in every run" does not).
 */
export function queueDelayChart(rows: readonly QueueDelayRow[], policies: readonly string[]): TopLevelSpec | null {
  const points = meanQueueDelay(rows);
  if (!points.some((p) => p.delayS > 0)) return null;
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: CHART_CONFIG,
    data: { values: points.map((p) => ({ ...p })) },
    width: 480,
    height: 240,
    mark: { type: 'line', strokeWidth: 1.5, tooltip: true },
    encoding: {
      x: { field: 'delayS', type: 'quantitative', title: 'queueing delay (simulated s, symlog scale)', scale: { type: 'symlog' }, axis: { tickCount: 8 } },
      y: { field: 'quantile', type: 'quantitative', title: 'share of bound pods', axis: { format: '%' }, scale: { domain: [0, 1] } },
      color: { field: 'policy', type: 'nominal', title: 'policy', scale: { domain: [...policies] } },
      strokeDash: policyStrokeDash(policies),
      order: { field: 'quantile', type: 'quantitative' },
      tooltip: [
        { field: 'policy', type: 'nominal' }, { field: 'quantile', type: 'quantitative', format: '.0%' },
        { field: 'delayS', type: 'quantitative', title: 'delay (s)', format: '.4~g' },
      ],
    },
  };
}
