import { ClusterState } from '../cluster/cluster-state.js';
import { clusterGpuFragmentation, GpuFragmentation } from '../cluster/gpu-fragmentation.js';
import { buildFramework } from '../framework/framework.js';
import type { ProfileSpec } from '../framework/profile.js';
import { Scheduler } from '../framework/scheduler.js';
import type { RandomSource, Registry } from '../framework/types.js';
import { Rng } from '../generators/rng.js';
import type { CompiledPod } from '../model/pod.js';
import { totalGpuMilli } from '../model/gpu-request.js';
import type { PodId } from '../model/ids.js';
import type { ModelContext } from '../model/model-context.js';
import type { CompiledNode } from '../model/node.js';
import type { TaskShape } from '../model/task-shape.js';
import { inflatedTaskOrder } from './inflated-task-order.js';
import type { OpenbPolicy, OpenbTieBreak } from './openb-policies.js';
import { OPENB_FILTERS } from './openb-policies.js';

/** Everything one (policy, seed) run of the inflation experiment needs; shared by all runs. */
export interface OpenbRunInput {
  readonly model: ModelContext;
  readonly registry: Registry;
  readonly nodes: readonly CompiledNode[];
  /** One pod per pod-list row, each with its own id; a row drawn again runs as a copy. */
  readonly pods: readonly CompiledPod[];
  /** GPU request of each row in milli-GPU (GPUs × milli per GPU). */
  readonly podGpuMilli: readonly number[];
  /** The workload's typical task shapes: FGD's args and the fragmentation measure. */
  readonly shapes: readonly TaskShape[];
  /** Pod ids for the copies of rows drawn more than once; grown on demand (runs never share a cluster). */
  readonly podIds: PodId[];
  readonly inflate: number;
  readonly tieBreak: OpenbTieBreak;
}

/** What one run measured. Percentages are of the cluster's GPU capacity (milli-GPU). */
export interface OpenbRunResult {
  readonly policy: string;
  readonly seed: number;
  readonly tasks: number;
  readonly scheduled: number;
  /** GPU demand of all tasks, % of capacity. */
  readonly arrivedPctEnd: number;
  /** Allocation when arrived GPU demand first reached 100% (null if it never did). */
  readonly allocAt100Pct: number | null;
  readonly allocEndPct: number;
  /** Unallocated GPU capacity at the end, in GPUs (milli-GPU / 1000). */
  readonly gpusUnallocatedEnd: number;
  /** Fragmented share of the unallocated GPU capacity at the end, %. */
  readonly fragRateEndPct: number;
  /** curve[k]: allocation % when arrived demand first reached k % (NaN: never reached). */
  readonly curve: Float64Array;
  /** Wall-clock time of the run (not part of any deterministic output). */
  readonly wallMs: number;
}

/**
 * One run of the paper's one-shot inflation experiment: the seeded task sequence
 * (inflatedTaskOrder), each task scheduled once, in order, by the real Scheduler with a
 * profile of GpuModel, GpuFit and NodeResourcesFit filters and the policy as the only
 * scorer (percentageOfNodesToScore 100), bound to the chosen node with the GPUs the
 * policy places it on (its placeGpus hook; the tightest fit without one); a task that
 * fits nowhere is dropped, and no task ever leaves. Nodes join the cluster in a seeded
 * random order (the artifact's random node-name prefixes), which is also the node ranking of the 'node-rank' tie-break (see OpenbTieBreak). Random streams
 * are forked from the seed by name, so every policy sees the same tasks and nodes.
 */
export function runOpenbInflation(input: OpenbRunInput, policy: string, how: OpenbPolicy, seed: number): OpenbRunResult {
  const start = performance.now();
  const { model, pods } = input;
  const root = Rng.fromSeed(seed);
  const state = ClusterState.from(model, shuffled(input.nodes, root.fork('node-order')));
  const gpus = state.gpus;
  const capacityMilli = gpus.totalGpus * 1000;
  const order = inflatedTaskOrder(input.podGpuMilli, capacityMilli, input.inflate, root.fork('workload'));

  const profile: ProfileSpec = {
    name: `openb-${policy}`,
    filter: OPENB_FILTERS,
    score: [{ name: policy, weight: 1 }],
    percentageOfNodesToScore: 100,
    ...(policy === 'FGD' ? { args: { FGD: { taskShapes: input.shapes } } } : {}),
  };
  const fw = buildFramework(profile, input.registry, model);
  // With every node evaluated each cycle (percentageOfNodesToScore 100) the search starts
  // at index 0 each time, so candidates come in node order and "the first tie" is the
  // best-ranked tied node.
  const ties: RandomSource = input.tieBreak === 'uniform' || how.uniformDraw ? root.fork('tie-break') : FIRST_TIE;
  // GPUs are placed as the policy's plugin declares (Scheduler.placeGpus), exactly as the
  // simulator binds; the placement stream keeps the name it had when the experiment
  // chose GPUs itself, so Random's draws, and its numbers, stay what they were.
  const scheduler = new Scheduler(fw, ties, root.fork('gpu-select'));

  // A row's first task is the row's pod; later draws of the row are copies with fresh ids.
  const used = new Uint8Array(pods.length);
  let copies = 0;
  const curve = new Float64Array(Math.floor(input.inflate * 100) + 2).fill(Number.NaN);
  let nextPct = 1;
  let arrived = 0;
  let allocated = 0;
  let scheduled = 0;
  for (let t = 0; t < order.length; t++) {
    const row = order[t]!;
    let pod = pods[row]!;
    if (used[row] === 0) used[row] = 1;
    else {
      if (copies === input.podIds.length) input.podIds.push(model.newPodId() as PodId);
      pod = { ...pod, id: input.podIds[copies++]! };
    }
    const milli = totalGpuMilli(pod.gpu);
    arrived += milli;
    // The experiment never reads why a task failed: skip building the reasons.
    const d = scheduler.scheduleOne(state, pod, { explainFailure: false });
    if (d.kind === 'bound') {
      state.bind(pod, d.node, scheduler.placeGpus(state, pod, d.node));
      allocated += milli;
      scheduled++;
    }
    // The allocation rate each time arrived demand crosses a whole percent of capacity.
    while (nextPct < curve.length && arrived * 100 >= nextPct * capacityMilli) {
      curve[nextPct] = (allocated * 100) / capacityMilli;
      nextPct++;
    }
  }
  // The allocation counted here must be what the cluster's GPU table holds.
  let idle = 0;
  for (const n of state.nodeOrder()) idle += gpus.freeMilliTotal[n]!;
  if (capacityMilli - idle !== allocated) throw new Error(`openb run: ${allocated} milli-GPU bound but the cluster holds ${capacityMilli - idle}`);
  const frag = clusterGpuFragmentation(state, gpus, new GpuFragmentation(input.shapes, model.symbols));
  const at100 = curve.length > 100 ? curve[100]! : Number.NaN;
  return {
    policy, seed, tasks: order.length, scheduled,
    arrivedPctEnd: (arrived * 100) / capacityMilli,
    allocAt100Pct: Number.isNaN(at100) ? null : at100,
    allocEndPct: (allocated * 100) / capacityMilli,
    gpusUnallocatedEnd: (capacityMilli - allocated) / 1000,
    fragRateEndPct: frag.idleMilli === 0 ? 0 : (frag.fragMilli * 100) / frag.idleMilli,
    curve,
    wallMs: performance.now() - start,
  };
}

/** Always the first of the tied nodes. */
const FIRST_TIE: RandomSource = { int: () => 0 };

/** A seeded uniform shuffle of `items` (Fisher–Yates), as a new array. */
function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}
