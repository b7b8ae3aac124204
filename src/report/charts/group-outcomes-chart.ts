import type { TopLevelSpec } from 'vega-lite';
import { uniqueInOrder } from '../aggregate/unique-in-order.js';
import type { GroupOutcomeRow } from '../types.js';
import { CHART_CONFIG, VEGA_LITE_SCHEMA } from './chart-config.js';

/** The measures the chart can show, each drawn only when some group has a non-zero mean. */
const MEASURES = [
  ['queueing delay p95 (s)', (r: GroupOutcomeRow) => r.delayP95S],
  ['unschedulable at end (pods)', (r: GroupOutcomeRow) => r.unschedulableEnd],
] as const;

/**
 * One scenario's outcomes by workload and by priority band (outcomes-by-group.csv): a
 * panel per measure (rows) and grouping (columns), a bar per group and policy at the mean
 * over seeds. A measure that is 0 for every group and policy is left out (nothing
 * waited, nothing was left unschedulable); null when nothing is left, so a policy that
 * helps batch by hurting services is drawn, and an uneventful run draws nothing.
 */
export function groupOutcomesChart(rows: readonly GroupOutcomeRow[], policies: readonly string[]): TopLevelSpec | null {
  const values: Record<string, string | number>[] = [];
  const shown: string[] = [];
  for (const [measure, get] of MEASURES) {
    const mine: Record<string, string | number>[] = [];
    for (const by of uniqueInOrder(rows.map((r) => r.by))) {
      for (const group of uniqueInOrder(rows.filter((r) => r.by === by).map((r) => r.group))) {
        for (const policy of uniqueInOrder([...policies, ...rows.map((r) => r.policy)])) {
          const xs = rows.filter((r) => r.by === by && r.group === group && r.policy === policy).map(get).filter(Number.isFinite);
          if (xs.length === 0) continue;
          mine.push({ measure, by, group, policy, value: xs.reduce((a, b) => a + b, 0) / xs.length, seeds: xs.length });
        }
      }
    }
    if (!mine.some((v) => v.value !== 0)) continue;
    shown.push(measure);
    values.push(...mine);
  }
  if (values.length === 0) return null;
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: CHART_CONFIG,
    data: { values },
    facet: {
      row: { field: 'measure', type: 'nominal', sort: shown, title: null, header: { labelAngle: 0, labelAlign: 'left', labelLimit: 200 } },
      column: { field: 'by', type: 'nominal', sort: ['workload', 'priority'], title: null, header: { labelExpr: '"by " + datum.value' } },
    },
    spec: {
      width: 280,
      height: { step: 12 },
      mark: { type: 'bar', tooltip: true },
      encoding: {
        y: { field: 'group', type: 'nominal', title: null, axis: { labelLimit: 180 } },
        yOffset: { field: 'policy', type: 'nominal', sort: [...policies] },
        x: { field: 'value', type: 'quantitative', title: 'mean over seeds' },
        color: { field: 'policy', type: 'nominal', title: 'policy', scale: { domain: [...policies] } },
        tooltip: [
          { field: 'group', type: 'nominal' }, { field: 'policy', type: 'nominal' },
          { field: 'value', type: 'quantitative', title: 'mean', format: '.4~g' }, { field: 'seeds', type: 'quantitative' },
        ],
      },
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
}
