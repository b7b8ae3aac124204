import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { excerpt, InputError } from '../model/errors.js';
import { INPUT_LIMITS } from '../model/input-limits.js';
import { ModelContext } from '../model/model-context.js';
import type { OpenbWorldPolicy, UserPluginFile } from '../run/index.js';
import type { ProfileSpec } from '../framework/profile.js';
import type { Registry } from '../framework/types.js';
import { collect } from './collect.js';
import {
  buildOpenbPlan, DEFAULT_OPENB_POLICIES, loadUserPlugins, openbDefaultPolicy, openbHeuristicPolicy, OPENB_POLICIES, OPENB_TIE_BREAKS, openbUserPolicy, runSweep, shardText,
} from '../run/index.js';
import { loadProfiles } from './load-profile.js';
import type { OpenbSummaryRow } from '../report/index.js';
import { METRICS } from '../metrics/catalogue.js';
import { verdictText } from '../report/index.js';
import { formatTable } from './table.js';
import { buildFramework } from '../framework/framework.js';
import { ProfileError } from '../framework/profile-error.js';
import { parseSeeds } from './parse-seeds.js';
import { sweepProgress } from './progress.js';
import { addSweepFlags, reportSweepOutcome, sweepFlags } from './sweep-flags.js';

/** Adds `schedbench openb`: the FGD paper's inflation experiment on the openb trace, as a plan. */
export function registerOpenb(program: Command): void {
  const cmd = program
    .command('openb')
    .description('rerun the FGD paper\'s (ATC \'23) one-shot inflation experiment on the openb GPU trace: per seed, each policy schedules the shuffled, inflated task list once (a task that fits nowhere is dropped); writes a report with GPU allocation, fragmentation and the allocation-vs-arrived-demand curve')
    .option('--nodes <file>', 'openb node list CSV', 'scenarios/data/openb/openb_node_list_gpu_node.csv')
    .option('--pods <file>', 'openb pod list CSV (11 or 5 columns)', 'scenarios/data/openb/openb_pod_list_default.csv')
    .option('--policies <list>', `comma-separated policies: ${[...OPENB_POLICIES.keys()].join(', ')} (each the only scorer, GPU filters, every node scored); default (kube-scheduler's default profile plus the GpuModel and GpuFit filters); or a policy file (a KubeSchedulerConfiguration: each of its profiles, by schedulerName; a scenario's short policy form; or a schedbench profile), used as written: enable the GpuModel and GpuFit filters in it, or GPUs are not checked`, DEFAULT_OPENB_POLICIES.join(','))
    .option('--seeds <list>', 'seeds: a range 42-51 and/or a list 1,2,3', '42-51')
    .option('--inflate <factor>', `schedule tasks until their GPU request reaches this multiple of the GPU capacity (at most ${INPUT_LIMITS.openbInflate})`, '1.3')
    .option('--tie-break <rule>', 'ties between best nodes: node-rank (a seeded node ranking per seed, as the paper\'s simulator) or uniform (a fresh draw per pod, as kube-scheduler)', 'node-rank')
    .option('--plugin <file>', 'a plugin file (TypeScript or JavaScript; see "Write your own policy" in the README): its score plugin may be named in --policies like a heuristic (the only scorer, after the GPU filters, every node scored), and policy files may enable it; repeatable', collect, [])
    .option('--out <dir>', 'report folder (new, empty, or an earlier openb result, which is replaced)', 'reports/openb');
  addSweepFlags(cmd).action(async (opts: { nodes: string; pods: string; policies: string; plugin: string[]; seeds: string; inflate: string; tieBreak: string; out: string; jobs: string; shard?: string; resume?: boolean }) => {
    const flags = sweepFlags(opts);
    // The range is the plan's to check; here only that the text is a number at all.
    const inflate = opts.inflate.trim() === '' ? Number.NaN : Number(opts.inflate);
    if (Number.isNaN(inflate)) throw new InputError({ path: '--inflate' }, `expected a number, got ${excerpt(opts.inflate)}`);
    const seeds = parseSeeds(opts.seeds);
    const tieBreak = OPENB_TIE_BREAKS.find((t) => t === opts.tieBreak);
    if (tieBreak === undefined) throw new InputError({ path: '--tie-break' }, `expected ${OPENB_TIE_BREAKS.join(' or ')}, got ${excerpt(opts.tieBreak)}`);
    for (const [flag, file] of [['--nodes', opts.nodes], ['--pods', opts.pods]] as const) {
      if (!existsSync(file)) throw new InputError({ file, path: flag }, 'no such file');
    }
    const { registry, plugins } = await loadUserPlugins(opts.plugin);
    const policies = opts.policies.split(',').map((p) => p.trim()).filter((p) => p !== '').flatMap((p) => openbPolicies(p, registry, plugins));
    const plan = buildOpenbPlan({ nodesFile: opts.nodes, podsFile: opts.pods, inflate, tieBreak, policies }, seeds, plugins.map((p) => p.file));
    const r = await runSweep(plan, { out: opts.out, ...flags }, sweepProgress(flags.shard === null ? 'openb' : `openb shard ${shardText(flags.shard)}`));
    // The experiment's summary first, then the policies' verdict against the baseline, as read back from the report (the one writer's numbers).
    const tables = r.tables;
    if (tables?.openb != null) process.stdout.write(`${formatOpenbSummary(tables.openb.summary)}\n`);
    if (tables !== undefined) process.stdout.write(verdictText(tables, METRICS));
    reportSweepOutcome(r, flags.shard === null ? `${r.dir}/index.html` : r.dir);
  });
}

/** openb-summary.csv as a table: per policy, means over seeds, two decimals. */
function formatOpenbSummary(rows: readonly OpenbSummaryRow[]): string {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '');
  return formatTable(
    ['policy', 'seeds', 'GPU alloc % at 100% arrived', 'GPU alloc % at end', 'GPUs unallocated', 'GPU frag rate %'],
    rows.map((r) => [r.policy, String(r.seeds), f(r.gpuAllocAt100Pct), f(r.gpuAllocEndPct), f(r.gpusUnallocatedEnd), f(r.gpuFragRateEndPct)]),
  );
}

/**
 * One --policies entry as the experiment runs it: a heuristic, a user plugin's score (as
 * a heuristic), `default`, or a file's profiles.
 */
function openbPolicies(name: string, registry: Registry, plugins: readonly UserPluginFile[]): OpenbWorldPolicy[] {
  const heuristic = openbHeuristicPolicy(name);
  if (heuristic !== undefined) return [heuristic];
  if (name === 'default') return [openbDefaultPolicy()];
  if (plugins.some((p) => p.name === name)) {
    const policy = openbUserPolicy(name);
    checkOpenbProfile(policy.profile, registry, `--plugin ${plugins.find((p) => p.name === name)!.file}`);
    return [policy];
  }
  if (/\.(ya?ml|json)$/i.test(name) || name.includes('/')) {
    return loadProfiles(name, registry, new ModelContext()).map((profile) => {
      checkOpenbProfile(profile, registry, name);
      return { profile, uniformDraw: false, traceShapes: false };
    });
  }
  const mine = plugins.length === 0 ? '' : `, ${plugins.map((p) => p.name).join(', ')}`;
  throw new InputError({ path: '--policies' }, `unknown policy ${excerpt(name)} (known: ${[...OPENB_POLICIES.keys()].join(', ')}${mine}, default, or a policy file ending in .yaml, .yml or .json)`);
}

/** Builds a profile once here, so an unknown plugin or bad args fail before any cell starts. */
function checkOpenbProfile(profile: ProfileSpec, registry: Registry, file: string): void {
  try {
    buildFramework(profile, registry, new ModelContext());
  } catch (e) {
    if (e instanceof ProfileError) throw new InputError({ file, path: '--policies' }, `profile ${profile.name}: ${e.message}`);
    throw e;
  }
}
