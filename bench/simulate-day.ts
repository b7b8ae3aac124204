import { pathToFileURL } from 'node:url';
import { ClusterState } from '../src/cluster/cluster-state.js';
import { buildFramework } from '../src/framework/framework.js';
import type { ProfileSpec } from '../src/framework/profile.js';
import { defaultProfile } from '../src/framework/profile.js';
import { Scheduler } from '../src/framework/scheduler.js';
import { Rng } from '../src/generators/rng.js';
import { compileNode } from '../src/model/compile-node.js';
import { compilePod } from '../src/model/compile-pod.js';
import { ModelContext } from '../src/model/model-context.js';
import { inTreeRegistry } from '../src/plugins/index.js';
import { simulate } from '../src/sim/simulator.js';
import type { PodArrival, SimResult } from '../src/sim/types.js';

/** Options of the simulated-day benchmark. */
export interface SimulateDayOptions {
  /** @default 10000 */
  readonly nodes?: number;
  /** Pods arriving over the day (a Poisson process). @default 100000 */
  readonly pods?: number;
  /** Length of the simulated day, seconds. @default 86400 */
  readonly daySeconds?: number;
  /** Mean of the lognormal pod run time, seconds. @default 3600 */
  readonly meanDurationS?: number;
  /** sigma of the lognormal run time. @default 1 */
  readonly durationSigma?: number;
  /** @default 1 */
  readonly seed?: number;
  /** @default defaultProfile() */
  readonly profile?: ProfileSpec;
  /** @default 300 */
  readonly sampleIntervalS?: number;
}

/** What one simulated day measured (wall-clock figures vary from run to run). */
export interface SimulateDayReport {
  readonly nodes: number;
  readonly pods: number;
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

/** Request shapes (cpu, memory) drawn uniformly: small services to medium batch pods. */
const SHAPES: readonly (readonly [string, string])[] = [
  ['100m', '128Mi'], ['250m', '256Mi'], ['500m', '512Mi'], ['500m', '1Gi'], ['1', '2Gi'], ['2', '4Gi'], ['4', '8Gi'],
];

/**
 * Builds the cluster and the day's workload (outside the timed region), runs the
 * simulation once, and measures wall time and peak resident memory. Nodes: 16 CPU,
 * 64Gi, 110 pods, spread over 3 zones. Pods: Poisson arrivals over the day, lognormal
 * run times, a few request shapes, one in ten of priority 1000, two in three owned by
 * one of 500 ReplicaSets (labelled app=<rs>).
 */
export function runSimulateDay(opts: SimulateDayOptions = {}): SimulateDayReport {
  const nodes = opts.nodes ?? 10_000;
  const pods = opts.pods ?? 100_000;
  const dayS = opts.daySeconds ?? 86_400;
  const meanS = opts.meanDurationS ?? 3600;
  const sigma = opts.durationSigma ?? 1;
  const seed = opts.seed ?? 1;
  const t0 = process.hrtime.bigint();

  const root = Rng.fromSeed(seed);
  const model = new ModelContext();
  const compiledNodes = Array.from({ length: nodes }, (_, i) => compileNode({
    metadata: { name: `node-${i}`, labels: { 'kubernetes.io/hostname': `node-${i}`, 'topology.kubernetes.io/zone': `zone-${i % 3}` } },
    status: { allocatable: { cpu: '16', memory: '64Gi', pods: '110' } },
  }, model));
  const state = ClusterState.from(model, compiledNodes);
  const scheduler = new Scheduler(buildFramework(opts.profile ?? defaultProfile(), inTreeRegistry, model), root.fork('tiebreak'));

  const w = root.fork('workload');
  const ratePerS = pods / dayS;
  // lognormal(mu, sigma) has mean exp(mu + sigma^2 / 2).
  const mu = Math.log(meanS) - (sigma * sigma) / 2;
  const arrivals: PodArrival[] = [];
  let t = 0;
  for (let i = 0; i < pods; i++) {
    t += -Math.log(1 - w.float()) / ratePerS;
    const [cpu, memory] = SHAPES[w.int(SHAPES.length)]!;
    const owned = w.int(3) !== 0;
    const rs = `rs-${w.int(500)}`;
    const raw = {
      metadata: {
        name: `pod-${i}`, namespace: 'default', labels: owned ? { app: rs } : { app: 'bare' },
        ...(owned ? { ownerReferences: [{ kind: 'ReplicaSet', name: rs, controller: true }] } : {}),
      },
      spec: {
        priority: w.int(10) === 0 ? 1000 : 0,
        containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu, memory } } }],
      },
    };
    arrivals.push({ atS: t, pod: compilePod(raw, model), durationS: Math.exp(mu + sigma * gaussian(w)) });
  }
  const t1 = process.hrtime.bigint();
  const result = simulate(
    { state, scheduler, arrivals, endS: dayS, rng: root.fork('preemption') },
    { sampleIntervalS: opts.sampleIntervalS ?? 300 },
  );
  const t2 = process.hrtime.bigint();

  if (result.counts.running + result.counts.completed === 0) throw new Error('simulate-day: no pod was ever bound (benchmark of a no-op)');
  const simulateS = Number(t2 - t1) / 1e9;
  const sorted = Float64Array.from(result.cycleNs).sort();
  const q = (p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! / 1000);
  return {
    nodes, pods,
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

/** A standard normal draw (Box-Muller; one of the pair is discarded). */
function gaussian(rng: Rng): number {
  const u = 1 - rng.float();
  const v = rng.float();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** `npx tsx bench/simulate-day.ts [--nodes=N] [--pods=N] [--seed=N]`: prints the figures. */
function main(): void {
  const arg = (name: string): number | undefined => {
    const a = process.argv.find((s) => s.startsWith(`--${name}=`));
    return a === undefined ? undefined : Number(a.slice(name.length + 3));
  };
  const r = runSimulateDay({ nodes: arg('nodes'), pods: arg('pods'), seed: arg('seed') });
  const c = r.result.counts;
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
  const lines = [
    `simulate-day: ${r.nodes} nodes, ${r.pods} pods over one simulated day (default profile)`,
    `  setup (cluster + workload):   ${r.setupS.toFixed(2)} s`,
    `  simulate() wall time:         ${r.simulateS.toFixed(2)} s  (target < 60 s)`,
    `  pods/s (arrived / wall):      ${r.podsPerS.toFixed(0)}`,
    `  scheduling cycles:            ${r.cycles} (${r.cyclesPerS.toFixed(0)}/s), p50 ${r.cycleP50Us.toFixed(1)} µs, p99 ${r.cycleP99Us.toFixed(1)} µs`,
    `  events:                       ${r.result.events}`,
    `  peak RSS:                     ${mib(r.peakRssBytes)}  (target < 2048 MiB)`,
    `  pods: arrived ${c.arrived}, running ${c.running}, completed ${c.completed}, pending ${c.pending}, failed ${c.failed}; preemptions ${r.result.preemptions}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
