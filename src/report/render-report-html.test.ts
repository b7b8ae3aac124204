import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { parseReportTables } from './parse-report-tables.js';
import type { ReportPage } from './render-report-html.js';
import { renderReportHtml } from './render-report-html.js';
import { reportCsvTexts } from './report-csv-texts.js';
import { reportTables } from './report-tables.js';
import { HOSTILE_POLICY, SAMPLE_METRICS, sampleReportData } from './sample-report-data.js';

// Stand-in bundles keep these tests fast; the browser test uses the real ones.
const FAKE = { vega: 'var vega = "</script>";', vegaLite: 'var vegaLite = {};', vegaEmbed: 'var vegaEmbed = null;' };

function page(over: Partial<ReportPage> = {}, gpus = false): ReportPage {
  const data = sampleReportData({ gpus });
  const tables = parseReportTables(reportCsvTexts(reportTables(data), SAMPLE_METRICS.map((m) => m.id)), '');
  return { info: { title: data.title, createdFor: data.createdFor, info: data.info ?? [] }, metrics: SAMPLE_METRICS, tables, files: ['runs.csv'], ...over };
}

function chartsJson(html: string): { id: string; spec: TopLevelSpec }[] {
  const m = /<script type="application\/json" id="report-charts">([^]*?)<\/script>/.exec(html);
  return JSON.parse(m![1]!) as { id: string; spec: TopLevelSpec }[];
}

describe('renderReportHtml', () => {
  it('escapes every user string in the page, and the embedded JSON cannot close its script', () => {
    const html = renderReportHtml(page(), FAKE);
    expect(html).not.toContain(HOSTILE_POLICY);
    expect(html).not.toContain('<img');
    expect(html).toContain('<title>Sample &lt;report&gt; &amp; friends</title>');
    expect(html).toContain('<h2>Scenario: spread &amp; &quot;pack&quot;</h2>');
    expect(html).toContain('<th scope="col" class="policy">&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</th>');
    expect(html).toContain('\\u003c/script>\\u003cscript>alert(1)\\u003c/script>');
    // 3 bundles, the chart JSON and the bootstrap: no other script element opened.
    expect(html.match(/<script/g)).toHaveLength(5);
    expect(html).toContain('var vega = "<\\/script>";');
  });

  it('embeds one spec per chart container, the data intact after JSON.parse', () => {
    const html = renderReportHtml(page(), FAKE);
    const charts = chartsJson(html);
    expect(charts.map((c) => c.id)).toEqual(['chart-1', 'chart-2', 'chart-3', 'chart-4', 'chart-5']);
    for (const c of charts) expect(html).toContain(`<div class="chart" id="${c.id}"`);
    expect(JSON.stringify(charts[0]!.spec)).toContain(JSON.stringify(HOSTILE_POLICY));
  });

  it('U+2028 and U+2029 in names are escaped in the JSON', () => {
    const p = page();
    const runs = p.tables.runs.map((r) => ({ ...r, policy: `a\u2028b\u2029c` }));
    const summary = p.tables.summary.map((s) => ({ ...s, policy: 'a\u2028b\u2029c', baseline: 'a\u2028b\u2029c' }));
    const html = renderReportHtml({ ...p, tables: { ...p.tables, runs, summary } }, FAKE);
    const json = /id="report-charts">([^]*?)<\/script>/.exec(html)![1]!;
    expect(json).not.toMatch(/[\u2028\u2029]/);
    expect(json).toContain('a\\u2028b\\u2029c');
  });

  it('a missing table says so instead of drawing an empty chart; no bench.csv, no scaling section', () => {
    const p = page();
    const html = renderReportHtml({ ...p, tables: { ...p.tables, timeseries: null, bench: null } }, FAKE);
    expect(html).toContain('<p class="empty">No allocation samples in this report.</p>');
    expect(html).not.toContain('id="scaling"');
    expect(chartsJson(html)).toHaveLength(3);
  });

  it('metrics the catalogue does not know are still shown, by id', () => {
    const p = page();
    const runs = p.tables.runs.map((r) => ({ ...r, values: { ...r.values, future_metric: 1 } }));
    const html = renderReportHtml({ ...p, tables: { ...p.tables, runs } }, FAKE);
    expect(html).toContain('<code>future_metric</code>');
  });

  it('opens with the verdict: id="verdict" at the top, then each scenario section opens with its own', () => {
    const html = renderReportHtml(page(), FAKE);
    const top = html.indexOf('<section id="verdict" class="verdict">');
    expect(top).toBeGreaterThan(html.indexOf('<main>'));
    expect(top).toBeLessThan(html.indexOf('<section id="scenario-1"'));
    // The sample's CPU metric has p = 0.01 (made up), +variant over the baseline: better.
    expect(html).toMatch(/<div class="verdict" id="verdict-scenario-1">\n<p class="verdict-head"><b>&lt;\/script&gt;/);
    expect(html).toContain('<li class="verdict-better" data-metric="cpu_alloc_mean_pct"><b>▲ better</b> CPU allocated (time mean): +48.0% (61.62 against 41.62 %; p = 0.010)</li>');
    expect(html).toContain('No significant difference in Pods scheduled, Nodes in use (end).');
    expect(html).toContain('Undefined in every run: GPU allocated (end).');
    expect(html).toContain('With 2 paired seeds the smallest possible p is 0.500, not below 0.05');
  });

  it('GPU rows, GPU series and the GPU per-node histogram only where the cluster has GPUs', () => {
    /** The resources a chart's data draws (allocation over time, per-node allocation). */
    const resources = (html: string) => chartsJson(html).map((c) => [...new Set((c.spec as { data?: { values?: { resource?: string }[] } }).data?.values?.map((v) => v.resource) ?? [])].filter((r) => r !== undefined));
    const cpuOnly = renderReportHtml(page(), FAKE);
    expect(cpuOnly).not.toContain('data-metric="gpu_alloc_end_pct"');
    expect(cpuOnly).not.toMatch(/"metric":"GPU allocated \(end\) \(%\)"/);
    expect(resources(cpuOnly).flat()).not.toContain('GPU');
    expect(cpuOnly).not.toContain('of the nodes with GPUs');
    // Said once, in the line of metrics the runs did not define.
    expect(cpuOnly.match(/GPU allocated \(end\)/g)).toHaveLength(2);
    expect(cpuOnly).toContain('Undefined in every run: GPU allocated (end).');

    const gpu = renderReportHtml(page({}, true), FAKE);
    expect(gpu).toContain('<tr data-metric="gpu_alloc_end_pct">');
    expect(gpu).toMatch(/"metric":"GPU allocated \(end\) \(%\)"/);
    // Allocation over time and per-node allocation draw GPU beside CPU and memory.
    expect(resources(gpu)).toEqual([[], ['CPU', 'Memory', 'GPU'], ['CPU', 'Memory', 'GPU'], [], []]);
    expect(gpu).toContain('GPU: allocated over total milli-GPU (a whole nvidia.com/gpu as 1000) of the nodes with GPUs; nodes without GPUs are left out.');
    // The GPU histogram counts the 2 GPU nodes of each seed: 4 node rows per policy, in the
    // bins of 40% and 50% (default-kube) and of 70% and 80% (the other policy).
    const perNode = chartsJson(gpu)[2]!.spec as { data: { values: { policy: string; resource: string; fromPct: number; nodes: number }[] } };
    const gpuBars = perNode.data.values.filter((v) => v.resource === 'GPU' && v.nodes > 0).map((v) => [v.policy, v.fromPct, v.nodes]);
    expect(gpuBars).toEqual([['default-kube', 40, 2], ['default-kube', 50, 2], [HOSTILE_POLICY, 70, 2], [HOSTILE_POLICY, 80, 2]]);
    expect(gpu).not.toContain('Undefined in every run: GPU allocated (end).');
  });

  it('pure: same page, same text', () => {
    expect(renderReportHtml(page(), FAKE)).toBe(renderReportHtml(page(), FAKE));
  });
});
