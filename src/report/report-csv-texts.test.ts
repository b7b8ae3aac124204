import { describe, expect, it } from 'vitest';
import type { MetricDef, RunMetrics } from '../metrics/types.js';
import { reportCsvTexts } from './report-csv-texts.js';
import { reportTables } from './report-tables.js';
import { HOSTILE_POLICY, SAMPLE_METRICS, sampleReportData } from './sample-report-data.js';
import type { ReportData } from './types.js';

const METRICS: readonly MetricDef[] = [
  { id: 'pods_scheduled', label: 'Pods scheduled', unit: 'pods', higherIsBetter: true, definition: 'Bound pods.' },
  { id: 'frag_cpu_pct', label: 'Stranded CPU', unit: '%', higherIsBetter: false, definition: 'Stranded CPU.' },
];

const RUN: RunMetrics = {
  key: { scenario: 'tiny, "quoted"', policy: 'bin-pack', seed: 7 },
  values: { frag_cpu_pct: 1 / 3, pods_scheduled: 12 },
  timing: { cycles: 15, cycleP50Us: 10.25, cycleP99Us: 99.123456, podsPerS: 97561.2 },
  timeseries: [
    { tS: 0, running: 0, pending: 3, cpuAllocPct: 0, memAllocPct: 0, gpuAllocPct: Number.NaN },
    { tS: 60, running: 12, pending: 0, cpuAllocPct: 200 / 3, memAllocPct: 12.5, gpuAllocPct: Number.NaN },
  ],
  nodeUtilization: [{ node: 'node-a', cpuPct: 75, memPct: 50.0000001, gpuPct: Number.NaN }, { node: 'node-g', cpuPct: 10, memPct: 20, gpuPct: 200 / 3 }],
  queueDelayQuantilesS: [0, 0.5, 2.25],
  placements: [{ pod: 'default/p-1', node: 'node-a', arrivalS: 1, bindS: null, outcome: 'unschedulable', attempts: 2 }],
};

const TINY: ReportData = {
  title: 'tiny', createdFor: [], metrics: METRICS, runs: [RUN],
  summary: [{
    scenario: 'tiny, "quoted"', policy: 'bin-pack', metric: 'pods_scheduled', n: 1, mean: 12, sd: Number.NaN,
    ci95Low: Number.NaN, ci95High: Number.NaN, baseline: 'bin-pack', relDiffPct: Number.NaN, pValue: Number.NaN, test: '',
  }],
};

describe('report CSV files', () => {
  it('golden: exact bytes for a one-run report (catalogue column order, quoting, numbers, NaN empty, LF)', () => {
    const t = reportCsvTexts(reportTables(TINY), METRICS.map((m) => m.id));
    expect([...t.keys()]).toEqual(['runs.csv', 'summary.csv', 'timeseries.csv', 'node-utilization.csv', 'queue-delay.csv', 'placements.csv', 'timing.csv']);
    expect(t.get('runs.csv')).toBe(
      'scenario,policy,seed,pods_scheduled,frag_cpu_pct\n'
      + '"tiny, ""quoted""",bin-pack,7,12,0.333333\n');
    expect(t.get('summary.csv')).toBe(
      'scenario,policy,baseline,metric,n,mean,sd,ci95_low,ci95_high,rel_diff_pct,p_value,test\n'
      + '"tiny, ""quoted""",bin-pack,bin-pack,pods_scheduled,1,12,,,,,,\n');
    expect(t.get('timeseries.csv')).toBe(
      'scenario,policy,seed,t_s,running,pending,cpu_alloc_pct,mem_alloc_pct,gpu_alloc_pct\n'
      + '"tiny, ""quoted""",bin-pack,7,0,0,3,0,0,\n'
      + '"tiny, ""quoted""",bin-pack,7,60,12,0,66.6667,12.5,\n');
    expect(t.get('node-utilization.csv')).toBe(
      'scenario,policy,seed,node,cpu_pct,mem_pct,gpu_pct\n'
      + '"tiny, ""quoted""",bin-pack,7,node-a,75,50,\n'
      + '"tiny, ""quoted""",bin-pack,7,node-g,10,20,66.6667\n');
    expect(t.get('queue-delay.csv')).toBe(
      'scenario,policy,seed,quantile,delay_s\n'
      + '"tiny, ""quoted""",bin-pack,7,0,0\n'
      + '"tiny, ""quoted""",bin-pack,7,0.5,0.5\n'
      + '"tiny, ""quoted""",bin-pack,7,1,2.25\n');
    expect(t.get('placements.csv')).toBe(
      'scenario,policy,seed,pod,node,arrival_s,bind_s,outcome,attempts\n'
      + '"tiny, ""quoted""",bin-pack,7,default/p-1,node-a,1,,unschedulable,2\n');
    expect(t.get('timing.csv')).toBe(
      'scenario,policy,seed,cycles,cycle_p50_us,cycle_p99_us,pods_per_s\n'
      + '"tiny, ""quoted""",bin-pack,7,15,10.25,99.1235,97561.2\n');
  });

  it('placements.csv only when some run recorded placements; bench.csv only when given', () => {
    const t = reportCsvTexts(reportTables({ ...TINY, runs: [{ ...RUN, placements: null }], bench: [] }), ['pods_scheduled']);
    expect(t.has('placements.csv')).toBe(false);
    expect(t.get('bench.csv')).toBe('benchmark,nodes,existing_pods,percentage_of_nodes_to_score,pods_per_s,p50_us,p99_us,mean_us,samples\n');
  });

  it('the storage tables: exact bytes, in the run\'s row order; neither without the storage observer or when no run has rows', () => {
    const volumes = {
      pendingByReason: [
        { plugin: 'VolumeBinding', reason: 'node(s) had volume node affinity conflict', pods: 1 },
        { plugin: 'NodeVolumeLimits', reason: 'node(s) exceed max volume count', pods: 2 },
      ],
      provisionedByZone: [{ zone: '', volumes: 1 }, { zone: 'a', volumes: 2 }],
    };
    const t = reportCsvTexts(reportTables({ ...TINY, runs: [{ ...RUN, volumes }] }), ['pods_scheduled']);
    expect(t.get('volumes-pending-by-reason.csv')).toBe(
      'scenario,policy,seed,plugin,reason,pods\n'
      + '"tiny, ""quoted""",bin-pack,7,VolumeBinding,node(s) had volume node affinity conflict,1\n'
      + '"tiny, ""quoted""",bin-pack,7,NodeVolumeLimits,node(s) exceed max volume count,2\n');
    expect(t.get('volumes-by-zone.csv')).toBe('scenario,policy,seed,zone,volumes\n"tiny, ""quoted""",bin-pack,7,,1\n"tiny, ""quoted""",bin-pack,7,a,2\n');
    // One table with rows does not bring the other.
    const zonesOnly = reportCsvTexts(reportTables({ ...TINY, runs: [{ ...RUN, volumes: { ...volumes, pendingByReason: [] } }] }), ['pods_scheduled']);
    expect([zonesOnly.has('volumes-pending-by-reason.csv'), zonesOnly.has('volumes-by-zone.csv')]).toEqual([false, true]);
    for (const run of [RUN, { ...RUN, volumes: { pendingByReason: [], provisionedByZone: [] } }]) {
      const none = reportCsvTexts(reportTables({ ...TINY, runs: [run] }), ['pods_scheduled']);
      expect([none.has('volumes-pending-by-reason.csv'), none.has('volumes-by-zone.csv')]).toEqual([false, false]);
    }
  });

  it('queue-delay quantiles are 0, 0.01, ..., 1 written exactly', () => {
    const t = reportCsvTexts(reportTables(sampleReportData()), SAMPLE_METRICS.map((m) => m.id));
    const qs = t.get('queue-delay.csv')!.trim().split('\n').slice(1, 102).map((l) => l.split(',').at(-2));
    expect(qs).toEqual(Array.from({ length: 101 }, (_, i) => String(i / 100)));
  });

  it('deterministic: the same data gives the same bytes, hostile names quoted only when needed', () => {
    const a = reportCsvTexts(reportTables(sampleReportData()), SAMPLE_METRICS.map((m) => m.id));
    const b = reportCsvTexts(reportTables(sampleReportData()), SAMPLE_METRICS.map((m) => m.id));
    expect([...a.entries()]).toEqual([...b.entries()]);
    expect(a.get('runs.csv')).toContain(`,${HOSTILE_POLICY},1,`);
    for (const text of a.values()) expect(text).not.toContain('\r');
  });
});
