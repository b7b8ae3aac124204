import { Bench } from 'tinybench';
import type { ClusterState } from '../src/cluster/cluster-state.js';
import type { Scheduler } from '../src/framework/scheduler.js';
import type { NodeId } from '../src/model/ids.js';
import type { CompiledPod } from '../src/model/pod.js';
import type { SetupOptions } from './setup.js';
import { setupBench } from './setup.js';

/** Where a cell's decision procedure puts `pod`: a node id, or -1 when it fits nowhere. */
export type Placer = (state: ClusterState, scheduler: Scheduler, pod: CompiledPod) => number;

/** The scheduling core: one scheduleOne cycle. */
export const scheduleOnePlacer: Placer = (state, scheduler, pod) => {
  const d = scheduler.scheduleOne(state, pod);
  return d.kind === 'bound' ? d.node : -1;
};

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
 * Times one decision + bind per iteration (scheduleOne by default; `place` for the limit
 * loop), cycling through a pool of pods; the pod is unbound after each iteration (outside
 * the timed region) so every sample sees the same cluster. An untimed run first checks
 * that pods really bind (no benchmark of a no-op).
 */
export async function runCell(name: string, o: SetupOptions, timeMs: number, place: Placer = scheduleOnePlacer): Promise<CellResult> {
  const { state, scheduler, pods } = setupBench(o);
  if (place(state, scheduler, pods[0]!) < 0) {
    const probe = scheduler.scheduleOne(state, pods[0]!);
    throw new Error(`${name}: benchmark would measure a no-op: ${probe.kind === 'bound' ? 'the placer found no node' : probe.diagnosis.message}`);
  }

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
    const node = place(state, scheduler, pod);
    if (node < 0) throw new Error(`${name}: pod did not fit`);
    state.bind(pod, node as NodeId);
    boundNode = node;
    sink ^= node;
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
