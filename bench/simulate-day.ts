import { pathToFileURL } from 'node:url';
import { ClusterState } from '../src/cluster/cluster-state.js';
import { buildFramework } from '../src/framework/framework.js';
import type { ProfileSpec } from '../src/framework/profile.js';
import { defaultProfile } from '../src/framework/profile.js';
import { Scheduler } from '../src/framework/scheduler.js';
import { arrivalTimes } from '../src/generators/arrival-times.js';
import type { ClusterSpec } from '../src/generators/cluster-spec.js';
import { ZONE_LABEL } from '../src/generators/cluster-spec.js';
import { generateCluster } from '../src/generators/generate-cluster.js';
import { generateWorkload } from '../src/generators/generate-workload.js';
import { Rng } from '../src/generators/rng.js';
import type { DeploymentSpec, JobSpec, WorkloadPlan, WorkloadSpec } from '../src/generators/workload-spec.js';
import { compileNode } from '../src/model/compile-node.js';
import { compilePod } from '../src/model/compile-pod.js';
import type { PodId } from '../src/model/ids.js';
import { ModelContext } from '../src/model/model-context.js';
import { inTreeRegistry } from '../src/plugins/index.js';
import type { ExplainFailures } from '../src/sim/sim-options.js';
import { registerWorkloadObjects } from '../src/run/register-workload-objects.js';
import { simulate } from '../src/sim/simulator.js';
import type { PodArrival, SimResult } from '../src/sim/types.js';

/** Options of the simulated-day benchmark. */
export interface SimulateDayOptions {
  /** @default 10000 */
  readonly nodes?: number;
  /** Pods the day's workloads create, about (30% Deployment replicas, 70% Job completions). @default 100000 */
  readonly pods?: number;
  /** Length of the simulated day, seconds. @default 86400 */
  readonly daySeconds?: number;
  /** @default 1 */
  readonly seed?: number;
  /** @default defaultProfile() */
  readonly profile?: ProfileSpec;
  /** @default 300 */
  readonly sampleIntervalS?: number;
  /** SimOptions.explainFailures. @default 'first' */
  readonly explainFailures?: ExplainFailures;
}

/** What one simulated day measured (wall-clock figures vary from run to run). */
export interface SimulateDayReport {
  readonly nodes: number;
  /** Pods the workloads plan (arrivals), including Job pods still held back at the end. */
  readonly pods: number;
  readonly deployments: number;
  readonly jobs: number;
  readonly setupS: number;
  /** Wall time of simulate() alone. */
  readonly simulateS: number;
  /** Arrived pods per wall second of simulate(). */
  readonly podsPerS: number;
  readonly cycles: number;
  readonly cyclesPerS: number;
  readonly cycleP50Us: number;
  readonly cycleP99Us: number;
  readonly peakRssBytes: number;
  readonly result: SimResult;
}

/** Request shapes (cpu, memory): small services to medium batch pods. */
const SHAPES: readonly (readonly [string, string])[] = [
  ['100m', '128Mi'], ['250m', '256Mi'], ['500m', '512Mi'], ['500m', '1Gi'], ['1', '2Gi'], ['2', '4Gi'], ['4', '8Gi'],
];

/** 16 CPU, 64Gi, 110 pods per node, dealt over 3 zones. */
export function dayCluster(nodes: number): ClusterSpec {
  return {
    pools: [{ name: 'node', count: nodes, capacity: { cpu: '16', memory: '64Gi', pods: '110' } }],
    topology: { regions: 1, zonesPerRegion: 3 },
  };
}

/**
 * About `pods` pods over a day of `dayS` seconds, drawn from `rng`:
 *   - Deployments (30% of the pods): 50-150 replicas each, rolled out as a Poisson
 *     process at 1 pod/s, half of them at the start of the day and half at times spread
 *     evenly over it; the pods run to the end; priority 1000; one in four spreads over
 *     zones (maxSkew 1, DoNotSchedule);
 *   - Jobs (70%): 20-200 completions each, parallelism 5-50, submitted at the times of a
 *     diurnal process (peak at 14:00), pods created at submission and held back by the
 *     Job's parallelism; lognormal run times (median 20 min, sigma 1); priority 0, one
 *     Job in ten 100.
 * Request shapes are drawn per workload from SHAPES.
 */
export function dayWorkload(pods: number, dayS: number, rng: Rng): WorkloadSpec {
  const shape = () => {
    const [cpu, memory] = SHAPES[rng.int(SHAPES.length)]!;
    return { cpu, memory };
  };
  const deployments: DeploymentSpec[] = [];
  const servicePods = Math.round(pods * 0.3);
  for (let total = 0; total < servicePods;) {
    const i = deployments.length;
    const replicas = Math.min(50 + rng.int(101), servicePods - total);
    total += replicas;
    const spread = rng.int(4) === 0;
    deployments.push({
      kind: 'Deployment', name: `svc-${i}`, replicas,
      template: {
        requests: shape(), priority: 1000,
        spec: spread
          ? { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: ZONE_LABEL, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: `svc-${i}` } } }] }
          : {},
      },
      arrival: { process: 'poisson', ratePerS: 1, startS: i % 2 === 0 ? 0 : rng.float() * dayS },
    });
  }
  const jobs: JobSpec[] = [];
  const batchPods = pods - servicePods;
  for (let total = 0; total < batchPods;) {
    const completions = Math.min(20 + rng.int(181), batchPods - total);
    total += completions;
    jobs.push({
      kind: 'Job', name: `job-${jobs.length}`, completions, parallelism: 5 + rng.int(46),
      template: { requests: shape(), priority: rng.int(10) === 0 ? 100 : 0 },
      arrival: { process: 'all-at-once', atS: 0 },
      durationS: { kind: 'lognormal', mu: Math.log(1200), sigma: 1 },
    });
  }
  const submitS = arrivalTimes({ process: 'diurnal', meanRatePerS: jobs.length / dayS }, jobs.length, rng);
  const timedJobs = jobs.map((j, i) => ({ ...j, arrival: { process: 'all-at-once' as const, atS: submitS[i]! } }));
  return { workloads: [...deployments, ...timedJobs] };
}

/**
 * The plan's arrivals as the simulator takes them: each template compiled once, each
 * arrival a clone with its own id and name; a Job's pods carry its parallelism group.
 */
export function planArrivals(plan: WorkloadPlan, model: ModelContext): PodArrival[] {
  const compiled = plan.templates.map((t) => compilePod(t, model));
  return plan.arrivals.map((a) => {
    const w = plan.workloads[a.template]!;
    const pod = { ...compiled[a.template]!, id: model.newPodId() as PodId, name: a.name };
    return w.parallelism === null
      ? { atS: a.atS, pod, durationS: a.durationS }
      : { atS: a.atS, pod, durationS: a.durationS, group: { key: `${w.kind}/${w.name}`, parallelism: w.parallelism } };
  });
}

/**
 * Builds the cluster and the day's workload through the generators (outside the timed
 * region), runs the simulation once, and measures wall time and peak resident memory.
 */
export function runSimulateDay(opts: SimulateDayOptions = {}): SimulateDayReport {
  const nodes = opts.nodes ?? 10_000;
  const pods = opts.pods ?? 100_000;
  const dayS = opts.daySeconds ?? 86_400;
  const seed = opts.seed ?? 1;
  const t0 = process.hrtime.bigint();

  const root = Rng.fromSeed(seed);
  const model = new ModelContext();
  const state = ClusterState.from(model, generateCluster(dayCluster(nodes), root.fork('cluster')).map((n) => compileNode(n, model)));
  const scheduler = new Scheduler(buildFramework(opts.profile ?? defaultProfile(), inTreeRegistry, model), root.fork('tiebreak'));
  const spec = dayWorkload(pods, dayS, root.fork('workload-spec'));
  const plan = generateWorkload(spec, root.fork('workload'));
  // The ReplicaSets and Jobs around the pods, as a real cluster holds them (system default spreading).
  registerWorkloadObjects(state, plan.objects, 'simulate-day');
  const arrivals = planArrivals(plan, model);
  const t1 = process.hrtime.bigint();
  const result = simulate(
    { state, scheduler, arrivals, endS: dayS, rng: root.fork('preemption') },
    { sampleIntervalS: opts.sampleIntervalS ?? 300, explainFailures: opts.explainFailures },
  );
  const t2 = process.hrtime.bigint();

  if (result.counts.running + result.counts.completed === 0) throw new Error('simulate-day: no pod was ever bound (benchmark of a no-op)');
  const simulateS = Number(t2 - t1) / 1e9;
  const sorted = Float64Array.from(result.cycleNs).sort();
  const q = (p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! / 1000);
  return {
    nodes,
    pods: arrivals.length,
    deployments: plan.workloads.filter((w) => w.kind === 'Deployment').length,
    jobs: plan.workloads.filter((w) => w.kind === 'Job').length,
    setupS: Number(t1 - t0) / 1e9,
    simulateS,
    podsPerS: result.counts.arrived / simulateS,
    cycles: result.cycles,
    cyclesPerS: result.cycles / simulateS,
    cycleP50Us: q(0.5),
    cycleP99Us: q(0.99),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    result,
  };
}

/**
 * `npx tsx bench/simulate-day.ts [--nodes=N] [--pods=N] [--seed=N] [--explain=first|every]`:
 * prints the figures.
 */
function main(): void {
  const raw = (name: string): string | undefined => process.argv.find((s) => s.startsWith(`--${name}=`))?.slice(name.length + 3);
  const num = (name: string): number | undefined => {
    const v = raw(name);
    return v === undefined ? undefined : Number(v);
  };
  const explain = raw('explain');
  if (explain !== undefined && explain !== 'first' && explain !== 'every') throw new Error(`--explain: expected first or every, got ${explain}`);
  const r = runSimulateDay({ nodes: num('nodes'), pods: num('pods'), seed: num('seed'), explainFailures: explain });
  const c = r.result.counts;
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
  const lines = [
    `simulate-day: ${r.nodes} nodes, ${r.pods} pods (${r.deployments} Deployments, ${r.jobs} Jobs) over one simulated day (default profile)`,
    `  setup (generators, compile):  ${r.setupS.toFixed(2)} s`,
    `  simulate() wall time:         ${r.simulateS.toFixed(2)} s  (target < 60 s)`,
    `  pods/s (arrived / wall):      ${r.podsPerS.toFixed(0)}`,
    `  scheduling cycles:            ${r.cycles} (${r.cyclesPerS.toFixed(0)}/s), p50 ${r.cycleP50Us.toFixed(1)} µs, p99 ${r.cycleP99Us.toFixed(1)} µs`,
    `  events:                       ${r.result.events}`,
    `  peak RSS:                     ${mib(r.peakRssBytes)}  (target < 2048 MiB)`,
    `  pods: arrived ${c.arrived}, running ${c.running}, completed ${c.completed}, pending ${c.pending}, failed ${c.failed}, held by Jobs ${r.result.heldArrivals}; preemptions ${r.result.preemptions}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
