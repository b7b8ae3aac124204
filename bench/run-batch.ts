import { Bench } from 'tinybench';
import type { CellResult } from './run-cell.js';
import type { SetupOptions } from './setup.js';
import { setupBench } from './setup.js';

/**
 * Times scheduling a whole batch of pods into the cluster, binding each where the
 * scheduler puts it (as kube-scheduler's scheduler_perf measures a workload), then
 * unbinds them all outside the timed region so every iteration starts from the same
 * cluster. Per-pod latencies are taken around each scheduleOne + bind.
 */
export async function runBatchCell(name: string, o: SetupOptions, iterations: number): Promise<CellResult> {
  const { state, scheduler, pods } = setupBench(o);
  const latenciesNs: number[] = [];
  const bound: number[] = [];
  let failures = 0;
  const release = () => {
    bound.forEach((node, i) => { if (node >= 0) state.unbind(pods[i]!, node as never); });
    bound.length = 0;
  };
  const scheduleAll = () => {
    // tinybench may call the task once outside its hooks (to see if it is async).
    if (bound.length > 0) release();
    for (const pod of pods) {
      const t0 = process.hrtime.bigint();
      const d = scheduler.scheduleOne(state, pod);
      if (d.kind === 'bound') state.bind(pod, d.node);
      latenciesNs.push(Number(process.hrtime.bigint() - t0));
      bound.push(d.kind === 'bound' ? d.node : -1);
      if (d.kind !== 'bound') failures++;
    }
  };
  // Untimed sanity run: the benchmark must bind pods, not measure failures.
  scheduleAll();
  release();
  if (failures > pods.length / 10) throw new Error(`${name}: ${failures} of ${pods.length} pods did not fit`);
  latenciesNs.length = 0;

  const bench = new Bench({ name, time: 0, iterations, warmupTime: 0, warmupIterations: 0 });
  bench.add(name, scheduleAll, { afterEach: release });
  await bench.run();
  const r = bench.tasks[0]!.result;
  if (r.state !== 'completed') throw new Error(`${name}: ${r.state}${'error' in r ? `: ${String(r.error)}` : ''}`);
  const sorted = Float64Array.from(latenciesNs).sort();
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! / 1000;
  return {
    name,
    nodes: o.nodes,
    existingPods: o.existingPods,
    percentageOfNodesToScore: o.profile.percentageOfNodesToScore ?? 0,
    podsPerS: pods.length / (r.latency.mean / 1000),
    p50Us: q(0.5),
    p99Us: q(0.99),
    meanUs: (r.latency.mean * 1000) / pods.length,
    samples: sorted.length,
  };
}
