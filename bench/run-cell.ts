import { Bench } from 'tinybench';
import type { SetupOptions } from './setup.js';
import { setupBench } from './setup.js';

/** What one benchmark cell measured (wall-clock; never part of a deterministic CSV). */
export interface CellResult {
  readonly name: string;
  readonly nodes: number;
  readonly existingPods: number;
  readonly percentageOfNodesToScore: number;
  readonly podsPerS: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly meanUs: number;
  readonly samples: number;
}

/**
 * Times scheduleOne + bind for one pod per iteration, cycling through a pool; the pod is
 * unbound after each iteration (outside the timed region) so every sample sees the same
 * cluster. An untimed run first checks that pods really bind (no benchmark of a no-op).
 */
export async function runCell(name: string, o: SetupOptions, timeMs: number): Promise<CellResult> {
  const { state, scheduler, pods } = setupBench(o);
  const probe = scheduler.scheduleOne(state, pods[0]!);
  if (probe.kind !== 'bound') throw new Error(`${name}: benchmark would measure a no-op: ${probe.diagnosis.message}`);

  let i = 0;
  let boundNode = -1;
  let sink = 0;
  const bench = new Bench({ name, time: timeMs, warmupTime: Math.min(200, timeMs / 4), retainSamples: true });
  // tinybench may call the task once outside the hooks (to see if it is async), so
  // beforeEach makes sure the next pod starts unbound.
  const release = () => {
    if (boundNode >= 0) state.unbind(pods[i]!, boundNode as never);
    boundNode = -1;
    i = (i + 1) % pods.length;
  };
  bench.add(name, () => {
    const pod = pods[i]!;
    const d = scheduler.scheduleOne(state, pod);
    if (d.kind !== 'bound') throw new Error(`${name}: pod did not fit`);
    state.bind(pod, d.node);
    boundNode = d.node;
    sink ^= d.node;
  }, {
    beforeEach() {
      if (boundNode >= 0) release();
    },
    afterEach: release,
  });
  await bench.run();
  const r = bench.tasks[0]!.result;
  if (r.state !== 'completed') throw new Error(`${name}: ${r.state}${'error' in r ? `: ${String(r.error)}` : ''}`);
  if (sink === -1) process.stdout.write('');
  return {
    name,
    nodes: o.nodes,
    existingPods: o.existingPods,
    percentageOfNodesToScore: o.profile.percentageOfNodesToScore ?? 0,
    podsPerS: 1000 / r.latency.mean,
    p50Us: r.latency.p50 * 1000,
    p99Us: r.latency.p99 * 1000,
    meanUs: r.latency.mean * 1000,
    samples: r.latency.samplesCount,
  };
}
