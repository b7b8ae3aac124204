import { ClusterState } from '../cluster/cluster-state.js';
import { loadCluster } from '../cluster/load-cluster.js';
import { buildFramework } from '../framework/framework.js';
import type { ProfileSpec } from '../framework/profile.js';
import { Scheduler } from '../framework/scheduler.js';
import { generateCluster } from '../generators/generate-cluster.js';
import { generateWorkload } from '../generators/generate-workload.js';
import { Rng } from '../generators/rng.js';
import type { WorkloadPlan } from '../generators/workload-spec.js';
import { loadOpenbNodes, loadOpenbPods } from '../generators/traces/openb.js';
import { OpenbPods, openbNode } from '../generators/traces/openb-objects.js';
import { measureRun } from '../metrics/measure-run.js';
import type { RunMetrics } from '../metrics/types.js';
import { compileNode } from '../model/compile-node.js';
import { compilePod } from '../model/compile-pod.js';
import { inflatedTaskOrder } from '../experiments/inflated-task-order.js';
import { InputError } from '../model/errors.js';
import { MILLI_PER_GPU } from '../model/gpu-resources.js';
import type { PodId } from '../model/ids.js';
import { ModelContext } from '../model/model-context.js';
import type { CompiledPod } from '../model/pod.js';
import { inTreeRegistry } from '../plugins/index.js';
import type { Scenario, ScenarioWorkload } from '../scenario/types.js';
import { simulate } from '../sim/simulator.js';
import type { NodeEvent, PodArrival } from '../sim/types.js';

/** Which runs of a scenario to do. */
export interface RunSelection {
  /** Seeds to run instead of the scenario's. */
  readonly seeds?: readonly number[];
  /** Only the policy with this name. */
  readonly policy?: string;
  /** Called after each run (for progress). */
  readonly onRun?: (done: number, total: number, m: RunMetrics) => void;
}

/**
 * Runs a scenario: for each seed, the cluster and the workload are generated once from
 * named streams of the seed (so every policy sees the same ones), then every policy
 * replays them in the simulator and the run is measured.
 *
 *   1. streams      rng = Rng.fromSeed(seed): 'cluster', 'workload', 'tiebreak', 'preemption'
 *   2. cluster      generateCluster(spec, rng.fork('cluster')) or the snapshot files
 *   3. workload     generateWorkload(spec, rng.fork('workload')); templates compiled once per run
 *   4. framework    buildFramework(policy) + Scheduler with the 'tiebreak' stream
 *   5. simulate     arrivals and node events until durationS
 *   6. measure      measureRun -> RunMetrics (plain data)
 */
export function runScenario(s: Scenario, sel: RunSelection = {}): RunMetrics[] {
  const out: RunMetrics[] = [];
  const plan = planRuns(s, sel);
  for (const run of plan) {
    const m = run();
    out.push(m);
    sel.onRun?.(out.length, plan.length, m);
  }
  return out;
}

/**
 * The runs of a scenario as thunks, in order (seeds outer, policies inner), so a caller
 * can run them one at a time and stop between two. The cluster and workload of a seed
 * are generated once, when its first run starts.
 */
export function planRuns(s: Scenario, sel: RunSelection = {}): (() => RunMetrics)[] {
  const seeds = sel.seeds ?? s.seeds;
  const policies = sel.policy === undefined ? s.policies : s.policies.filter((p) => p.name === sel.policy);
  if (policies.length === 0) {
    throw new InputError({ file: s.file, path: 'policies' }, `no policy named ${JSON.stringify(sel.policy)} (have ${s.policies.map((p) => p.name).join(', ')})`);
  }
  const runs: (() => RunMetrics)[] = [];
  for (const seed of seeds) {
    let inputs: { rng: Rng; nodeObjects: unknown[] | null; plan: WorkloadPlan | null } | null = null;
    const seedInputs = () => {
      if (inputs === null) {
        const rng = Rng.fromSeed(seed);
        inputs = {
          rng,
          nodeObjects: s.cluster.kind === 'generate' ? generateCluster(s.cluster.spec, rng.fork('cluster')) : null,
          plan: s.workload.kind === 'generate' ? generateWorkload(s.workload.spec, rng.fork('workload')) : null,
        };
      }
      return inputs;
    };
    for (const policy of policies) {
      runs.push(() => {
        const i = seedInputs();
        return runOne(s, seed, policy, i.rng, i.nodeObjects, i.plan);
      });
    }
  }
  return runs;
}

function runOne(
  s: Scenario, seed: number, policy: ProfileSpec, rng: Rng, nodeObjects: unknown[] | null, plan: WorkloadPlan | null,
): RunMetrics {
  const model = new ModelContext();
  let state: ClusterState;
  let pending: readonly CompiledPod[] = [];
  switch (s.cluster.kind) {
    case 'generate':
      // planRuns generated them once for the seed (every policy sees the same nodes).
      if (nodeObjects === null) throw new Error('a generated cluster without its generated nodes');
      state = ClusterState.from(model, nodeObjects.map((n) => compileNode(n, model)));
      break;
    case 'openb':
      state = ClusterState.from(model, loadOpenbNodes(s.cluster.nodesFile).map((r) => openbNode(r, model)));
      break;
    case 'snapshot': {
      const loaded = loadCluster(s.cluster.files, model);
      state = loaded.state;
      pending = loaded.pending;
      break;
    }
  }
  const arrivals: PodArrival[] = pending.map((pod) => ({ atS: 0, pod, durationS: null }));
  if (s.workload.kind !== 'generate') arrivals.push(...openbArrivals(s.workload, model, state, rng.fork('workload')));
  const templates = plan === null ? [] : plan.templates.map((t) => compilePod(t, model, { file: s.file }));
  for (const a of plan?.arrivals ?? []) {
    if (a.atS > s.durationS) continue;
    const t = templates[a.template]!;
    const w = plan!.workloads[a.template]!;
    arrivals.push({
      atS: a.atS,
      pod: { ...t, id: model.newPodId() as PodId, name: a.name },
      durationS: a.durationS,
      ...(w.parallelism !== null ? { group: { key: `${w.kind}/${w.name}`, parallelism: w.parallelism } } : {}),
    });
  }
  const fw = buildFramework(policy, inTreeRegistry, model);
  const scheduler = new Scheduler(fw, rng.fork('tiebreak'));
  const result = simulate({
    state, scheduler, arrivals, endS: s.durationS, rng: rng.fork('preemption'),
    nodeEvents: nodeEvents(s, state),
  }, {
    sampleIntervalS: s.sampleEveryS,
  });
  return measureRun({
    key: { scenario: s.name, policy: policy.name, seed },
    result,
    view: state,
    arrivedPods: arrivals.map((a) => a.pod),
    withPlacements: s.placements,
  });
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
 * and runs until deletion_time; one without times arrives at 0 and stays), or, with
 * `inflate`, the FGD paper's inflated task sequence (inflatedTaskOrder), one task per
 * simulated second, never leaving. `schedbench openb` runs the paper's experiment with
 * its own tie-breaking; here every task goes through the full scheduler and simulator.
 */
function openbArrivals(w: Exclude<ScenarioWorkload, { kind: 'generate' }>, model: ModelContext, state: ClusterState, rng: Rng): PodArrival[] {
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
