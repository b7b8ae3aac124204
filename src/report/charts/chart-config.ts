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
