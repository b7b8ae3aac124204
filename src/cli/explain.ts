import type { Command } from 'commander';
import type { ClusterState } from '../cluster/cluster-state.js';
import { loadCluster } from '../cluster/load-cluster.js';
import type { Explanation } from '../framework/explain.js';
import { explain } from '../framework/explain.js';
import { buildFramework } from '../framework/framework.js';
import { ProfileError } from '../framework/profile-error.js';
import { compilePod } from '../model/compile-pod.js';
import { InputError, excerpt } from '../model/errors.js';
import { lineOf, loadObjects } from '../model/load-objects.js';
import { NO_SYM } from '../model/ids.js';
import { ModelContext } from '../model/model-context.js';
import type { CompiledPod } from '../model/pod.js';
import { KIND_FIELDS, collectUnknownFields } from '../model/unknown-fields.js';
import { Rng } from '../generators/rng.js';
import { loadUserPlugins } from '../run/index.js';
import { collect } from './collect.js';
import { Nominator } from '../sim/nominator.js';
import { loadProfile } from './load-profile.js';
import { warnOnStderr } from './warn-on-stderr.js';
import { formatTable } from './table.js';

/** The explain table: one row per node, one column per score plugin (normalized x weight). */
export function formatExplanation(e: Explanation): string {
  const lines = [`pod ${e.pod}, profile ${e.profile}`];
  if (e.preFilter.length > 0) {
    lines.push(`prefilter: ${e.preFilter.map((p) => `${p.plugin} ${p.result}${p.message ? ` (${p.message})` : ''}`).join(', ')}`);
  }
  const scorers = e.nodes.find((n) => n.feasible)?.scores ?? [];
  const header = ['node', 'feasible', ...scorers.map((s) => `${s.plugin}×${s.weight}`), 'total'];
  const rows = e.nodes.map((n) => {
    if (!n.feasible) {
      const why = n.filters.filter((f) => f.status !== 'Success' && f.status !== 'Skip')
        .map((f) => `${f.plugin}: ${f.reasons.join('; ')}`).join(' | ');
      return [n.node, `no (${why})`, ...scorers.map(() => ''), ''];
    }
    return [
      n.node, 'yes',
      ...n.scores.map((s) => (s.raw === null ? 'skip' : `${s.normalized} (raw ${s.raw}) → ${s.weighted}`)),
      String(n.total),
    ];
  });
  lines.push(formatTable(header, rows));
  lines.push(e.best.length === 0 ? 'unschedulable: no feasible node' : `best: ${e.best.join(', ')}${e.best.length > 1 ? ' (tie, broken at random)' : ''}`);
  return lines.join('\n');
}

/**
 * The cluster files' pending pods that name a node in status.nominatedNodeName (an
 * earlier preemption's): the explained pod respects them as a scheduling cycle would.
 * The explained pod itself, if the files hold it too, is left out.
 */
function nominatedPods(state: ClusterState, pending: readonly CompiledPod[], pod: CompiledPod): Nominator {
  const nominator = new Nominator(state);
  for (const p of pending) {
    if (p.nominatedNodeName === NO_SYM || (p.namespace === pod.namespace && p.name === pod.name)) continue;
    const node = state.nodeByName(p.nominatedNodeName);
    if (node !== -1) nominator.nominate(p, node);
  }
  return nominator;
}

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('show every plugin\'s filter verdict and score on every node for one pod')
    .requiredOption('--cluster <files...>', 'files or folders of Kubernetes objects: nodes, pods (bound, pending, nominated), namespaces, Services, owners (Deployment, ReplicaSet, StatefulSet, ...), PodDisruptionBudgets, PriorityClasses (JSON or YAML, kind: List or raw API lists ok; a folder: every JSON/YAML file under it, e.g. kubectl cluster-info dump --output-directory)')
    .requiredOption('--pod <file>', 'the pod to place (JSON or YAML, one Pod)')
    .option('--profile <file>', 'KubeSchedulerConfiguration (v1), a short policy as in scenarios (name, extends: default, disable, weights, ...), or a schedbench profile (name, filter, score, args); default: kube-scheduler\'s default profile')
    .option('--scheduler-name <name>', 'which profile of a KubeSchedulerConfiguration to use (default: the first)')
    .option('--plugin <file>', 'a plugin file (TypeScript or JavaScript) whose plugin the profile may enable by name; repeatable', collect, [])
    .option('--json', 'print the explanation as JSON')
    .action(async (opts: { cluster: string[]; pod: string; profile?: string; schedulerName?: string; plugin: string[]; json?: boolean }) => {
      const { registry } = await loadUserPlugins(opts.plugin);
      const model = new ModelContext();
      const { state, pending } = loadCluster(opts.cluster, model, { warn: warnOnStderr });
      const pods = loadObjects(opts.pod, 'Pod');
      if (pods.length !== 1 || pods[0]!.kind !== 'Pod') {
        const kinds = pods.slice(0, 5).map((p) => excerpt(p.kind)).join(', ');
        throw new InputError({ file: opts.pod }, `expected exactly one Pod, found ${pods.length === 0 ? 'nothing' : `${pods.length} objects (${kinds}${pods.length > 5 ? ', ...' : ''})`}`);
      }
      let pod;
      try {
        pod = compilePod(pods[0]!.object, model, { file: opts.pod, priorityClasses: state.priorityClasses });
      } catch (e) {
        if (e instanceof InputError) throw e.at(opts.pod, lineOf(pods[0]!, e.where.pathParts ?? []));
        throw e;
      }
      const unknown = new Set<string>();
      collectUnknownFields(pods[0]!.object, KIND_FIELDS.get('Pod')!, unknown);
      if (unknown.size > 0) warnOnStderr(`${opts.pod}: fields that v1 Pod does not define (ignored): ${[...unknown].map((p) => excerpt(p)).join(', ')}`);
      const spec = loadProfile(opts.profile, registry, model, opts.schedulerName);
      let fw;
      try {
        // A plugin that draws random numbers gets a fixed stream: explain has no seed.
        fw = buildFramework(spec, registry, model, Rng.fromSeed('explain').fork('plugins'));
      } catch (e) {
        if (e instanceof ProfileError) throw new InputError({ file: opts.profile ?? '(default profile)', path: e.path }, e.problem);
        throw e;
      }
      const e = explain(fw, state, pod, nominatedPods(state, pending, pod));
      process.stdout.write(opts.json ? `${JSON.stringify(e, null, 2)}\n` : `${formatExplanation(e)}\n`);
    });
}
