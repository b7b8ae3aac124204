import type { TopLevelSpec } from 'vega-lite';
import type { MetricDef } from '../metrics/types.js';
import { uniqueInOrder } from './aggregate/unique-in-order.js';
import { groupOutcomesChart } from './charts/group-outcomes-chart.js';
import { metricMeansChart } from './charts/metric-means-chart.js';
import { nodeUtilizationChart } from './charts/node-utilization-chart.js';
import { openbCurveChart } from './charts/openb-curve-chart.js';
import { queueDelayChart } from './charts/queue-delay-chart.js';
import { scalingChart } from './charts/scaling-chart.js';
import { utilizationChart } from './charts/utilization-chart.js';
import { benchTableHtml } from './html/bench-table-html.js';
import { CHART_BOOTSTRAP } from './html/chart-bootstrap.js';
import { definitionsHtml } from './html/definitions-html.js';
import { escapeHtml } from './html/escape-html.js';
import { openbSummaryTableHtml } from './html/openb-summary-table-html.js';
import { PAGE_STYLE } from './html/page-style.js';
import { scriptJson } from './html/script-json.js';
import { summaryTableHtml } from './html/summary-table-html.js';
import { timingTableHtml } from './html/timing-table-html.js';
import { policySettingsHtml } from './html/policy-settings-html.js';
import { pageVerdictHtml, scenarioVerdictHtml } from './html/verdict-html.js';
import { whatifSectionHtml } from './html/whatif-section-html.js';
import type { VegaBundles } from './html/vega-bundles.js';
import { pageMetrics } from './page-metrics.js';
import { REPORT_FILE_DESCRIPTIONS, REPORT_FILES } from './report-files.js';
import type { ScenarioVerdict } from './scenario-verdict.js';
import { scenarioVerdict } from './scenario-verdict.js';
import type { ReportInfo, ReportTables } from './types.js';

/** What a page is drawn from: the report's info, the metric catalogue and its tables. */
export interface ReportPage {
  readonly info: ReportInfo;
  readonly metrics: readonly MetricDef[];
  readonly tables: ReportTables;
  /** Files present in the report folder, for the page's file list. */
  readonly files: readonly string[];
}

/**
 * The report as one self-contained HTML page: the vega bundles and every chart's data are
 * inlined, and a Content-Security-Policy forbids any fetch, so the page works offline and
 * from file://. First, in an openb report, the experiment's summary table and its
 * allocation-vs-arrived-demand chart; in a replay's report, the "What if" section. Then per scenario: the summary table, the metric
 * chart, allocation over time, per-node allocation, queueing delay and scheduler
 * wall-clock time; then the scaling
 * chart (when bench.csv is present), the metric definitions and the file list.
 * User-supplied strings are HTML-escaped; chart specs are embedded as script-safe JSON.
 * Pure: the same page and bundles give the same text.
 */
export function renderReportHtml(page: ReportPage, bundles: VegaBundles): string {
  return renderReportPage(page, bundles).html;
}

/** One chart of a page: what `schedbench figures` writes, one file each. */
export interface PageFigure {
  /** What the chart belongs to: a scenario's name, or "openb" / "scaling" for the page-wide ones. */
  readonly owner: string;
  /** The chart's name, kebab-case (metric-means, allocation-over-time, ...). */
  readonly chart: string;
  readonly spec: TopLevelSpec;
}

/** renderReportHtml, also giving every chart of the page in page order (for figures). */
export function renderReportPage(page: ReportPage, bundles: VegaBundles): { html: string; figures: PageFigure[] } {
  const { info, tables } = page;
  const metrics = pageMetrics(page.metrics, tables);
  const charts: { id: string; spec: TopLevelSpec }[] = [];
  const figures: PageFigure[] = [];
  // Container ids are counters, never user strings.
  const chart = (spec: TopLevelSpec | null, what: string, owner = '', name = ''): string => {
    if (spec === null) return `<p class="empty">No ${what} in this report.</p>`;
    const id = `chart-${charts.length + 1}`;
    charts.push({ id, spec });
    figures.push({ owner, chart: name, spec });
    return `<div class="chart" id="${id}" data-chart="${escapeHtml(what)}"></div>`;
  };
  const scenarios = uniqueInOrder([...tables.runs.map((r) => r.scenario), ...tables.summary.map((s) => s.scenario)]);
  const sections: string[] = [];
  const nav: string[] = [];
  const verdicts: { verdict: ScenarioVerdict; sectionId: string }[] = [];
  if (tables.openb !== null) {
    const policies = uniqueInOrder([...tables.openb.summary.map((s) => s.policy), ...tables.openb.curve.map((c) => c.policy)]);
    nav.push('<li><a href="#openb">GPU allocation experiment (openb)</a></li>');
    sections.push([
      '<section id="openb">',
      '<h2>GPU allocation experiment (openb)</h2>',
      '<p class="note">Tasks drawn from the trace arrive until their GPU requests reach the chosen multiple of the GPU capacity (inflate); each is scheduled once and none leaves. From openb-summary.csv, openb-runs.csv and openb-curve.csv.</p>',
      '<h3>Summary</h3>',
      tables.openb.summary.length > 0 ? openbSummaryTableHtml(tables.openb.summary) : '<p class="empty">No openb summary rows in this report.</p>',
      '<h3>GPU allocation against arrived GPU demand</h3>',
      '<p class="note">Mean over the seeds whose arrived demand reached each percent; the dashed line marks arrived demand equal to the GPU capacity.</p>',
      chart(openbCurveChart(tables.openb.curve, policies), 'openb allocation curve', 'openb', 'allocation-curve'),
      '</section>',
    ].join('\n'));
  }
  if (tables.whatif !== null) {
    nav.push('<li><a href="#whatif">What if</a></li>');
    sections.push(whatifSectionHtml(tables.whatif, page.metrics));
  }
  scenarios.forEach((scenario, i) => {
    const sid = `scenario-${i + 1}`;
    const of = <T extends { scenario: string }>(rows: readonly T[] | null) => (rows ?? []).filter((r) => r.scenario === scenario);
    const summary = of(tables.summary);
    const runs = of(tables.runs);
    const policies = uniqueInOrder([...runs.map((r) => r.policy), ...summary.map((s) => s.policy)]);
    const seeds = uniqueInOrder(runs.map((r) => r.seed));
    const verdict = scenarioVerdict(scenario, metrics, summary, runs);
    verdicts.push({ verdict, sectionId: sid });
    // Metrics equal in every run are said once, in the verdict; tables and charts show the rest.
    const constant = new Set(verdict.constant.map((c) => c.metric.id));
    const varying = metrics.filter((m) => !constant.has(m.id));
    const twins = verdict.policies.filter((p) => p.identicalTo !== null)
      .map((p) => ` ${escapeHtml(p.policy)} ran identically to ${escapeHtml(p.identicalTo!)}: their lines lie on each other (dashes tell them apart).`).join('');
    const delays = of(tables.queueDelay);
    // gpu_pct is empty for a node without GPUs: a CPU-only scenario gets neither the GPU histogram nor its note.
    const nodeRows = of(tables.nodeUtilization);
    const description = of(tables.scenarios)[0]?.description ?? '';
    const settings = of(tables.policies);
    nav.push(`<li><a href="#${sid}">${escapeHtml(scenario)}</a></li>`);
    sections.push([
      `<section id="${sid}" class="scenario" data-scenario="${escapeHtml(scenario)}">`,
      `<h2>Scenario: ${escapeHtml(scenario)}</h2>`,
      ...(description !== '' ? [`<p class="description">${escapeHtml(description)}</p>`] : []),
      `<p class="note">${policies.length} ${policies.length === 1 ? 'policy' : 'policies'}, ${seeds.length} ${seeds.length === 1 ? 'seed' : 'seeds'} (${seeds.join(', ')}), ${runs.length} runs; baseline: ${escapeHtml(summary[0]?.baseline ?? '—')}.${twins}</p>`,
      scenarioVerdictHtml(verdict, `verdict-${sid}`),
      ...(settings.length > 0 ? ['<h3>Policies</h3>', policySettingsHtml(settings, policies)] : []),
      '<h3>Summary</h3>',
      varying.length === 0 && summary.length > 0 ? '<p class="empty">Every metric was the same in every run (listed above).</p>'
        : summary.length > 0 ? summaryTableHtml(varying, summary, policies) : '<p class="empty">No summary rows for this scenario.</p>',
      '<h3>Metrics by policy</h3>',
      '<p class="note">Bars: mean over seeds; black lines: 95% confidence interval; colour: comparison with the baseline.</p>',
      chart(metricMeansChart(varying, summary, policies), 'metric means', scenario, 'metric-means'),
      '<h3>Allocation over time</h3>',
      '<p class="note">Requested over allocatable resources of live nodes, mean over seeds.</p>',
      chart(utilizationChart(of(tables.timeseries), policies), 'allocation samples', scenario, 'allocation-over-time'),
      '<h3>Per-node allocation at the end</h3>',
      `<p class="note">Distribution of nodes by how much of their allocatable resources is requested, all seeds pooled.${nodeRows.some((r) => Number.isFinite(r.gpuPct))
        ? ' GPU: allocated over total milli-GPU (a whole nvidia.com/gpu as 1000) of the nodes with GPUs; nodes without GPUs are left out.' : ''}</p>`,
      chart(nodeUtilizationChart(nodeRows, policies), 'per-node allocation', scenario, 'per-node-allocation'),
      '<h3>Queueing delay</h3>',
      '<p class="note">Cumulative distribution of the delay from arrival to first bind of the pods that were bound, quantiles averaged over seeds.</p>',
      delays.length > 0 && !delays.some((d) => d.delayS > 0)
        ? '<p class="empty">No pod waited: under every policy each bound pod was bound when it arrived.</p>'
        : chart(queueDelayChart(delays, policies), 'queueing delays', scenario, 'queueing-delay'),
      ...(of(tables.groups).length > 0 ? [
        '<h3>By workload and priority</h3>',
        '<p class="note">Queueing delay p95 and pods unschedulable at the end for each workload (a Deployment\'s pods as <code>Deployment/&lt;name&gt;</code>, other pods by their controller <code>&lt;kind&gt;/&lt;name&gt;</code>, <code>(no owner)</code> for bare pods) and each priority band, mean over seeds (outcomes-by-group.csv has p50 and p99 too); a measure that is 0 everywhere is not drawn.</p>',
        groupOutcomesChart(of(tables.groups), policies) === null
          ? '<p class="empty">No workload or priority band waited or was left unschedulable under any policy.</p>'
          : chart(groupOutcomesChart(of(tables.groups), policies), 'outcomes by group', scenario, 'outcomes-by-group'),
      ] : []),
      '<h3>Scheduler wall-clock time</h3>',
      tables.timing === null || of(tables.timing).length === 0 ? '<p class="empty">No timing in this report.</p>' : timingTableHtml(of(tables.timing), policies),
      '</section>',
    ].join('\n'));
  });
  if (tables.bench !== null) {
    nav.push('<li><a href="#scaling">Scaling</a></li>');
    sections.push([
      '<section id="scaling">',
      '<h2>Scaling of the scheduling core</h2>',
      '<p class="note">From bench.csv (<code>npm run bench</code>): pods scheduled per second by one scheduleOne + bind, against cluster size; wall clock of the machine that ran it.</p>',
      chart(scalingChart(tables.bench), 'benchmarks', 'scaling', 'pods-per-second'),
      benchTableHtml(tables.bench),
      '</section>',
    ].join('\n'));
  }
  nav.push('<li><a href="#definitions">Metric definitions</a></li>', '<li><a href="#files">Files</a></li>');
  sections.push(`<section id="definitions">\n<h2>Metric definitions</h2>\n${definitionsHtml(metrics)}\n</section>`);
  const files = REPORT_FILE_DESCRIPTIONS.filter(([f]) => page.files.includes(f))
    .map(([f, what]) => `<li><a href="${escapeHtml(f)}">${escapeHtml(f)}</a>: ${escapeHtml(what)}</li>`);
  sections.push(`<section id="files">\n<h2>Files</h2>\n<ul>\n${files.join('\n')}\n</ul>\n<p class="note">Rebuild this page from the CSV files with <code>schedbench report &lt;folder&gt;</code>.</p>\n</section>`);

  const policiesAll = uniqueInOrder(tables.runs.map((r) => r.policy));
  const seedsAll = uniqueInOrder(tables.runs.map((r) => r.seed));
  const facts: [string, string][] = [
    ...(info.createdFor.length > 0 ? [['made for', info.createdFor.join(', ')] as [string, string]] : []),
    ['scenarios', String(scenarios.length)],
    ['policies', policiesAll.join(', ')],
    ['seeds', seedsAll.join(', ')],
    ['runs', String(tables.runs.length)],
    ...info.info.map(([k, v]) => [k, v] as [string, string]),
  ];
  const script = (src: string) => `<script>${src.replace(/<\/script/gi, '<\\/script')}</script>`;
  const html = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // vega compiles expressions with new Function, hence 'unsafe-eval'; nothing may be fetched.
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'unsafe-inline\' \'unsafe-eval\'; style-src \'unsafe-inline\'; img-src data:">',
    `<title>${escapeHtml(info.title)}</title>`,
    `<style>${PAGE_STYLE}</style>`,
    // Order matters: vega-lite and vega-embed find the globals the earlier bundles set.
    script(bundles.vega),
    script(bundles.vegaLite),
    script(bundles.vegaEmbed),
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(info.title)}</h1>`,
    `<dl class="info">${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`,
    '</header>',
    `<nav><ul><li><a href="#verdict">Verdict</a></li>${nav.join('')}</ul></nav>`,
    '<main>',
    pageVerdictHtml(verdicts),
    ...sections,
    '</main>',
    '<footer>Made by schedbench. Deterministic parts (all but the wall-clock figures) are identical for identical inputs.</footer>',
    `<script type="application/json" id="report-charts">${scriptJson(charts)}</script>`,
    `<script>${CHART_BOOTSTRAP}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { html, figures };
}
