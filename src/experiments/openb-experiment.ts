import { openbNode, OpenbPods } from '../generators/traces/openb-objects.js';
import { loadOpenbNodes, loadOpenbPods } from '../generators/traces/openb.js';
import { excerpt, InputError } from '../model/errors.js';
import { INPUT_LIMITS } from '../model/input-limits.js';
import type { CompiledPod } from '../model/pod.js';
import { totalGpuMilli } from '../model/gpu-request.js';
import { GPU_COUNT_RESOURCE } from '../model/gpu-resources.js';
import type { PodId } from '../model/ids.js';
import { ModelContext } from '../model/model-context.js';
import type { TaskShape } from '../model/task-shape.js';
import { typicalTaskShapes } from '../model/typical-task-shapes.js';
import { inTreeRegistry } from '../plugins/index.js';
import type { OpenbJob } from './openb-pool.js';
import { runOpenbJobs } from './openb-pool.js';
import type { OpenbRunInput, OpenbRunResult } from './openb-run.js';
import type { OpenbTieBreak } from './openb-policies.js';
import { OPENB_POLICIES } from './openb-policies.js';

/** What `schedbench openb` runs. */
export interface OpenbExperimentOptions {
  readonly nodesFile: string;
  readonly podsFile: string;
  readonly policies: readonly string[];
  readonly seeds: readonly number[];
  /** Target GPU demand as a multiple of the cluster's GPU capacity (the paper: 1.3). */
  readonly inflate: number;
  /** @default 'node-rank' (the artifact's behaviour; see OpenbTieBreak) */
  readonly tieBreak?: OpenbTieBreak;
  /** Worker threads to run on; 1 runs everything on this thread. @default 1 */
  readonly workers?: number;
  /** Called after each run, in the order runs finish (progress). */
  readonly onRun?: (r: OpenbRunResult) => void;
}

/** A policy's results, averaged over seeds. */
export interface OpenbPolicySummary {
  readonly policy: string;
  readonly seeds: number;
  /** Mean over the seeds whose demand reached 100% (null if none did). */
  readonly allocAt100Pct: number | null;
  readonly allocEndPct: number;
  readonly gpusUnallocatedEnd: number;
  readonly fragRateEndPct: number;
}

/** The whole experiment: the cluster, the workload's shapes, every run and the summary. */
export interface OpenbExperiment {
  readonly nodes: number;
  readonly gpus: number;
  readonly podListTasks: number;
  readonly shapes: readonly TaskShape[];
  readonly runs: readonly OpenbRunResult[];
  readonly summary: readonly OpenbPolicySummary[];
}

/**
 * The FGD paper's inflation experiment on an openb node list and pod list: for each
 * policy and seed, runOpenbInflation (on worker threads when asked); then means over
 * seeds per policy. Bad files, an unknown policy or a cluster without GPUs are
 * InputErrors.
 */
export async function runOpenbExperiment(opts: OpenbExperimentOptions): Promise<OpenbExperiment> {
  for (const p of opts.policies) {
    if (!OPENB_POLICIES.has(p)) throw new InputError({ path: '--policies' }, `unknown policy ${JSON.stringify(p)} (known: ${[...OPENB_POLICIES.keys()].join(', ')})`);
  }
  if (opts.seeds.length === 0) throw new InputError({ path: '--seeds' }, 'expected at least one seed');
  if (!(opts.inflate > 0) || !(opts.inflate <= INPUT_LIMITS.openbInflate)) {
    throw new InputError({ path: '--inflate' }, `expected a positive number of at most ${INPUT_LIMITS.openbInflate} (the limit, as in a scenario's openb workload), got ${excerpt(opts.inflate)}`);
  }
  const tieBreak = opts.tieBreak ?? 'node-rank';
  const input = prepareOpenbInput(opts.nodesFile, opts.podsFile, opts.inflate, tieBreak);
  const gpus = input.nodes.reduce((s, n) => s + countGpus(n.allocatable, input.model), 0);
  const jobs: OpenbJob[] = opts.policies.flatMap((policy, p) => opts.seeds.map((seed, s) => ({ index: p * opts.seeds.length + s, policy, seed })));
  const setup = { nodesFile: opts.nodesFile, podsFile: opts.podsFile, inflate: opts.inflate, tieBreak };
  const runs = await runOpenbJobs(input, setup, jobs, opts.workers ?? 1, opts.onRun);
  return { nodes: input.nodes.length, gpus, podListTasks: input.pods.length, shapes: input.shapes, runs, summary: summarizeOpenbRuns(opts.policies, runs) };
}

/** Loads and compiles the node and pod lists once for all runs. */
export function prepareOpenbInput(nodesFile: string, podsFile: string, inflate: number, tieBreak: OpenbTieBreak): OpenbRunInput {
  const nodeRows = loadOpenbNodes(nodesFile);
  const podRows = loadOpenbPods(podsFile);
  if (nodeRows.length === 0) throw new InputError({ file: nodesFile }, 'the node list has no nodes');
  if (!nodeRows.some((n) => n.gpus > 0)) throw new InputError({ file: nodesFile }, 'the node list has no GPU (the experiment measures GPU allocation)');
  if (podRows.length === 0) throw new InputError({ file: podsFile }, 'the pod list has no tasks');
  if (!podRows.some((p) => p.numGpu > 0)) throw new InputError({ file: podsFile }, 'the pod list has no GPU task');
  const model = new ModelContext();
  const nodes = nodeRows.map((r) => openbNode(r, model));
  const factory = new OpenbPods(model);
  const pods: CompiledPod[] = podRows.map((r) => factory.pod(r));
  const shapes = typicalTaskShapes(pods.map((p, i) => ({
    cpuMilli: p.nonZeroCpuMilli, gpuCount: p.gpu.count, gpuMilliPerGpu: p.gpu.milliPerGpu, gpuModels: podRows[i]!.gpuSpec,
  })));
  const podIds: PodId[] = [];
  return { model, registry: inTreeRegistry, nodes, pods, podGpuMilli: pods.map((p) => totalGpuMilli(p.gpu)), shapes, podIds, inflate, tieBreak };
}

/** Means over seeds, per policy in the given order. */
export function summarizeOpenbRuns(policies: readonly string[], runs: readonly OpenbRunResult[]): OpenbPolicySummary[] {
  return policies.map((policy) => {
    const rs = runs.filter((r) => r.policy === policy);
    const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const at100 = rs.map((r) => r.allocAt100Pct).filter((x): x is number => x !== null);
    return {
      policy,
      seeds: rs.length,
      allocAt100Pct: at100.length === 0 ? null : mean(at100),
      allocEndPct: mean(rs.map((r) => r.allocEndPct)),
      gpusUnallocatedEnd: mean(rs.map((r) => r.gpusUnallocatedEnd)),
      fragRateEndPct: mean(rs.map((r) => r.fragRateEndPct)),
    };
  });
}

function countGpus(allocatable: Float64Array, model: ModelContext): number {
  const dim = model.resources.lookup(GPU_COUNT_RESOURCE);
  return dim === undefined ? 0 : allocatable[dim] ?? 0;
}
