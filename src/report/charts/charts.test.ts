import { logger, parse, View, Warn } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { reportTables } from '../report-tables.js';
import { HOSTILE_POLICY, SAMPLE_METRICS, sampleOpenbReportData, sampleReportData } from '../sample-report-data.js';
import type { GroupOutcomeRow } from '../types.js';
import { groupOutcomesChart } from './group-outcomes-chart.js';
import { metricMeansChart } from './metric-means-chart.js';
import { nodeUtilizationChart } from './node-utilization-chart.js';
import { openbCurveChart } from './openb-curve-chart.js';
import { queueDelayChart } from './queue-delay-chart.js';
import { scalingChart } from './scaling-chart.js';
import { utilizationChart } from './utilization-chart.js';

const data = sampleReportData();
const tables = reportTables(data);
const openb = reportTables(sampleOpenbReportData()).openb!;
const policies = ['default-kube', HOSTILE_POLICY];
/** Batch waits longer under the second policy while services do not: the case the chart is for. */
const groups: GroupOutcomeRow[] = policies.flatMap((policy, p) => [1, 2].flatMap((seed) => [
  { scenario: 's', policy, seed, by: 'workload', group: 'Job/batch', pods: 100, unschedulableEnd: 0, delayP50S: 0, delayP95S: 10 + 50 * p, delayP99S: 80 },
  { scenario: 's', policy, seed, by: 'workload', group: 'ReplicaSet/web', pods: 20, unschedulableEnd: 0, delayP50S: 0, delayP95S: 1, delayP99S: 1 },
  { scenario: 's', policy, seed, by: 'priority', group: '1000 (service)', pods: 20, unschedulableEnd: 0, delayP50S: 0, delayP95S: 1, delayP99S: 1 },
]));

/** Compiles with vega-lite, collecting its warnings, then renders headless to SVG (no canvas needed). */
async function compileAndRender(spec: TopLevelSpec): Promise<{ warnings: string[]; svg: string }> {
  const warnings: string[] = [];
  const log = logger(Warn, 'warn', (_m, _level, args) => { warnings.push(args.map(String).join(' ')); });
  const vg = compile(spec, { logger: log }).spec;
  const view = new View(parse(vg), { renderer: 'none' });
  try {
    return { warnings, svg: await view.toSVG() };
  } finally {
    view.finalize();
  }
}

describe('chart specs', () => {
  const cases: { name: string; spec: () => TopLevelSpec | null; marks: RegExp }[] = [
    { name: 'metricMeansChart', spec: () => metricMeansChart(SAMPLE_METRICS, data.summary, policies), marks: /mark-rect/ },
    { name: 'utilizationChart', spec: () => utilizationChart(tables.timeseries!, policies), marks: /mark-line/ },
    { name: 'nodeUtilizationChart', spec: () => nodeUtilizationChart(tables.nodeUtilization!, policies), marks: /mark-rect/ },
    { name: 'nodeUtilizationChart with GPUs', spec: () => nodeUtilizationChart(reportTables(sampleReportData({ gpus: true })).nodeUtilization!, policies), marks: /mark-rect/ },
    { name: 'queueDelayChart', spec: () => queueDelayChart(tables.queueDelay!, policies), marks: /mark-line/ },
    { name: 'scalingChart', spec: () => scalingChart(tables.bench!), marks: /mark-line/ },
    { name: 'openbCurveChart', spec: () => openbCurveChart(openb.curve, policies), marks: /mark-line/ },
    { name: 'groupOutcomesChart', spec: () => groupOutcomesChart(groups, policies), marks: /mark-rect/ },
  ];
  for (const c of cases) {
    it(`${c.name}: valid vega-lite that compiles without warnings and renders marks`, async () => {
      const spec = c.spec();
      expect(spec).not.toBeNull();
      const { warnings, svg } = await compileAndRender(spec!);
      expect(warnings).toEqual([]);
      expect(svg).toMatch(c.marks);
      expect(svg).toMatch(/<path/);
    });
  }

  it('every chart is null without data', () => {
    expect(metricMeansChart(SAMPLE_METRICS, [], policies)).toBeNull();
    expect(utilizationChart([], policies)).toBeNull();
    expect(nodeUtilizationChart([], policies)).toBeNull();
    expect(queueDelayChart([], policies)).toBeNull();
    expect(scalingChart([])).toBeNull();
    expect(openbCurveChart([], policies)).toBeNull();
    expect(groupOutcomesChart([], policies)).toBeNull();
  });

  it('per-node allocation: a GPU column only where some node has GPUs', () => {
    const columns = (gpus: boolean) => {
      const spec = nodeUtilizationChart(reportTables(sampleReportData({ gpus })).nodeUtilization!, policies) as { facet: { column: { sort: string[] } }; data: { values: { resource: string }[] } };
      return [spec.facet.column.sort, [...new Set(spec.data.values.map((v) => v.resource))]];
    };
    expect(columns(false)).toEqual([['CPU', 'Memory'], ['CPU', 'Memory']]);
    expect(columns(true)).toEqual([['CPU', 'Memory', 'GPU'], ['CPU', 'Memory', 'GPU']]);
  });

  it('outcomes by group: a measure 0 everywhere is not drawn, and nothing at all when every measure is 0', () => {
    const measures = (rows: GroupOutcomeRow[]) => [...new Set((groupOutcomesChart(rows, policies) as { data: { values: { measure: string }[] } }).data.values.map((v) => v.measure))];
    expect(measures(groups)).toEqual(['queueing delay p95 (s)']);
    expect(measures(groups.map((g) => ({ ...g, unschedulableEnd: 1 })))).toEqual(['queueing delay p95 (s)', 'unschedulable at end (pods)']);
    expect(groupOutcomesChart(groups.map((g) => ({ ...g, delayP95S: 0 })), policies)).toBeNull();
  });

  it('metric chart: all-NaN metrics are left out, verdicts colour the bars', () => {
    const spec = metricMeansChart(SAMPLE_METRICS, data.summary, policies) as { data: { values: { metric: string; verdict: string; policy: string }[] } };
    const metrics = [...new Set(spec.data.values.map((v) => v.metric))];
    expect(metrics).toEqual(['Pods scheduled (pods)', 'CPU allocated (time mean) (%)', 'Nodes in use (end) (count)']);
    expect(spec.data.values.filter((v) => v.policy === HOSTILE_POLICY).map((v) => v.verdict)).toEqual(['not significant', 'better', 'not significant']);
  });

  it('utilization chart: a GPU panel only when some sample has GPUs', () => {
    const resources = (rows: typeof tables.timeseries) => [...new Set((utilizationChart(rows!, policies) as { data: { values: { resource: string }[] } }).data.values.map((v) => v.resource))];
    expect(resources(tables.timeseries)).toEqual(['CPU', 'Memory']);
    expect(resources(tables.timeseries!.map((r) => ({ ...r, gpuAllocPct: 50 })))).toEqual(['CPU', 'Memory', 'GPU']);
  });

  it('no chart without information: queueing delays all 0 give no CDF (no axis reading 0.000000)', () => {
    expect(queueDelayChart(tables.queueDelay!.map((r) => ({ ...r, delayS: 0 })), policies)).toBeNull();
  });

  it('line charts tell policies apart by dash as well as colour, so identical lines stay visible', () => {
    for (const spec of [utilizationChart(tables.timeseries!, policies), queueDelayChart(tables.queueDelay!, policies), openbCurveChart(openb.curve, policies)]) {
      const dash = JSON.stringify(spec).match(/"strokeDash":\{"field":"policy"[^}]*"range":(\[\[[^\]]*\],\[[^\]]*\]\])/);
      expect(dash?.[1]).toBe('[[1,0],[7,3]]');
    }
  });

  it('pure: same input, same spec', () => {
    expect(JSON.stringify(queueDelayChart(tables.queueDelay!, policies))).toBe(JSON.stringify(queueDelayChart(tables.queueDelay!, policies)));
  });
});
