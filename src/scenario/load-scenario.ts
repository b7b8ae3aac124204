import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import type { ProfileSpec } from '../framework/profile.js';
import { defaultProfile } from '../framework/profile.js';
import { priorityClassObject } from '../generators/priority-class-objects.js';
import { workloadObjects } from '../generators/workload-objects.js';
import { describeIssue } from '../model/describe-issue.js';
import { clusterFiles } from '../cluster/cluster-files.js';
import { InputError, excerpt, formatPath } from '../model/errors.js';
import type { LoadedObject } from '../model/load-objects.js';
import { loadObjects } from '../model/load-objects.js';
import { INPUT_LIMITS } from '../model/input-limits.js';
import { ModelContext } from '../model/model-context.js';
import { compilePodDisruptionBudget } from '../model/pod-disruption-budget.js';
import { compilePriorityClass, PriorityClasses } from '../model/priority-class.js';
import { parseSeedList } from '../model/seed-list.js';
import type { FailAt } from './check-generated.js';
import { checkGenerated } from './check-generated.js';
import { checkStorage } from './check-storage.js';
import { readCsvColumn } from './csv-column.js';
import type { Source } from './read-source.js';
import { lineOf, readSource } from './read-source.js';
import type { PluginCapabilities } from './kube-scheduler-config.js';
import { ConfigError, kubeSchedulerConfigurationSchema, profilesFromConfig } from './kube-scheduler-config.js';
import type { Distribution, DistributionInput, FromSnapshotSpec, ScenarioInput, WorkloadItemInput, WorkloadItemSpec } from './scenario-schema.js';
import { policySchema, scenarioSchema } from './scenario-schema.js';
import { shortPolicyProfile } from './short-policy.js';
import { resolveFromSnapshot } from './snapshot-workload.js';
import type { Scenario, ScenarioCluster, ScenarioWorkload } from './types.js';

/**
 * Reads and validates a scenario file, resolving everything that refers elsewhere:
 * policy files (relative to the scenario), KubeSchedulerConfiguration profiles, seed
 * ranges, CSV-backed empirical distributions, snapshot paths, storage (checkStorage); `checkProfile` (the
 * framework builder) rejects bad plugin args. Sizes are bounded by INPUT_LIMITS (file
 * bytes, nodes, pods, samples per run, simulated time). Every error is an InputError
 * naming the file, the line, the path inside the file, what was expected and what the
 * file says.
 */
export function loadScenario(file: string, caps: PluginCapabilities, checkProfile?: (p: ProfileSpec) => void): Scenario {
  const src = readSource(file);
  if (src.value === null || typeof src.value !== 'object' || Array.isArray(src.value)) {
    // Say what the file is, not what it says: it may be anything (/etc/passwd).
    const kind = src.value === null ? 'an empty file' : Array.isArray(src.value) ? 'a list' : `a ${typeof src.value}`;
    fail(src, [], `not a scenario: expected a mapping of fields (name, seeds, durationS, cluster, workload, policies), got ${kind}`);
  }
  const s = validate(scenarioSchema, src, []);
  const dir = dirname(file);
  const seeds = typeof s.seeds === 'string' ? parseSeedList(s.seeds, { file: src.file, line: lineOf(src, ['seeds']), path: 'seeds' }) : s.seeds;
  const twice = seeds.findIndex((x, i) => seeds.indexOf(x) !== i);
  if (twice >= 0) fail(src, typeof s.seeds === 'string' ? ['seeds'] : ['seeds', twice], `seeds must be distinct, got ${seeds[twice]} twice`);
  checkSizes(s, src);

  const policies: ProfileSpec[] = [];
  const policyNames = new Set<string>();
  s.policies.forEach((p, i) => {
    for (const profile of policyProfiles(p, src, ['policies', i], dir, caps)) {
      if (policyNames.has(profile.name)) fail(src, ['policies', i], `duplicate policy name ${JSON.stringify(profile.name)}`);
      policyNames.add(profile.name);
      // Plugin args and weights are checked by building the profile, here at the door.
      try {
        checkProfile?.(profile);
      } catch (e) {
        fail(src, ['policies', i], `policy ${profile.name}: ${(e as Error).message}`);
      }
      policies.push(profile);
    }
  });
  const baseline = s.baseline ?? policies[0]!.name;
  if (!policies.some((p) => p.name === baseline)) {
    fail(src, ['baseline'], `no policy named ${JSON.stringify(baseline)} (have ${policies.map((p) => p.name).join(', ')})`);
  }
  const generatedCluster = s.cluster.kind === 'generate' ? s.cluster.spec : null;
  const clusterWord = s.cluster.kind === 'generate' ? 'generated' : s.cluster.kind;
  // A replay places the pods of a dump again: there must be one.
  if (s.workload.kind === 'replay' && s.cluster.kind !== 'snapshot') {
    fail(src, ['workload', 'replay'], `a replay places the pods of a snapshot cluster again; give the cluster as \`snapshot: [files or folders]\`, got a ${clusterWord} cluster`);
  }
  const cluster = resolveCluster(s.cluster, dir, src);
  const generatedWorkloads = s.workload.kind === 'generate' || s.workload.kind === 'replay'
    ? resolveSnapshotWorkloads(s.workload.spec.workloads, cluster, src, dir, clusterWord)
    : [];
  checkPodCount(generatedWorkloads, src);
  const names = new Set<string>();
  generatedWorkloads.forEach((w, i) => {
    if (names.has(w.name)) fail(src, ['workload', 'workloads', i, 'name'], `duplicate workload name ${JSON.stringify(w.name)}`);
    names.add(w.name);
  });
  const pools = new Set<string>();
  (generatedCluster?.pools ?? []).forEach((p, i) => {
    if (pools.has(p.name)) fail(src, ['cluster', 'generate', 'pools', i, 'name'], `duplicate pool name ${JSON.stringify(p.name)} (node names are <pool>-<i>)`);
    pools.add(p.name);
  });
  checkPriorityClasses(s, (path, problem) => fail(src, path, problem));
  checkDisruptionBudgets(generatedWorkloads, (path, problem) => fail(src, path, problem));
  // Durations play no part in the objects; a constant stands in for CSV-backed ones not read yet.
  const templatesOnly = generatedWorkloads.map((w): WorkloadItemSpec => (w.kind === 'FromSnapshot' ? w : { ...w, durationS: { kind: 'constant', value: 0 } }));
  checkGenerated(generatedCluster, templatesOnly, (path, problem) => fail(src, path, problem));
  checkStorage(s.storage, generatedCluster, clusterWord, generatedWorkloads, (path, problem) => fail(src, path, problem));
  if (generatedCluster !== null) {
    const counts = new Map(generatedCluster.pools.map((p) => [p.name, p.count]));
    (s.nodeEvents ?? []).forEach((e, i) => {
      const m = /^(.*)-(\d+)$/.exec(e.node);
      const count = m === null ? undefined : counts.get(m[1]!);
      if (count === undefined || Number(m![2]) >= count || String(Number(m![2])) !== m![2]) {
        fail(src, ['nodeEvents', i, 'node'], `no node named ${excerpt(e.node)} in the generated cluster (nodes are <pool>-<i>, i from 0 to count - 1)`);
      }
    });
  }
  return {
    file,
    name: s.name,
    description: s.description ?? '',
    labels: s.labels ?? [],
    plugins: resolvePluginFiles(s.plugins ?? [], dir, src),
    seeds,
    durationS: s.durationS,
    sampleEveryS: s.sampleEveryS ?? s.durationS / 100,
    cluster,
    workload: resolveWorkload(s.workload, generatedWorkloads, src, dir),
    policies,
    baseline,
    nodeEvents: s.nodeEvents ?? [],
    priorityClasses: s.priorityClasses ?? [],
    ...(s.storage !== undefined ? { storage: s.storage } : {}),
    placements: s.placements ?? false,
  };
}

/**
 * Builds the scenario's PriorityClasses as the model reads PriorityClass objects (what
 * ValidatePriorityClass and the Priority admission plugin refuse, at the class's path),
 * then checks that every template's priorityClassName names a class the cluster will
 * hold: kube's Priority admission refuses a pod naming any other ("no PriorityClass with
 * name ... was found"). A snapshot cluster may bring classes of its own, so there the
 * run checks the names, once the files are read.
 */
function checkPriorityClasses(s: ScenarioInput, fail: FailAt): void {
  const classes = new PriorityClasses();
  (s.priorityClasses ?? []).forEach((c, i) => {
    try {
      classes.add(compilePriorityClass(priorityClassObject(c)));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      // The object's metadata.name is the entry's name; its other fields keep their names.
      const parts = (e.where.pathParts ?? []).map((p) => (typeof p === 'symbol' ? String(p) : p));
      fail(['priorityClasses', i, ...(parts[0] === 'metadata' ? parts.slice(1) : parts)], e.problem);
    }
  });
  if (s.workload.kind !== 'generate' || s.cluster.kind === 'snapshot') return;
  s.workload.spec.workloads.forEach((w, i) => {
    if (w.kind === 'FromSnapshot') return;
    const t = w.template;
    const [name, field] = t.pod !== undefined
      ? [t.pod.spec.priorityClassName, ['pod', 'spec', 'priorityClassName']]
      : [t.priorityClassName, ['priorityClassName']];
    if (typeof name === 'string' && name !== '' && classes.get(name) === null) {
      const known = classes.list().map((c) => c.name).join(', ');
      fail(['workload', 'workloads', i, 'template', ...field], `no PriorityClass named ${excerpt(name)} (have ${known}; declare it in priorityClasses)`);
    }
  });
}

/**
 * Compiles each workload's PodDisruptionBudget as the model reads policy/v1 objects, so
 * what the API server refuses (a negative count, a percentage over 100%) is refused at
 * the workload's `pdb`.
 */
function checkDisruptionBudgets(workloads: readonly LoadedWorkload[], fail: FailAt): void {
  const ctx = new ModelContext();
  workloads.forEach((w, i) => {
    if (w.kind === 'FromSnapshot' || w.pdb === undefined) return;
    // The objects do not depend on durations; a constant stands in for a CSV-backed one.
    const pdb = workloadObjects({ ...w, durationS: { kind: 'constant', value: 0 } }).objects.find((o) => o.kind === 'PodDisruptionBudget');
    try {
      compilePodDisruptionBudget(pdb, ctx);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      // spec.minAvailable / spec.maxUnavailable of the object are pdb.minAvailable / pdb.maxUnavailable.
      const parts = (e.where.pathParts ?? []).map((p) => (typeof p === 'symbol' ? String(p) : p));
      fail(['workload', 'workloads', i, 'pdb', ...(parts[0] === 'spec' ? parts.slice(1) : [])], e.problem);
    }
  });
}

/**
 * The plugin files a scenario names, made absolute, read before the scenario itself is
 * loaded: the policies can only be checked once the plugins they enable are known.
 */
export function scenarioPluginFiles(file: string): string[] {
  const src = readSource(file);
  if (src.value === null || typeof src.value !== 'object' || Array.isArray(src.value)) return [];
  const s = validate(pluginsOnlySchema, src, []);
  return resolvePluginFiles(s.plugins ?? [], dirname(file), src);
}

const pluginsOnlySchema = scenarioSchema.pick({ plugins: true }).passthrough();

/** `plugins` made absolute; a path that is not a file is an error at its entry. */
function resolvePluginFiles(files: readonly string[], dir: string, src: Source): string[] {
  return files.map((f, i) => {
    const path = resolve(dir, f);
    if (!existsSync(path) || !statSync(path).isFile()) fail(src, ['plugins', i], `${path}: no such file`);
    return path;
  });
}

/**
 * One `cluster.snapshot` entry as files (a folder: the JSON and YAML files under it, see
 * clusterFiles), so the plan hashes each file's content; a missing path or an empty
 * folder is an error at the entry.
 */
function snapshotFiles(path: string, src: Source, i: number): string[] {
  try {
    return clusterFiles([path]);
  } catch (e) {
    if (e instanceof InputError) fail(src, ['cluster', 'snapshot', i], `${path}: ${e.problem}`);
    throw e;
  }
}

/** The cluster with its file paths made absolute (relative to the scenario's folder); folders become their files. */
function resolveCluster(c: ScenarioInput['cluster'], dir: string, src: Source): ScenarioCluster {
  switch (c.kind) {
    case 'generate': return c;
    case 'snapshot': return { kind: 'snapshot', files: c.files.flatMap((f, i) => snapshotFiles(resolve(dir, f), src, i)) };
    case 'openb': return { kind: 'openb', nodesFile: resolve(dir, c.nodesFile) };
  }
}

/**
 * A scenario's workloads as loadScenario checks them: a `fromSnapshot` one resolved
 * against the snapshot (its duration read too), the others as the file writes them.
 */
type LoadedWorkload = Exclude<WorkloadItemInput, { kind: 'FromSnapshot' }> | FromSnapshotSpec;

/**
 * Resolves the `fromSnapshot` workloads against the snapshot cluster's objects (read
 * here, once, for all of them; see snapshot-workload.ts). Such a workload needs a
 * snapshot cluster.
 */
function resolveSnapshotWorkloads(
  workloads: readonly WorkloadItemInput[], cluster: ScenarioCluster, src: Source, dir: string, clusterWord: string,
): LoadedWorkload[] {
  let objects: readonly LoadedObject[] | null = null;
  return workloads.map((w, i) => {
    if (w.kind !== 'FromSnapshot') return w;
    const at = ['workload', 'workloads', i];
    if (cluster.kind !== 'snapshot') {
      fail(src, [...at, 'fromSnapshot'], `fromSnapshot takes more pods of a Deployment or StatefulSet of a snapshot cluster; give the cluster as \`snapshot: [files or folders]\`, got a ${clusterWord} cluster`);
    }
    objects ??= cluster.files.flatMap((f) => loadObjects(f));
    const durationS = w.durationS && resolveDistribution(w.durationS, [...at, 'durationS'], src, dir);
    const text = `${src.file}:${lineOf(src, [...at, 'fromSnapshot']) ?? '?'}: ${formatPath([...at, 'fromSnapshot'])}`;
    return resolveFromSnapshot(w, durationS, objects, { path: at, text }, (path, problem) => fail(src, path, problem));
  });
}

/** The pods a scenario's workloads create in all (replicas and completions), against INPUT_LIMITS.scenarioPods. */
function checkPodCount(workloads: readonly LoadedWorkload[], src: Source): void {
  const pods = workloads.reduce((n, w) => n + (w.kind === 'Job' ? w.completions : w.replicas), 0);
  if (pods > INPUT_LIMITS.scenarioPods) {
    fail(src, ['workload', 'workloads'], `${pods} pods in all (replicas and completions), over the limit of ${INPUT_LIMITS.scenarioPods} pods per scenario (INPUT_LIMITS.scenarioPods)`);
  }
}

/** The workload with CSV-backed distributions read and file paths made absolute. */
function resolveWorkload(w: ScenarioInput['workload'], loaded: readonly LoadedWorkload[], src: Source, dir: string): ScenarioWorkload {
  switch (w.kind) {
    case 'generate': return { kind: 'generate', spec: { ...w.spec, workloads: loaded.map((x, i) => resolveDistributions(x, i, src, dir)) } };
    case 'replay': return { kind: 'replay', scope: w.scope, spec: { ...w.spec, workloads: loaded.map((x, i) => resolveDistributions(x, i, src, dir)) } };
    case 'openb-replayed': return { kind: 'openb-replayed', podsFile: resolve(dir, w.podsFile) };
    case 'openb-inflated': return { kind: 'openb-inflated', podsFile: resolve(dir, w.podsFile), inflate: w.inflate };
  }
}

function policyProfiles(p: z.infer<typeof policySchema>, src: Source, path: (string | number)[], dir: string, caps: PluginCapabilities): ProfileSpec[] {
  if (typeof p === 'string') {
    const file = resolve(dir, p);
    let inner: Source;
    try {
      inner = readSource(file);
    } catch (e) {
      if (e instanceof InputError && e.where.line === undefined) fail(src, path, `policy file ${p}: ${e.problem}`);
      throw e;
    }
    const q = validate(policySchema, inner, []);
    if (typeof q === 'string') fail(inner, [], 'a policy file must hold a policy, not another file name');
    return policyProfiles(q, inner, [], dirname(file), caps);
  }
  if ('apiVersion' in p) {
    try {
      return profilesFromConfig(p, caps);
    } catch (e) {
      if (e instanceof ConfigError) fail(src, [...path, ...splitPath(e.path)], e.problem);
      throw e;
    }
  }
  try {
    return [shortPolicyProfile(p, defaultProfile(p.name))];
  } catch (e) {
    const [where, ...rest] = (e as Error).message.split(': ');
    return fail(src, [...path, ...splitPath(where!)], rest.join(': '));
  }
}

/**
 * The sizes a scenario multiplies out to, each against its INPUT_LIMITS entry: nodes
 * (at least one), labels/taints/images over all nodes, samples per run (pods: see
 * checkPodCount, once `fromSnapshot` workloads are resolved).
 */
function checkSizes(s: ScenarioInput, src: Source): void {
  if (s.cluster.kind === 'generate') {
    const pools = s.cluster.spec.pools;
    const nodes = pools.reduce((n, p) => n + p.count, 0);
    if (nodes === 0) fail(src, ['cluster', 'generate', 'pools'], 'the pools have 0 nodes in all; a cluster needs at least one node');
    if (nodes > INPUT_LIMITS.scenarioNodes) {
      fail(src, ['cluster', 'generate', 'pools'], `${nodes} nodes in all, over the limit of ${INPUT_LIMITS.scenarioNodes} nodes per scenario (INPUT_LIMITS.scenarioNodes)`);
    }
    const items = pools.reduce((n, p) => n + p.count * (Object.keys(p.labels ?? {}).length + (p.taints ?? []).length + (p.images ?? []).length), 0);
    if (items > INPUT_LIMITS.scenarioNodeItems) {
      fail(src, ['cluster', 'generate', 'pools'], `${items} labels, taints and images over all nodes, over the limit of ${INPUT_LIMITS.scenarioNodeItems} (INPUT_LIMITS.scenarioNodeItems)`);
    }
  }
  if (s.sampleEveryS !== undefined && s.durationS / s.sampleEveryS > INPUT_LIMITS.samplesPerRun) {
    fail(src, ['sampleEveryS'], `durationS / sampleEveryS = ${excerpt(s.durationS / s.sampleEveryS)} samples per run, over the limit of ${INPUT_LIMITS.samplesPerRun} (INPUT_LIMITS.samplesPerRun); sample less often`);
  }
}

/** A workload with its `empirical-csv` duration, if any, read into an `empirical` one (a `fromSnapshot` one's already is). */
function resolveDistributions(w: LoadedWorkload, index: number, src: Source, dir: string): WorkloadItemSpec {
  const path = ['workload', 'workloads', index, 'durationS'];
  if (w.kind === 'FromSnapshot') return w;
  if (w.kind === 'Job') return { ...w, durationS: resolveDistribution(w.durationS, path, src, dir) };
  return { ...w, durationS: w.durationS && resolveDistribution(w.durationS, path, src, dir) };
}

function resolveDistribution(d: DistributionInput, path: (string | number)[], src: Source, dir: string): Distribution {
  if (d.kind !== 'empirical-csv') return d;
  let values: number[];
  try {
    values = readCsvColumn(resolve(dir, d.file), d.column, { min: 0, max: INPUT_LIMITS.durationS, what: 'a duration in seconds' });
  } catch (e) {
    if (e instanceof InputError && e.where.line === undefined && e.where.path === undefined) fail(src, [...path, 'file'], `empirical-csv file ${d.file}: ${e.problem}`);
    throw e;
  }
  return { kind: 'empirical', values };
}

function validate<T>(schema: z.ZodType<T>, src: Source, at: (string | number)[]): T {
  const value = src.value;
  rejectProtoKeys(value, src);
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = bestIssue(r.error.issues);
  const path = [...at, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  // An unknown field is best shown at the field itself.
  if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) path.push(issue.keys[0]!);
  return fail(src, path, describeIssue(issue, value));
}

/**
 * For a union, zod reports the union; a branch says more. The branches that recognise
 * most of the object's keys are the ones the user meant (a short policy is not a
 * KubeSchedulerConfiguration with unknown fields `name` and `extends`); of those,
 * branches that only miss their own keys are passed over when another one has a real
 * problem, and the deepest issue wins.
 */
function bestIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
  let best = issues[0]!;
  for (const i of issues) {
    if (i.code !== 'invalid_union' || i.errors.length === 0) continue;
    const unknownKeys = (branch: readonly z.core.$ZodIssue[]) => branch.reduce((n, b) => n + (b.code === 'unrecognized_keys' && b.path.length === 0 ? b.keys.length : 0), 0);
    const fewest = Math.min(...i.errors.map(unknownKeys));
    const meant = i.errors.filter((branch) => unknownKeys(branch) === fewest);
    const onlyMissing = (branch: readonly z.core.$ZodIssue[]) => branch.every((b) => b.code === 'invalid_type' && /received undefined/.test(b.message) && b.path.length === 1);
    const real = meant.filter((branch) => !onlyMissing(branch));
    let chosen: z.core.$ZodIssue | null = null;
    for (const branch of real.length > 0 ? real : meant.length === 1 ? meant : []) {
      const inner = bestIssue(branch);
      const full = { ...inner, path: [...i.path, ...inner.path] };
      if (chosen === null || full.path.length > chosen.path.length) chosen = full;
    }
    if (chosen !== null && (best.code === 'invalid_union' || chosen.path.length > best.path.length)) best = chosen;
  }
  return best;
}

/**
 * Refuses the key `__proto__` anywhere in a file: it is no valid label key, resource name
 * or field, and a record parser would drop it silently (a nodeSelector `{__proto__: x}`
 * would select every node).
 */
function rejectProtoKeys(value: unknown, src: Source): void {
  // Iterative; each entry links to its parent, so the path is built only for the error.
  type Entry = { readonly v: object; readonly key: string | number; readonly parent: Entry | null };
  const pathOf = (e: Entry | null): (string | number)[] => {
    const out: (string | number)[] = [];
    for (let x = e; x !== null && x.parent !== null; x = x.parent) out.unshift(x.key);
    return out;
  };
  if (typeof value !== 'object' || value === null) return;
  const stack: Entry[] = [{ v: value, key: '', parent: null }];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (Array.isArray(e.v)) {
      for (let i = 0; i < e.v.length; i++) {
        const x: unknown = e.v[i];
        if (typeof x === 'object' && x !== null) stack.push({ v: x, key: i, parent: e });
      }
      continue;
    }
    for (const k of Object.keys(e.v)) {
      if (k === '__proto__') fail(src, pathOf(e), 'the key "__proto__" is not allowed (no label key, resource name or field is called that)');
      const x: unknown = (e.v as Record<string, unknown>)[k];
      if (typeof x === 'object' && x !== null) stack.push({ v: x, key: k, parent: e });
    }
  }
}

function fail(src: Source, path: readonly (string | number)[], problem: string): never {
  throw new InputError({ file: src.file, line: lineOf(src, path), path: formatPath(path) || undefined }, problem);
}

function splitPath(text: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

export type { ScenarioInput };
