import type { TopLevelSpec } from 'vega-lite';
import { benchFamily } from '../aggregate/bench-family.js';
import { uniqueInOrder } from '../aggregate/unique-in-order.js';
import type { BenchRow } from '../types.js';
import { CHART_CONFIG, VEGA_LITE_SCHEMA } from './chart-config.js';

/**
 * The scheduling core's throughput against cluster size from bench.csv: x nodes, y pods
 * per second (both log scales), one line per benchmark family (benchFamily) measured at
 * two or more cluster sizes; a family at one size is no curve and is left to the table
 * (unless no family has two sizes, then every row is a point). Wall-clock figures of the
 * machine that ran `npm run bench`. Null when there are no usable rows.
 */
export function scalingChart(rows: readonly BenchRow[]): TopLevelSpec | null {
  const usable = rows.filter((r) => r.nodes > 0 && r.podsPerS > 0);
  const sizes = new Map<string, Set<number>>();
  for (const r of usable) sizes.set(benchFamily(r.benchmark), (sizes.get(benchFamily(r.benchmark)) ?? new Set()).add(r.nodes));
  const curves = usable.filter((r) => sizes.get(benchFamily(r.benchmark))!.size >= 2);
  const values = (curves.length > 0 ? curves : usable)
    .map((r) => ({ family: benchFamily(r.benchmark), benchmark: r.benchmark, nodes: r.nodes, podsPerS: r.podsPerS, p50Us: r.p50Us, p99Us: r.p99Us }));
  if (values.length === 0) return null;
  const families = uniqueInOrder(values.map((v) => v.family));
  // nice: false keeps the log axes to the data's decades instead of rounding them outwards.
  const encoding = {
    x: { field: 'nodes', type: 'quantitative', title: 'nodes in the cluster', scale: { type: 'log', nice: false, padding: 16 } },
    y: { field: 'podsPerS', type: 'quantitative', title: 'pods scheduled per second', scale: { type: 'log', nice: false, padding: 16 } },
    color: { field: 'family', type: 'nominal', title: 'benchmark', sort: families },
  } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: { ...CHART_CONFIG, legend: { ...CHART_CONFIG.legend, orient: 'right' } },
    data: { values },
    width: 520,
    height: 280,
    layer: [
      { mark: { type: 'line', strokeWidth: 1.5 }, encoding: { ...encoding, order: { field: 'nodes', type: 'quantitative' } } },
      {
        mark: { type: 'point', filled: true, size: 40, tooltip: true },
        encoding: {
          ...encoding,
          tooltip: [
            { field: 'benchmark', type: 'nominal' }, { field: 'nodes', type: 'quantitative' },
            { field: 'podsPerS', type: 'quantitative', title: 'pods/s', format: ',.0f' },
            { field: 'p50Us', type: 'quantitative', title: 'p50 µs', format: '.3~g' }, { field: 'p99Us', type: 'quantitative', title: 'p99 µs', format: '.3~g' },
          ],
        },
      },
    ],
  };
}
