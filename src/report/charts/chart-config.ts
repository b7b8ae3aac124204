import type { Config } from 'vega-lite';

/** The $schema label of every spec (a label only: nothing is fetched). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Look shared by every chart: the page's font, quiet axes, legends on top. */
export const CHART_CONFIG: Config = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', gridColor: '#e6e6e6' },
  header: { labelFontSize: 12, titleFontSize: 12 },
  legend: { orient: 'top', labelFontSize: 11, titleFontSize: 11, labelLimit: 320 },
  view: { stroke: '#ddd' },
};

/** Dash patterns by policy order: solid first, then ever more broken, so overlapping lines stay visible. */
const DASHES: readonly (readonly number[])[] = [[1, 0], [7, 3], [2, 2], [10, 3, 2, 3], [4, 4], [1, 3], [12, 2]];

/**
 * A line chart's strokeDash encoding by policy, in the order given (cycling past seven
 * patterns): two policies with identical lines are still told apart where they overlap,
 * and a colour-blind reader or a grey-scale print can tell every line apart. Its legend
 * merges with the colour legend (same field, same title).
 */
export function policyStrokeDash(policies: readonly string[]) {
  return {
    field: 'policy', type: 'nominal', title: 'policy',
    scale: { domain: [...policies], range: policies.map((_, i) => [...DASHES[i % DASHES.length]!]) },
  } as const;
}
