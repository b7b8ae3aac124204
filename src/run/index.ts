/**
 * The run pipeline's API: what the commands call. Every command builds a plan (cells
 * with stable ids and a plan hash) and hands it to runSweep, or merges shard folders.
 */
export type { Cell, CellResult } from './cell.js';
export { defaultOutDir } from './default-out-dir.js';
export { loadScenarios } from './load-scenarios.js';
export { mergeShards } from './merge-shards.js';
export type { Plan } from './plan.js';
export type { SweepOptions, SweepOutcome, SweepWatcher } from './run-sweep.js';
export { runSweep } from './run-sweep.js';
export { buildScenarioPlan } from './scenario-plan.js';
export type { ScenarioSelection } from './scenario-plan.js';
export { schedbenchVersion } from './schedbench-version.js';
export type { ShardSpec } from './shard-spec.js';
export { parseShard, shardText } from './shard-spec.js';
export { writePlanReport } from './write-sweep-output.js';
export { buildOpenbPlan } from './openb-plan.js';
export type { OpenbWorld, OpenbWorldPolicy } from './openb-world.js';
export { DEFAULT_OPENB_POLICIES, openbDefaultPolicy, openbHeuristicPolicy, OPENB_POLICIES, OPENB_TIE_BREAKS, openbUserPolicy } from './openb-policies.js';
export type { UserPluginFile } from './load-user-plugins.js';
export { loadUserPlugins } from './load-user-plugins.js';
// The errors a command reports as one line (exit 2), and the helpers it words them with:
// a command catches and throws them through run/, as it does everything else.
export { excerpt, InputError, oneLine } from '../model/errors.js';
// --seeds is read as a scenario's `seeds` is.
export { parseSeedList } from '../model/seed-list.js';
export { ProfileError } from '../framework/profile-error.js';
export { UserPluginError } from '../plugins/user/user-plugin-error.js';
export { ReportError } from '../report/index.js';
