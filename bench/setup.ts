import { ClusterState } from '../src/cluster/cluster-state.js';
import type { Framework } from '../src/framework/framework.js';
import { buildFramework } from '../src/framework/framework.js';
import type { ProfileSpec } from '../src/framework/profile.js';
import { Scheduler } from '../src/framework/scheduler.js';
import { Rng } from '../src/generators/rng.js';
import { compileNode } from '../src/model/compile-node.js';
import { compilePod } from '../src/model/compile-pod.js';
import { ModelContext } from '../src/model/model-context.js';
import type { CompiledPod } from '../src/model/pod.js';
import { inTreeRegistry } from '../src/plugins/index.js';
import type { Registry } from '../src/framework/types.js';

/** A ready cluster, framework and pod pool for one benchmark cell; built outside timing. */
export interface BenchSetup {
  readonly model: ModelContext;
  readonly state: ClusterState;
  readonly fw: Framework;
  readonly scheduler: Scheduler;
  /** Pods to schedule, cycled through by the timed task. */
  readonly pods: readonly CompiledPod[];
}

/** Options for a benchmark cell. */
export interface SetupOptions {
  readonly nodes: number;
  /** Pods already bound before timing (placed by the scheduler itself). */
  readonly existingPods: number;
  /** Size of the pool of pods the timed task cycles through. */
  readonly poolPods: number;
  readonly profile: ProfileSpec;
  /** v1.Node JSON for node i. */
  readonly node: (i: number) => unknown;
  /** v1.Pod JSON for pod i (existing pods get i < existingPods). */
  readonly pod: (i: number) => unknown;
  readonly seed?: number;
  /** Where the profile's plugin names are looked up. @default the in-tree registry */
  readonly registry?: Registry;
}

/** Builds nodes, binds the existing pods where the scheduler puts them, compiles the pool. */
export function setupBench(o: SetupOptions): BenchSetup {
  const model = new ModelContext();
  const nodes = Array.from({ length: o.nodes }, (_, i) => compileNode(o.node(i), model));
  const state = ClusterState.from(model, nodes);
  const fw = buildFramework(o.profile, o.registry ?? inTreeRegistry, model, Rng.fromSeed(o.seed ?? 1).fork('plugins'));
  const scheduler = new Scheduler(fw, Rng.fromSeed(o.seed ?? 1).fork('tiebreak'));
  for (let i = 0; i < o.existingPods; i++) {
    const pod = compilePod(o.pod(i), model);
    const d = scheduler.scheduleOne(state, pod);
    if (d.kind !== 'bound') throw new Error(`setup: existing pod ${i} did not fit: ${d.diagnosis.message}`);
    state.bind(pod, d.node);
  }
  const pods = Array.from({ length: o.poolPods }, (_, i) => compilePod(o.pod(o.existingPods + i), model));
  return { model, state, fw, scheduler, pods };
}
