import { InputError } from '../model/errors.js';
import type { Scenario } from '../scenario/types.js';
import type { Cell } from './cell.js';
import { cellId } from './cell.js';
import type { Plan, PlanReport } from './plan.js';
import { fileDigest, planHash } from './plan-hash.js';

/** Which cells of the scenarios to run. */
export interface ScenarioSelection {
  /** Seeds to run instead of each scenario's own. */
  readonly seeds?: readonly number[];
  /** Only the policy with this name. */
  readonly policy?: string;
}

/** How the report of a plan is headed, when a command builds its scenario itself (`whatif`). */
export interface ScenarioPlanHeading {
  readonly title: string;
  readonly createdFor: readonly string[];
  readonly info: readonly (readonly [string, string])[];
}

/**
 * The plan of `run` and `npm run bench`: for each scenario, each seed, each policy, a
 * cell, in that order (seeds outer, so the cells of one seed, which share the generated
 * cluster and workload, run close together).
 */
export function buildScenarioPlan(scenarios: readonly Scenario[], sel: ScenarioSelection = {}, heading?: ScenarioPlanHeading): Plan {
  // whatif.csv keys its rows by policy and seed, as the issue fixes its columns: one replay per report.
  const replays = scenarios.filter((s) => s.workload.kind === 'replay');
  if (replays.length > 1) {
    throw new InputError({ file: replays[1]!.file, path: 'workload.replay' }, `a second scenario that replays its snapshot (${replays[0]!.file} is the first); whatif.csv holds one replay per report, so run them one at a time`);
  }
  const cells: Cell[] = [];
  scenarios.forEach((s, scenario) => {
    const policies = sel.policy === undefined ? s.policies : s.policies.filter((p) => p.name === sel.policy);
    if (policies.length === 0) {
      throw new InputError({ file: s.file, path: 'policies' }, `no policy named ${JSON.stringify(sel.policy)} (have ${s.policies.map((p) => p.name).join(', ')})`);
    }
    for (const seed of sel.seeds ?? s.seeds) {
      for (const p of policies) cells.push({ id: cellId(s.name, p.name, seed), task: { kind: 'scenario', scenario, policy: p.name, seed } });
    }
  });
  const report: PlanReport = {
    kind: 'scenarios',
    title: heading?.title ?? `schedbench: ${scenarios.map((s) => s.name).join(', ')}`,
    createdFor: heading?.createdFor ?? scenarios.map((s) => s.name),
    baselines: scenarios.map((s) => [s.name, s.baseline] as const),
    info: heading?.info ?? [
      ['scenario files', scenarios.map((s) => s.file).join(', ')],
    ],
    scenarios: scenarios.map((s) => ({ scenario: s.name, description: s.description, policies: s.policies })),
  };
  const plugins = [...new Set(scenarios.flatMap((s) => s.plugins))].map((file) => ({ file, digest: fileDigest(file) }));
  const world = { kind: 'scenarios' as const, scenarios, plugins };
  return { hash: planHash({ world: scenarios.map(hashedScenario), report: { ...report, info: [] }, cells }), cells, report, world };
}

/**
 * What of a scenario decides its results, for the plan hash: everything resolved, less
 * where it was read from; data files by content, so the same files at other paths (a
 * shard on another machine) hash the same.
 */
function hashedScenario(s: Scenario): unknown {
  const cluster = s.cluster.kind === 'snapshot' ? { kind: 'snapshot', files: s.cluster.files.map(fileDigest) }
    : s.cluster.kind === 'openb' ? { kind: 'openb', nodes: fileDigest(s.cluster.nodesFile) }
      : s.cluster;
  const workload = s.workload.kind === 'generate' || s.workload.kind === 'replay' ? s.workload : { ...s.workload, podsFile: fileDigest(s.workload.podsFile) };
  return { ...s, file: undefined, cluster, workload, plugins: s.plugins.map(fileDigest) };
}
