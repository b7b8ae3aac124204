import { ClusterState } from '../cluster/cluster-state.js';
import { clusterGpuFragmentation, GpuFragmentation } from '../cluster/gpu-fragmentation.js';
import { buildFramework } from '../framework/framework.js';
import type { Registry } from '../framework/types.js';
import { inTreeRegistry } from '../plugins/index.js';
import type { ProfileSpec } from '../framework/profile.js';
import { Scheduler } from '../framework/scheduler.js';
import type { RandomSource } from '../framework/types.js';
import { Rng } from '../generators/rng.js';
import { inflatedTaskOrder } from '../generators/traces/inflated-task-order.js';
import type { OpenbPod } from '../generators/traces/openb.js';
import { loadOpenbNodes, loadOpenbPods } from '../generators/traces/openb.js';
import { OpenbPods, openbNode } from '../generators/traces/openb-objects.js';
import { measureRun } from '../metrics/measure-run.js';
import { totalGpuMilli } from '../model/gpu-request.js';
import { MILLI_PER_GPU } from '../model/gpu-resources.js';
import { ModelContext } from '../model/model-context.js';
import type { PodId } from '../model/ids.js';
import type { CompiledNode } from '../model/node.js';
import type { CompiledPod } from '../model/pod.js';
import type { TaskShape } from '../model/task-shape.js';
import { typicalTaskShapes } from '../model/typical-task-shapes.js';
import { simulate } from '../sim/simulator.js';
import type { PodArrival, SimObserver } from '../sim/types.js';
import type { CellResult, CellTask, OpenbCellRow } from './cell.js';
import type { OpenbWorld } from './openb-world.js';

/** The scenario name openb cells report under (runs.csv's scenario column). */
export const OPENB_SCENARIO = 'openb';

/**
 * Runs cells of the FGD paper's one-shot inflation experiment in the simulator: per seed,
 * the nodes join in a seeded random order (the artifact's random node-name prefixes,
 * also the node ranking of the 'node-rank' tie-break), the seeded inflated task
 * sequence arrives one task per simulated second and never leaves, and each task is
 * tried once: one that fits nowhere is dropped (no retry, no preemption). GPUs on the
 * chosen node are placed by the profile's declared GPU placement, as in any run. Random
 * streams are forked from the seed by name, so every policy sees the same tasks and
 * nodes. The lists are read once per runner.
 */
export class OpenbCellRunner {
  private readonly podRows: readonly OpenbPod[];
  private readonly rowGpuMilli: readonly number[];
  private readonly shapes: readonly TaskShape[];
  /** What every run starts from: the nodes' and pods' names, labels and resources interned. */
  private readonly baseModel = new ModelContext();
  /** The node list's nodes and the pod list's pods, compiled once against baseModel. */
  private readonly nodes: readonly CompiledNode[];
  private readonly rowPods: readonly CompiledPod[];

  constructor(private readonly world: OpenbWorld, private readonly registry: Registry = inTreeRegistry) {
    // The plan's rows when it hands them over (a worker of a sweep), else the files'.
    this.nodes = (world.lists?.nodes ?? loadOpenbNodes(world.nodesFile)).map((r) => openbNode(r, this.baseModel));
    this.podRows = world.lists?.pods ?? loadOpenbPods(world.podsFile);
    const factory = new OpenbPods(this.baseModel);
    this.rowPods = this.podRows.map((r) => factory.pod(r));
    this.rowGpuMilli = this.rowPods.map((p) => totalGpuMilli(p.gpu));
    this.shapes = openbTaskShapes(this.rowPods, this.podRows);
  }

  run(id: string, task: Extract<CellTask, { kind: 'openb' }>): CellResult {
    const start = performance.now();
    const how = this.world.policies.find((p) => p.profile.name === task.policy);
    if (how === undefined) throw new Error(`cell ${id}: no policy ${task.policy} in the experiment`);
    const root = Rng.fromSeed(task.seed);
    // A copy of the base model: the compiled nodes and pods are valid in it, and what the
    // run interns stays in the run.
    const model = this.baseModel.copy();
    const state = ClusterState.from(model, shuffled(this.nodes, root.fork('node-order')));
    const capacityMilli = state.gpus.totalGpus * MILLI_PER_GPU;
    const order = inflatedTaskOrder(this.rowGpuMilli, capacityMilli, this.world.inflate, root.fork('workload'));
    const arrivals: PodArrival[] = Array.from(order, (row, t) => ({ atS: t, pod: { ...this.rowPods[row]!, id: model.newPodId() as PodId }, durationS: null }));

    const fw = buildFramework(how.traceShapes ? withTaskShapes(how.profile, this.shapes) : how.profile, this.registry, model, root.fork('plugins'));
    // With every node evaluated each cycle the search starts at index 0 each time, so
    // candidates come in node order and "the first tie" is the best-ranked tied node.
    const ties: RandomSource = this.world.tieBreak === 'uniform' || how.uniformDraw ? root.fork('tie-break') : FIRST_TIE;
    const curve = new AllocationCurve(capacityMilli, this.world.inflate);
    const endS = Math.max(0, arrivals.length - 1);
    const result = simulate({
      state, scheduler: new Scheduler(fw, ties, root.fork('gpu-select')), arrivals, endS, rng: root.fork('preemption'), observers: [curve],
    }, {
      preemption: false,
      retryUnschedulable: false,
      // The experiment's measures read no unschedulable reasons and no per-node samples.
      explainFailures: 'never',
      sampleNodeUtilization: false,
      sampleIntervalS: Math.max(1, endS / 100),
    });
    curve.finish();
    const run = measureRun({
      key: { scenario: OPENB_SCENARIO, policy: how.profile.name, seed: task.seed },
      result, view: state, arrivedPods: arrivals.map((a) => a.pod), withPlacements: false, workloads: state.workloads,
    });
    const frag = clusterGpuFragmentation(state, state.gpus, new GpuFragmentation(this.shapes, model.symbols));
    const at100 = curve.points.length > 100 ? curve.points[100]! : null;
    const openb: OpenbCellRow = {
      tasks: arrivals.length,
      scheduled: curve.scheduled,
      arrivedPctEnd: (curve.arrived * 100) / capacityMilli,
      allocAt100Pct: at100,
      allocEndPct: (curve.allocated * 100) / capacityMilli,
      gpusUnallocatedEnd: (capacityMilli - curve.allocated) / MILLI_PER_GPU,
      fragRateEndPct: frag.idleMilli === 0 ? 0 : (frag.fragMilli * 100) / frag.idleMilli,
      curve: curve.points,
    };
    return { id, run, openb, wallMs: performance.now() - start };
  }
}

/**
 * The allocation-vs-arrived-load curve, as a simulator observer: points[k] is the GPU
 * allocation (% of capacity) once the task whose arrival first took arrived GPU demand to
 * k % of capacity has had its one try (null: never reached). Each task's try ends before
 * the next task arrives, so crossings are settled when the next one arrives, and at the end.
 */
class AllocationCurve implements SimObserver {
  readonly points: (number | null)[];
  arrived = 0;
  allocated = 0;
  scheduled = 0;
  private settled = 0;

  constructor(private readonly capacityMilli: number, inflate: number) {
    this.points = new Array<number | null>(Math.floor(inflate * 100) + 2).fill(null);
  }

  onArrive(pod: CompiledPod): void {
    this.settle();
    this.arrived += totalGpuMilli(pod.gpu);
  }

  onBind(pod: CompiledPod): void {
    this.allocated += totalGpuMilli(pod.gpu);
    this.scheduled++;
  }

  finish(): void {
    this.settle();
  }

  private settle(): void {
    while (this.settled + 1 < this.points.length && this.arrived * 100 >= (this.settled + 1) * this.capacityMilli) {
      this.settled++;
      this.points[this.settled] = (this.allocated * 100) / this.capacityMilli;
    }
  }
}

/**
 * The paper's FGD scores against the workload's typical task shapes: FGD without args in
 * the profile gets the trace's shapes.
 */
function withTaskShapes(p: ProfileSpec, shapes: readonly TaskShape[]): ProfileSpec {
  if (!p.score.some((s) => s.name === 'FGD') || p.args?.FGD !== undefined) return p;
  return { ...p, args: { ...p.args, FGD: { taskShapes: shapes } } };
}

/** Always the first of the tied nodes. */
const FIRST_TIE: RandomSource = { int: () => 0 };

/** The workload's typical task shapes: FGD's args and the fragmentation measure. */
export function openbTaskShapes(pods: readonly CompiledPod[], rows: readonly OpenbPod[]): TaskShape[] {
  return typicalTaskShapes(pods.map((p, i) => ({
    cpuMilli: p.nonZeroCpuMilli, gpuCount: p.gpu.count, gpuMilliPerGpu: p.gpu.milliPerGpu, gpuModels: rows[i]!.gpuSpec,
  })));
}

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
