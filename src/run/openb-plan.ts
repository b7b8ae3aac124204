import { loadOpenbNodes, loadOpenbPods } from '../generators/traces/openb.js';
import { excerpt, InputError } from '../model/errors.js';
import { INPUT_LIMITS } from '../model/input-limits.js';
import type { Cell } from './cell.js';
import { cellId } from './cell.js';
import { OPENB_SCENARIO } from './openb-cell.js';
import type { OpenbLists, OpenbWorld } from './openb-world.js';
import type { Plan, PlanReport } from './plan.js';
import { fileDigest, planHash } from './plan-hash.js';

/**
 * The plan of `schedbench openb`: the FGD paper's inflation experiment, one cell per
 * policy and seed (policies outer, in the given order), run like any plan; its report is
 * the normal one plus the experiment's tables (PlanReport kind 'openb'). The first
 * policy is the baseline of the comparisons. Bad settings and lists the experiment
 * cannot measure are InputErrors here, before any cell runs.
 */
export function buildOpenbPlan(world: OpenbWorld, seeds: readonly number[], pluginFiles: readonly string[] = []): Plan {
  if (world.policies.length === 0) throw new InputError({ path: '--policies' }, 'expected at least one policy');
  if (seeds.length === 0) throw new InputError({ path: '--seeds' }, 'expected at least one seed');
  if (!(world.inflate > 0 && world.inflate <= INPUT_LIMITS.openbInflate)) {
    throw new InputError({ path: '--inflate' }, `expected a positive number up to ${INPUT_LIMITS.openbInflate} (the limit scenario files have too), got ${excerpt(world.inflate)}`);
  }
  const names = new Set<string>();
  for (const p of world.policies) {
    if (names.has(p.profile.name)) throw new InputError({ path: '--policies' }, `policy ${JSON.stringify(p.profile.name)} is listed twice`);
    names.add(p.profile.name);
  }
  const lists = checkedOpenbLists(world.nodesFile, world.podsFile);
  const cells: Cell[] = world.policies.flatMap((p) => seeds.map((seed) => ({
    id: cellId(OPENB_SCENARIO, p.profile.name, seed), task: { kind: 'openb' as const, policy: p.profile.name, seed },
  })));
  const report: PlanReport = {
    kind: 'openb',
    title: `schedbench openb: GPU allocation at ${Math.round(world.inflate * 100)}% inflated demand`,
    createdFor: [OPENB_SCENARIO],
    baselines: [[OPENB_SCENARIO, world.policies[0]!.profile.name]],
    info: [
      ['node list', world.nodesFile],
      ['pod list', world.podsFile],
      ['inflation', `tasks drawn until their GPU request reaches ${world.inflate} x the cluster's GPUs; each tried once, none leaving`],
      ['tie-break', world.tieBreak],
    ],
    scenarios: [{
      scenario: OPENB_SCENARIO,
      description: `The FGD paper's (USENIX ATC '23) one-shot inflation experiment on the openb GPU trace: the trace's tasks shuffled and drawn until their GPU requests reach ${world.inflate} x the cluster's GPUs, each tried once`,
      policies: world.policies.map((p) => p.profile),
    }],
  };
  const plugins = pluginFiles.map((file) => ({ file, digest: fileDigest(file) }));
  const { lists: _given, ...settings } = world;
  const hashed = { ...settings, nodesFile: fileDigest(world.nodesFile), podsFile: fileDigest(world.podsFile), plugins: plugins.map((p) => p.digest) };
  return { hash: planHash({ world: hashed, report: { ...report, info: [] }, cells }), cells, report, world: { kind: 'openb', openb: { ...settings, lists }, plugins } };
}

/**
 * The lists, read in the main thread so a bad or useless list fails before any worker
 * starts, and handed to the workers with the plan's world (OpenbWorld.lists). The
 * experiment measures GPU allocation, so it needs a GPU node and a GPU task.
 */
function checkedOpenbLists(nodesFile: string, podsFile: string): OpenbLists {
  const nodes = loadOpenbNodes(nodesFile);
  if (nodes.length === 0) throw new InputError({ file: nodesFile }, 'the node list has no nodes');
  if (!nodes.some((n) => n.gpus > 0)) throw new InputError({ file: nodesFile }, 'the node list has no GPU (the experiment measures GPU allocation)');
  const pods = loadOpenbPods(podsFile);
  if (pods.length === 0) throw new InputError({ file: podsFile }, 'the pod list has no tasks');
  if (!pods.some((p) => p.numGpu > 0)) throw new InputError({ file: podsFile }, 'the pod list has no GPU task');
  return { nodes, pods };
}
