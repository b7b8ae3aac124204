import { join } from 'node:path';
import type { Command } from 'commander';
import { loadCluster } from '../cluster/load-cluster.js';
import { buildFramework } from '../framework/framework.js';
import { defaultProfile } from '../framework/profile.js';
import type { ProfileSpec } from '../framework/profile.js';
import { ProfileError } from '../framework/profile-error.js';
import { excerpt, InputError } from '../model/errors.js';
import { ModelContext } from '../model/model-context.js';
import type { WhatifSummary } from '../metrics/types.js';
import { WHATIF_MEASURES } from '../metrics/whatif-measures.js';
import { METRICS } from '../metrics/catalogue.js';
import { verdictText } from '../report/index.js';
import type { ReplayScope } from '../scenario/scenario-schema.js';
import type { UserPluginFile } from '../run/index.js';
import { buildScenarioPlan, defaultOutDir, loadUserPlugins, OPENB_POLICIES, runSweep, shardText } from '../run/index.js';
import type { Registry } from '../framework/types.js';
import { collect } from './collect.js';
import { checkReplayScope } from '../run/replay-snapshot.js';
import { WHATIF_DURATION_S, WHATIF_SCENARIO_NAME, whatifHeuristicPolicy, whatifScenario } from '../run/whatif-scenario.js';
import { loadProfiles } from './load-profile.js';
import { parseSeeds } from './parse-seeds.js';
import { sweepProgress } from './progress.js';
import { addSweepFlags, reportSweepOutcome, sweepFlags } from './sweep-flags.js';
import { formatTable } from './table.js';
import { warnOnStderr } from './warn-on-stderr.js';

interface WhatifOptions {
  cluster: string[];
  policies: string;
  seeds: string;
  keep?: string;
  only?: string;
  plugin: string[];
  out?: string;
  jobs: string;
  shard?: string;
  resume?: boolean;
}

/** Adds `schedbench whatif`: a cluster dump's own pods placed again under each policy, as a plan. */
export function registerWhatif(program: Command): void {
  const cmd = program
    .command('whatif')
    .description(`place a cluster's own pods again under each policy: nodes, DaemonSet, mirror (static) and bare pods stay where the dump has them; the pods of ReplicaSets, StatefulSets, Jobs and ReplicationControllers and the pending pods are taken off and placed again in the order of their creation timestamps, through the full scheduler and simulator (priorities, preemption, PodDisruptionBudgets), for ${WHATIF_DURATION_S} simulated seconds; writes the normal report plus whatif.csv (every replayed pod: node before and after, outcome same, moved or unschedulable), whatif-runs.csv, whatif-summary.csv and a "What if" section comparing each policy with the dump's own placement`)
    .requiredOption('--cluster <paths...>', 'cluster files and folders: kubectl get ... -o json|yaml output, raw API lists (NodeList, PodList, ...), multi-document YAML, or the folder kubectl cluster-info dump --all-namespaces --output-directory=DIR writes')
    .option('--policies <list>', `comma-separated policies: default (kube-scheduler's default profile); a heuristic (${[...OPENB_POLICIES.keys()].join(', ')}: kube's default filters, the heuristic the only scorer, every node scored); or a policy file (a KubeSchedulerConfiguration: each of its profiles, by schedulerName; a scenario's short policy form; or a schedbench profile); the first is the baseline of summary.csv`, 'default')
    .option('--seeds <seeds>', 'seeds (tie-breaks between equally scored nodes and preemption draws): 1,2,3 or 1-5 or 1-3,7', '1-5')
    .option('--keep <namespaces>', 'comma-separated namespaces whose pods all stay where they are (their pending pods still arrive, but are not replayed); not with --only')
    .option('--only <namespaces>', 'comma-separated namespaces: replay only their pods, every other pod stays; not with --keep')
    .option('--plugin <file>', 'a plugin file (TypeScript or JavaScript; see "Write your own policy" in the README): its score plugin may be named in --policies like a heuristic, and policy files may enable it; repeatable', collect, [])
    .option('--out <dir>', 'output folder: new, empty, or an earlier report, which is replaced (default: reports/whatif-<UTC time>; with --shard, reports/whatif-shard-<k>-of-<n>)');
  addSweepFlags(cmd).action(async (opts: WhatifOptions) => {
    const flags = sweepFlags(opts);
    const seeds = parseSeeds(opts.seeds);
    const scope = replayScope(opts);
    const { registry, plugins } = await loadUserPlugins(opts.plugin);
    const policies = whatifPolicies(opts.policies, registry, plugins);
    const scenario = whatifScenario({ cluster: opts.cluster, policies, seeds, scope, plugins: opts.plugin });
    if (scenario.cluster.kind !== 'snapshot') throw new Error('whatif: the scenario has no snapshot');
    // Loaded once here, so its warnings are said once and a bad file or namespace stops the run before any cell.
    const loaded = loadCluster(scenario.cluster.files, new ModelContext(), { warn: warnOnStderr });
    checkReplayScope(scope, loaded.state, loaded.pending, () => ({ path: scope.kind === 'all' ? '--only' : `--${scope.kind}` }));
    const clusterText = opts.cluster.join(', ');
    const plan = buildScenarioPlan([scenario], {}, {
      title: `schedbench whatif: ${clusterText}`,
      createdFor: opts.cluster,
      info: [
        ['cluster', clusterText],
        ['replayed', scope.kind === 'all' ? 'every namespace' : `${scope.kind === 'only' ? 'only' : 'all but'} ${scope.namespaces.join(', ')}`],
        ['simulated time', `${WHATIF_DURATION_S} s`],
      ],
    });
    const out = opts.out ?? (flags.shard !== null ? join('reports', `${WHATIF_SCENARIO_NAME}-shard-${shardText(flags.shard).replace('/', '-of-')}`) : defaultOutDir(WHATIF_SCENARIO_NAME, new Date()));
    const r = await runSweep(plan, { out, ...flags }, sweepProgress(flags.shard === null ? 'whatif' : `whatif shard ${shardText(flags.shard)}`));
    // The comparison with the dump first, then the policies' verdict against the baseline, as read back from the report (the one writer's numbers).
    const tables = r.tables;
    if (tables?.whatif != null) process.stdout.write(`${formatWhatifSummary(tables.whatif.summary)}\n`);
    if (tables !== undefined) process.stdout.write(verdictText(tables, METRICS));
    reportSweepOutcome(r, flags.shard === null ? join(r.dir, 'index.html') : r.dir);
  });
}

/** --keep / --only as a replay scope; both given is a usage error. */
function replayScope(opts: WhatifOptions): ReplayScope {
  if (opts.keep !== undefined && opts.only !== undefined) throw new InputError({ path: '--only' }, 'give --keep or --only, not both');
  const list = (flag: string, text: string) => {
    const ns = text.split(',').map((n) => n.trim()).filter((n) => n !== '');
    if (ns.length === 0) throw new InputError({ path: flag }, `expected namespaces separated by commas, got ${excerpt(text)}`);
    return [...new Set(ns)];
  };
  if (opts.only !== undefined) return { kind: 'only', namespaces: list('--only', opts.only) };
  if (opts.keep !== undefined) return { kind: 'keep', namespaces: list('--keep', opts.keep) };
  return { kind: 'all' };
}

/** --policies as profiles: built-in names and policy files, each built once so bad args fail before any cell. */
function whatifPolicies(text: string, registry: Registry, plugins: readonly UserPluginFile[]): ProfileSpec[] {
  const out: ProfileSpec[] = [];
  for (const item of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    for (const profile of policyProfiles(item, registry, plugins)) {
      if (out.some((p) => p.name === profile.name)) throw new InputError({ path: '--policies' }, `policy ${excerpt(profile.name)} is named twice; each policy needs its own name (a KubeSchedulerConfiguration names its profiles by schedulerName)`);
      try {
        buildFramework(profile, registry, new ModelContext());
      } catch (e) {
        if (e instanceof ProfileError) throw new InputError({ path: '--policies' }, `policy ${profile.name}: ${e.message}`);
        throw e;
      }
      out.push(profile);
    }
  }
  if (out.length === 0) throw new InputError({ path: '--policies' }, `expected at least one policy, got ${excerpt(text)}`);
  return out;
}

/** One --policies item: `default`, a heuristic, or a file's profiles. */
function policyProfiles(name: string, registry: Registry, plugins: readonly UserPluginFile[]): ProfileSpec[] {
  if (name === 'default') return [defaultProfile('default')];
  const heuristic = whatifHeuristicPolicy(name, plugins.map((p) => p.name));
  if (heuristic !== undefined) return [heuristic];
  if (/\.(ya?ml|json)$/i.test(name) || name.includes('/')) return loadProfiles(name, registry, new ModelContext());
  const mine = plugins.map((p) => `, ${p.name}`).join('');
  throw new InputError({ path: '--policies' }, `unknown policy ${excerpt(name)} (known: default, ${[...OPENB_POLICIES.keys()].join(', ')}${mine}, or a policy file ending in .yaml, .yml or .json)`);
}

/** whatif-summary.csv as a table: per policy, each measure's mean and its difference from the dump. */
function formatWhatifSummary(rows: readonly WhatifSummary[]): string {
  const f = (x: number) => (Number.isFinite(x) ? String(Number(x.toFixed(2))) : '');
  const policies = [...new Set(rows.map((r) => r.policy))];
  const measures = WHATIF_MEASURES.filter((m) => rows.some((r) => r.measure === m.id));
  const cell = (policy: string, id: string) => {
    const r = rows.find((x) => x.policy === policy && x.measure === id);
    return r === undefined ? '' : `${f(r.mean)} (${r.diff > 0 ? '+' : ''}${f(r.diff)})`;
  };
  const dump = (id: string) => f(rows.find((x) => x.measure === id)?.dump ?? Number.NaN);
  return formatTable(
    ['measure', 'dump', ...policies.map((p) => `${p}: mean (vs dump)`)],
    measures.map((m) => [m.label + (m.unit === '%' ? ' %' : ''), dump(m.id), ...policies.map((p) => cell(p, m.id))]),
  );
}
