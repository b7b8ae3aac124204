import { ClusterState } from '../cluster/cluster-state.js';
import { loadCluster } from '../cluster/load-cluster.js';
import { buildFramework } from '../framework/framework.js';
import type { Registry } from '../framework/types.js';
import { inTreeRegistry } from '../plugins/index.js';
import { Scheduler } from '../framework/scheduler.js';
import { generateCluster } from '../generators/generate-cluster.js';
import { generateWorkload } from '../generators/generate-workload.js';
import { priorityClassObject } from '../generators/priority-class-objects.js';
import { Rng } from '../generators/rng.js';
import { inflatedTaskOrder } from '../generators/traces/inflated-task-order.js';
import { loadOpenbNodes, loadOpenbPods } from '../generators/traces/openb.js';
import { OpenbPods, openbNode } from '../generators/traces/openb-objects.js';
import { csiNodeObject, persistentVolumeObject, storageClassObject } from '../generators/storage-objects.js';
import { POOL_LABEL } from '../generators/cluster-spec.js';
import type { WorkloadPlan } from '../generators/workload-spec.js';
import { registerWorkloadObjects } from './register-workload-objects.js';
import { measureRun } from '../metrics/measure-run.js';
import { StorageObserver } from '../metrics/storage-observer.js';
import { compileNode } from '../model/compile-node.js';
import { compilePod } from '../model/compile-pod.js';
import { compileCsiNode } from '../model/csi-node.js';
import { compilePersistentVolume } from '../model/persistent-volume.js';
import type { VolumeInput } from '../model/pod-volumes.js';
import { compilePodVolumes } from '../model/pod-volumes.js';
import { compileStorageClass } from '../model/storage-class.js';
import { labelValue } from '../model/labels.js';
import { NO_SYM } from '../model/ids.js';
import { InputError } from '../model/errors.js';
import type { LoadedObject } from '../model/load-objects.js';
import { loadObjects } from '../model/load-objects.js';
import { MILLI_PER_GPU } from '../model/gpu-resources.js';
import type { NodeId, PodId, Sym } from '../model/ids.js';
import { ModelContext } from '../model/model-context.js';
import type { CompiledPod } from '../model/pod.js';
import { withSpecResources } from '../model/pod.js';
import { distinctShapes } from '../metrics/stranded-capacity.js';
import type { ReplayedPod, ReplayOutcome, WhatifRun } from '../metrics/types.js';
import { measureWhatifCluster, whatifPodCounts } from '../metrics/whatif-measures.js';
import type { ReplayScope } from '../scenario/scenario-schema.js';
import type { SimResult } from '../sim/types.js';
import type { ReplayedPodPlan, ReplayPlan } from './replay-snapshot.js';
import { checkReplayScope, planReplay, podReplayFacts, takeOffReplayed } from './replay-snapshot.js';
import { compilePriorityClass } from '../model/priority-class.js';
import type { Scenario, ScenarioCluster, ScenarioWorkload } from '../scenario/types.js';
import { simulate } from '../sim/simulator.js';
import type { NodeEvent, PodArrival } from '../sim/types.js';
import type { CellResult, CellTask } from './cell.js';

/** What every policy of one (scenario, seed) shares: its streams and generated objects. */
interface SeedInputs {
  readonly scenario: number;
  readonly seed: number;
  readonly rng: Rng;
  /** The scenario's cluster, a generated one with its nodes. */
  readonly cluster: Exclude<ScenarioCluster, { kind: 'generate' }> | { readonly kind: 'generated'; readonly nodeObjects: readonly unknown[] };
  /** The scenario's workload, a generated one (and a replay's arrivals besides) with its plan. */
  readonly workload: Exclude<ScenarioWorkload, { kind: 'generate' | 'replay' }> | { readonly kind: 'generated'; readonly plan: WorkloadPlan };
}

/**
 * Runs scenario cells: one policy of a scenario on one seed, in the simulator, measured.
 *
 *   1. streams      rng = Rng.fromSeed(seed): 'cluster', 'workload', 'tiebreak', 'preemption'
 *   2. cluster      generateCluster(spec, rng.fork('cluster')), the snapshot files or the openb node list
 *   3. workload     a replay's pods taken off the snapshot (the snapshot's own placement
 *                   measured first), arriving at t=0 in creation order; then
 *                   generateWorkload(spec, rng.fork('workload')) or the openb pod list; a
 *                   generated workload's objects (owners, Services, PodDisruptionBudgets)
 *                   registered (after the scenario's storage: classes, volumes, CSINodes),
 *                   its pods admitted against the scenario's PriorityClasses, every
 *                   namespace a pod uses made to exist
 *   4. framework    buildFramework(policy) with the run's registry (user plugins get the
 *                   'plugins' stream) + Scheduler with the 'tiebreak' stream
 *   5. simulate     arrivals and node events until durationS, a StorageObserver watching
 *   6. measure      measureRun -> RunMetrics (plain data, the storage metrics from what
 *                   the observer saw); a replay's pods and what-if
 *                   measures (WhatifRun) against the snapshot's
 *
 * The generated cluster and workload of the last (scenario, seed) are kept, so the next
 * policy of the same seed does not generate them again; they are a pure function of the
 * seed, so a cell's result does not depend on what ran before it.
 */
export class ScenarioCellRunner {
  private last: SeedInputs | null = null;
  /** Snapshot files read once per runner: parsing a big dump costs more than compiling it. */
  private readonly snapshotObjects = new Map<string, readonly LoadedObject[]>();

  constructor(private readonly scenarios: readonly Scenario[], private readonly registry: Registry = inTreeRegistry) {}

  run(id: string, task: Extract<CellTask, { kind: 'scenario' }>): CellResult {
    const start = performance.now();
    const s = this.scenarios[task.scenario]!;
    const policy = s.policies.find((p) => p.name === task.policy);
    if (policy === undefined) throw new Error(`cell ${id}: scenario ${s.name} has no policy ${task.policy}`);
    const inputs = this.inputs(task.scenario, task.seed);
    const model = new ModelContext();
    let state: ClusterState;
    let pending: readonly CompiledPod[] = [];
    let replay: Replay | null = null;
    const cluster = inputs.cluster;
    switch (cluster.kind) {
      case 'generated':
        state = ClusterState.from(model, cluster.nodeObjects.map((n) => compileNode(n, model)));
        break;
      case 'openb':
        state = ClusterState.from(model, loadOpenbNodes(cluster.nodesFile).map((r) => openbNode(r, model)));
        break;
      case 'snapshot': {
        const loaded = loadCluster(cluster.files, model, { read: (f) => this.objectsOf(f) });
        state = loaded.state;
        pending = loaded.pending;
        if (s.workload.kind === 'replay') {
          replay = this.startReplay(s, s.workload.scope, cluster.files, state, pending);
          pending = [];
        }
        break;
      }
    }
    addPriorityClasses(state, s);
    addStorage(state, s);
    const arrivals: PodArrival[] = replay?.arrivals ?? pending.map((pod) => ({ atS: 0, pod, durationS: null }));
    const workload = inputs.workload;
    if (workload.kind !== 'generated') arrivals.push(...openbArrivals(workload, model, state, inputs.rng.fork('workload')));
    else {
      const plan = workload.plan;
      registerWorkloadObjects(state, plan.objects, s.file);
      // Pods are admitted as the Priority admission plugin admits them: class value, policy, default class.
      const templates = plan.templates.map((t) => compilePod(t, model, { file: s.file, priorityClasses: state.priorityClasses }));
      for (const a of plan.arrivals) {
        if (a.atS > s.durationS) continue;
        const w = plan.workloads[a.template]!;
        // A StatefulSet's pod names its own claims; the rest of its spec is the template's.
        const volumes = a.volumes === undefined ? {} : {
          volumes: compilePodVolumes(a.volumes as unknown as readonly VolumeInput[], a.name, (path, problem) => { throw new InputError({ file: s.file, object: `Pod ${a.name}`, path }, problem); }),
        };
        arrivals.push({
          atS: a.atS,
          pod: { ...templates[a.template]!, id: model.newPodId() as PodId, name: a.name, ...volumes },
          durationS: a.durationS,
          ...(w.parallelism !== null ? { group: { key: `${w.kind}/${w.name}`, parallelism: w.parallelism } } : {}),
        });
      }
    }
    // Every namespace a pod uses exists in a real cluster (namespaceSelector terms match its labels).
    for (const ns of new Set(arrivals.map((a) => a.pod.namespace))) state.ensureNamespace(ns);
    const fw = buildFramework(policy, this.registry, model, inputs.rng.fork('plugins'));
    const scheduler = new Scheduler(fw, inputs.rng.fork('tiebreak'));
    // Watches for the storage metrics; it reads the run, never changes it.
    const storage = new StorageObserver(fw, state);
    const result = simulate({
      state, scheduler, arrivals, endS: s.durationS, rng: inputs.rng.fork('preemption'),
      nodeEvents: nodeEvents(s, state), observers: [storage],
    }, {
      sampleIntervalS: s.sampleEveryS,
    });
    const run = measureRun({
      key: { scenario: s.name, policy: policy.name, seed: task.seed },
      result,
      view: state,
      arrivedPods: arrivals.map((a) => a.pod),
      withPlacements: s.placements,
      storage: storage.facts(),
      workloads: state.workloads,
    });
    const whatif = replay === null ? {} : { whatif: finishReplay(replay, result, state) };
    return { id, run, ...whatif, wallMs: performance.now() - start };
  }

  /**
   * Takes a replay's pods off the loaded snapshot (replay-snapshot.ts), after measuring
   * the snapshot's own placement. The namespaces the scope lists are checked first.
   */
  private startReplay(s: Scenario, scope: ReplayScope, files: readonly string[], state: ClusterState, pending: readonly CompiledPod[]): Replay {
    const field = scope.kind === 'all' ? '' : scope.kind;
    checkReplayScope(scope, state, pending, (i) => ({ file: s.file, path: `workload.replay.${field}[${i}]` }));
    const plan = planReplay(state, pending, podReplayFacts(files.flatMap((f) => this.objectsOf(f))), scope);
    const shapes = distinctShapes(plan.replayed.map((r) => withSpecResources(r.pod).requests));
    const dumpPods = plan.replayed.map((r) => replayedPodRow(r, r.nodeBefore));
    const dump = { ...whatifPodCounts(dumpPods), ...measureWhatifCluster(state, { nodePods: plan.nodePods, shapes }) };
    const { arrivals, replayedIds } = takeOffReplayed(state, plan);
    return { plan, arrivals, replayedIds, shapes, dump };
  }

  private objectsOf(file: string): readonly LoadedObject[] {
    let objects = this.snapshotObjects.get(file);
    if (objects === undefined) {
      objects = loadObjects(file);
      this.snapshotObjects.set(file, objects);
    }
    return objects;
  }

  private inputs(scenario: number, seed: number): SeedInputs {
    if (this.last !== null && this.last.scenario === scenario && this.last.seed === seed) return this.last;
    const s = this.scenarios[scenario]!;
    const rng = Rng.fromSeed(seed);
    this.last = {
      scenario, seed, rng,
      cluster: s.cluster.kind === 'generate' ? { kind: 'generated', nodeObjects: generateCluster(s.cluster.spec, rng.fork('cluster')) } : s.cluster,
      workload: s.workload.kind === 'generate' || s.workload.kind === 'replay'
        ? { kind: 'generated', plan: generateWorkload(s.workload.spec, rng.fork('workload')) }
        : s.workload,
    };
    return this.last;
  }
}

/**
 * Adds the scenario's PriorityClasses to the cluster's (a snapshot's own, or the system
 * classes alone). loadScenario checked them among themselves; what can still clash is a
 * snapshot's class of the same name, or a second globalDefault. CAVEAT: a snapshot's
 * pending pods were admitted when the snapshot loaded, against its own classes only, as
 * the pods of a dump were admitted before the scenario's classes existed.
 */
function addPriorityClasses(state: ClusterState, s: Scenario): void {
  s.priorityClasses.forEach((c, i) => {
    try {
      state.priorityClasses.add(compilePriorityClass(priorityClassObject(c), { file: s.file }));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      throw new InputError({ file: s.file, path: `priorityClasses[${i}]` }, `PriorityClass ${c.name}: ${e.problem} (the snapshot's classes and the scenario's are one cluster's)`);
    }
  });
}

/**
 * Adds the scenario's storage (loadScenario compiled each object once already): its
 * StorageClasses, pre-created PersistentVolumes, and on every node of the generated
 * cluster a CSINode listing its CSI drivers, with the attach limit of the node's pool.
 * Before the workloads' claims, which may be bound at once (an Immediate class).
 */
function addStorage(state: ClusterState, s: Scenario): void {
  if (s.storage === undefined) return;
  const model = state.model;
  const opts = { file: s.file };
  for (const c of s.storage.classes ?? []) state.storage.addClass(compileStorageClass(storageClassObject(c), model, opts));
  for (const v of s.storage.volumes ?? []) state.storage.addVolume(compilePersistentVolume(persistentVolumeObject(v), model, opts));
  const drivers = s.storage.csiDrivers ?? [];
  if (drivers.length === 0) return;
  const poolKey = model.symbols.intern(POOL_LABEL);
  const order = state.nodeOrder();
  for (let i = 0; i < order.length; i++) {
    const node = order[i] as NodeId;
    const name = state.nodeName[node] as Sym;
    const pool = labelValue(state.nodeLabels(node), poolKey);
    const csiNode = compileCsiNode(csiNodeObject(model.symbols.text(name), pool === NO_SYM ? '' : model.symbols.text(pool), drivers), opts);
    state.storage.addCsiNode(name, csiNode);
  }
}

/** Scenario node events with node names resolved to ids. */
function nodeEvents(s: Scenario, state: ClusterState): NodeEvent[] {
  return s.nodeEvents.map((e, i) => {
    const node = state.nodeByName(state.model.symbols.intern(e.node));
    if (node === -1) throw new InputError({ file: s.file, path: `nodeEvents[${i}].node` }, `no node named ${JSON.stringify(e.node)} in the cluster`);
    return { atS: e.atS, kind: e.kind, node };
  }).sort((a, b) => a.atS - b.atS);
}

/**
 * The arrivals of an openb pod list: replayed in time (a task arrives at creation_time
 * and runs until deletion_time; one without times arrives at 0 and stays), or inflated,
 * the FGD paper's task sequence (inflatedTaskOrder), one task per simulated second,
 * never leaving. Every task goes through the full scheduler and simulator, retried when
 * it does not fit (unlike `schedbench openb`, which tries each task once).
 */
function openbArrivals(w: Exclude<ScenarioWorkload, { kind: 'generate' | 'replay' }>, model: ModelContext, state: ClusterState, rng: Rng): PodArrival[] {
  const factory = new OpenbPods(model);
  const rows = loadOpenbPods(w.podsFile);
  if (w.kind === 'openb-inflated') {
    let capacityMilli = 0;
    for (const n of state.nodeOrder()) capacityMilli += state.gpus.count[n]! * MILLI_PER_GPU;
    const order = inflatedTaskOrder(rows.map((r) => r.numGpu * r.gpuMilli), capacityMilli, w.inflate, rng);
    return Array.from(order, (row, i) => ({ atS: i, pod: factory.pod(rows[row]!), durationS: null }));
  }
  return rows.map((r) => {
    const atS = r.creationTimeS ?? 0;
    const durationS = r.creationTimeS !== null && r.deletionTimeS !== null ? Math.max(0, r.deletionTimeS - r.creationTimeS) : null;
    return { atS, pod: factory.pod(r), durationS };
  }).sort((a, b) => a.atS - b.atS || a.pod.id - b.pod.id);
}

/** A replay under way in one cell: its plan, the arrivals it made, and the snapshot's measures. */
interface Replay {
  readonly plan: ReplayPlan;
  readonly arrivals: PodArrival[];
  /** The replayed pods' ids as they arrived, in plan order. */
  readonly replayedIds: readonly PodId[];
  readonly shapes: readonly Float64Array[];
  readonly dump: Readonly<Record<string, number>>;
}

/**
 * Where each replayed pod stands at the end of the run (the last incarnation of the pod
 * that arrived: a replacement after a preemption counts, a pod deleted and not placed
 * again is unschedulable), and the what-if measures of the cluster then.
 */
function finishReplay(replay: Replay, result: SimResult, state: ClusterState): WhatifRun {
  const last = new Map<number, SimResult['pods'][number]>();
  for (const r of result.pods) if (r.replacedBy === -1) last.set(r.workloadPodId, r);
  const pods = replay.plan.replayed.map((p, i) => {
    const r = last.get(replay.replayedIds[i]!);
    return replayedPodRow(p, r?.outcome === 'running' ? r.node ?? '' : '');
  });
  const after = { ...whatifPodCounts(pods), ...measureWhatifCluster(state, { nodePods: replay.plan.nodePods, shapes: replay.shapes }) };
  return { pods, dump: replay.dump, after };
}

/** A replayed pod's row with the node it ends on ('' when not bound). */
function replayedPodRow(p: ReplayedPodPlan, nodeAfter: string): ReplayedPod {
  const outcome: ReplayOutcome = nodeAfter === '' ? 'unschedulable' : nodeAfter === p.nodeBefore ? 'same' : 'moved';
  return { namespace: p.namespace, pod: p.pod.name, ownerKind: p.ownerKind, owner: p.owner, nodeBefore: p.nodeBefore, nodeAfter, outcome };
}
