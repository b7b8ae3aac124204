import type { MetricDef, MetricSummary, RunMetrics } from '../metrics/types.js';
import type { OpenbRunData, ReportData } from './types.js';

/** The hostile policy name tests use: it tries to close the script element and run code. */
export const HOSTILE_POLICY = '</script><script>alert(1)</script>';

/** A few metric definitions shaped like the catalogue's (the report may not import it). */
export const SAMPLE_METRICS: readonly MetricDef[] = [
  { id: 'pods_scheduled', label: 'Pods scheduled', unit: 'pods', higherIsBetter: true, definition: 'Workload pods bound at least once.' },
  { id: 'cpu_alloc_mean_pct', label: 'CPU allocated (time mean)', unit: '%', higherIsBetter: true, definition: 'Requested over allocatable CPU, <averaged> over time.' },
  { id: 'nodes_in_use_end', label: 'Nodes in use (end)', unit: 'count', higherIsBetter: null, definition: 'Live nodes with a pod at the end.' },
  { id: 'gpu_alloc_end_pct', label: 'GPU allocated (end)', unit: '%', higherIsBetter: true, definition: 'NaN without GPUs.' },
];

/**
 * A small report's data for tests, built by hand: one scenario, 2 policies x 2 seeds (the
 * second policy named HOSTILE_POLICY), 4 nodes with hostile names, samples every 10 s,
 * 101 queue-delay quantiles, placements, and a summary with one significant difference.
 * The cluster has no GPUs (GPU values NaN) unless `gpus`: then GPU allocation varies by
 * policy and seed, over time and at the end, and the first two nodes have GPUs.
 */
export function sampleReportData(opts: { readonly gpus?: boolean } = {}): ReportData {
  const scenario = 'spread & "pack"';
  const policies = ['default-kube', HOSTILE_POLICY];
  const runs: RunMetrics[] = [];
  for (const [p, policy] of policies.entries()) {
    for (const seed of [1, 2]) {
      const load = 40 + 20 * p + seed;
      runs.push({
        key: { scenario, policy, seed },
        values: { pods_scheduled: 90 + 5 * p + seed, cpu_alloc_mean_pct: load + 0.123456789, nodes_in_use_end: 4 - p, gpu_alloc_end_pct: opts.gpus === true ? 50 + 10 * p + seed : Number.NaN },
        timing: { cycles: 100 + seed, cycleP50Us: 12.5 + p, cycleP99Us: 80.25, podsPerS: 50000 + 1000 * seed },
        timeseries: Array.from({ length: 7 }, (_, i) => ({
          tS: i * 10, running: i * (3 + p), pending: Math.max(0, 5 - i), cpuAllocPct: Math.min(100, i * load / 6), memAllocPct: i * 5 + seed, gpuAllocPct: opts.gpus === true ? Math.min(100, i * (50 + 10 * p) / 6) : Number.NaN,
        })),
        nodeUtilization: ['n-1', 'n-2', 'n-3', `<img src=x onerror=alert(2)>-${seed}`].map((node, k) => ({
          node, cpuPct: p === 0 ? 30 + 10 * k : (k < 2 ? 95 : 5), memPct: 20 + 15 * k,
          gpuPct: opts.gpus === true && k < 2 ? 40 + 30 * p + 10 * k : Number.NaN,
        })),
        queueDelayQuantilesS: Array.from({ length: 101 }, (_, i) => (i / 100) ** 3 * (10 + 20 * p + seed)),
        placements: [
          { pod: 'default/web-1', node: 'n-1', arrivalS: 0, bindS: 0.5, outcome: 'bound', attempts: 1 },
          { pod: 'default/"quoted",pod', node: '', arrivalS: 1.25, bindS: null, outcome: 'unschedulable', attempts: 3 },
        ],
      });
    }
  }
  const summary: MetricSummary[] = [];
  for (const policy of policies) {
    for (const m of SAMPLE_METRICS) {
      const xs = runs.filter((r) => r.key.policy === policy).map((r) => r.values[m.id]!);
      const mean = (xs[0]! + xs[1]!) / 2;
      const sd = Math.abs(xs[0]! - xs[1]!) / Math.SQRT2;
      const half = (12.706 * sd) / Math.SQRT2;
      const isBase = policy === policies[0];
      const base = runs.filter((r) => r.key.policy === policies[0]).map((r) => r.values[m.id]!);
      const baseMean = (base[0]! + base[1]!) / 2;
      summary.push({
        scenario, policy, metric: m.id, n: Number.isNaN(mean) ? 0 : 2, mean, sd, ci95Low: mean - half, ci95High: mean + half, baseline: policies[0]!,
        relDiffPct: isBase || !Number.isFinite(baseMean) ? Number.NaN : ((mean - baseMean) / Math.abs(baseMean)) * 100,
        // A made-up significant p for CPU so the page shows a marked cell.
        pValue: isBase || Number.isNaN(mean) ? Number.NaN : m.id === 'cpu_alloc_mean_pct' ? 0.01 : 0.5,
        test: isBase ? '' : 'paired sign-flip permutation (exact, two-sided)',
      });
    }
  }
  return {
    title: 'Sample <report> & friends',
    createdFor: ['scenarios/sample.yaml'],
    metrics: SAMPLE_METRICS,
    runs,
    summary,
    bench: [
      { benchmark: 'SchedulingBasic/500Nodes/pct=100', nodes: 500, existingPods: 500, percentageOfNodesToScore: 100, podsPerS: 90000, p50Us: 9.5, p99Us: 30, meanUs: 11.1, samples: 1000 },
      { benchmark: 'SchedulingBasic/5000Nodes/pct=100', nodes: 5000, existingPods: 1000, percentageOfNodesToScore: 100, podsPerS: 12000, p50Us: 70, p99Us: 200, meanUs: 83.3, samples: 1000 },
      { benchmark: 'SchedulingBasic/5000Nodes/pct=adaptive', nodes: 5000, existingPods: 1000, percentageOfNodesToScore: 0, podsPerS: 30000, p50Us: 30, p99Us: 90, meanUs: 33.3, samples: 1000 },
      { benchmark: 'SchedulingBasic/500Nodes/pct=adaptive', nodes: 500, existingPods: 500, percentageOfNodesToScore: 0, podsPerS: 95000, p50Us: 9, p99Us: 28, meanUs: 10.5, samples: 1000 },
    ],
    info: [['schedbench', '0.1.0']],
    scenarios: [{
      scenario,
      description: 'Spreading <b>against</b> packing on 4 nodes',
      policies: [
        { name: 'default-kube', filter: ['NodeUnschedulable', 'NodeResourcesFit'], score: [{ name: 'NodeResourcesFit', weight: 1 }, { name: 'PodTopologySpread', weight: 2 }] },
        {
          name: HOSTILE_POLICY, filter: ['NodeUnschedulable', 'NodeResourcesFit'], score: [{ name: 'NodeResourcesFit', weight: 1 }],
          args: { NodeResourcesFit: { scoringStrategy: { type: 'MostAllocated' } } }, percentageOfNodesToScore: 50, postFilter: [],
        },
      ],
    }],
  };
}

/**
 * sampleReportData with the openb experiment's runs for the same policies and seeds.
 * Demand of default-kube reaches 130 % (seed 1) and 90 % (seed 2, its curve padded with
 * nulls), so allocation at 100 % is seed 1's alone and the curve has 2 seeds up to 90 %
 * and 1 beyond; HOSTILE_POLICY's seeds reach 95 % and 80 %, so it has no value at 100 %.
 */
export function sampleOpenbReportData(): ReportData {
  const data = sampleReportData();
  const reach: Readonly<Record<string, readonly [number, number]>> = { 'default-kube': [130, 90], [HOSTILE_POLICY]: [95, 80] };
  const runs: OpenbRunData[] = data.runs.map(({ key }, i) => {
    const p = i < 2 ? 0 : 1;
    const top = reach[key.policy]![key.seed - 1]!;
    const alloc = (k: number) => Math.min(k, 95 - 10 * p) * (1 - 0.01 * key.seed) + key.seed / 3;
    const curve = Array.from({ length: 131 }, (_, k) => (k === 0 || k > top ? null : alloc(k)));
    const tasks = 1000 + 100 * p + key.seed;
    return {
      ...key, tasks, scheduled: tasks - 10 * p - key.seed, arrivedPctEnd: top + 0.5,
      allocAt100Pct: top >= 100 ? alloc(100) : null, allocEndPct: alloc(top), gpusUnallocatedEnd: 100 - Math.floor(alloc(top)),
      fragRateEndPct: 3.25 + p + key.seed / 7, curve,
    };
  });
  return { ...data, title: 'Sample openb <report>', openb: { runs } };
}
