import { z } from 'zod';
import type { ExtensionPoint, MultiPointPlugin } from '../model/kube-plugin-names.js';
import {
  KUBE_DEFAULT_MULTI_POINT, KUBE_FRAMEWORK_ORDER, KUBE_IN_TREE_PLUGINS, REMOVED_KUBE_PLUGINS, kubeAlreadyRegistered,
  kubeDoesNotExist, kubeDoesNotExtend, kubeInvalidInVersion, kubePluginArgsProblem, removedPluginProblem, simulatorPluginProblem,
  unmodelledPluginProblem,
} from '../model/kube-plugin-names.js';
import type { ProfileSpec } from '../framework/profile.js';

/**
 * Reads a KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) into schedbench
 * profiles with kube-scheduler 1.35's own rules and words:
 *   - validation (apis/config/validation): a removed plugin (EBSLimits, ...) enabled at a
 *     point other than multiPoint or given a pluginConfig "was invalid in version", a
 *     pluginConfig name twice is a duplicate, all profiles share one queueSort set;
 *   - the user's plugin sets merged into the default MultiPoint set as v1 mergePluginSet
 *     does (KUBE_DEFAULT_MULTI_POINT in model/kube-plugin-names.ts);
 *   - NewFramework (framework/runtime/framework.go): each point's plugins, then MultiPoint
 *     expanded as expandMultiPointPlugins does, one queue sort and a bind plugin, score
 *     weights as getScoreWeights.
 * schedbench's own rules on top: a kube plugin schedbench does not model (volumes, DRA,
 * NodeDeclaredFeatures, GangScheduling) may not be enabled or configured (it is left out
 * when only kube's defaults bring it); PrioritySort, DefaultBinder and SchedulingGates are
 * the simulator's job; PreFilter and PreScore run with Filter and Score (one instance).
 */

const pluginSchema = z.strictObject({ name: z.string().min(1), weight: z.number().int().min(0).optional() });
const pluginSetSchema = z.strictObject({
  enabled: z.array(pluginSchema).nullish(),
  disabled: z.array(z.strictObject({ name: z.string().min(1) })).nullish(),
});
const EXTENSION_POINTS = [
  'multiPoint', 'preEnqueue', 'queueSort', 'preFilter', 'filter', 'postFilter', 'preScore', 'score',
  'reserve', 'permit', 'preBind', 'bind', 'postBind',
] as const satisfies readonly ('multiPoint' | ExtensionPoint)[];
const pluginsSchema = z.strictObject(Object.fromEntries(EXTENSION_POINTS.map((p) => [p, pluginSetSchema.nullish()])) as Record<(typeof EXTENSION_POINTS)[number], z.ZodOptional<z.ZodNullable<typeof pluginSetSchema>>>);

const profileSchema = z.strictObject({
  schedulerName: z.string().min(1).optional(),
  percentageOfNodesToScore: z.number().int().min(0).max(100).nullish(),
  plugins: pluginsSchema.nullish(),
  pluginConfig: z.array(z.strictObject({ name: z.string().min(1), args: z.record(z.string(), z.unknown()).nullish() })).nullish(),
});

/**
 * The top level of a v1 KubeSchedulerConfiguration. Unknown fields are refused, as kube's
 * strict decoding refuses them; the fields schedbench does not use (leader election,
 * client connection, extenders, ...) are accepted with their v1 types loosely checked.
 */
export const kubeSchedulerConfigurationSchema = z.strictObject({
  apiVersion: z.literal('kubescheduler.config.k8s.io/v1'),
  kind: z.literal('KubeSchedulerConfiguration'),
  parallelism: z.number().int().min(1).nullish(),
  leaderElection: z.record(z.string(), z.unknown()).nullish(),
  clientConnection: z.record(z.string(), z.unknown()).nullish(),
  healthzBindAddress: z.string().nullish(),
  metricsBindAddress: z.string().nullish(),
  enableProfiling: z.boolean().nullish(),
  enableContentionProfiling: z.boolean().nullish(),
  percentageOfNodesToScore: z.number().int().min(0).max(100).nullish(),
  podInitialBackoffSeconds: z.number().int().min(1).nullish(),
  podMaxBackoffSeconds: z.number().int().min(1).nullish(),
  profiles: z.array(profileSchema).min(1).optional(),
  extenders: z.array(z.record(z.string(), z.unknown())).nullish(),
  delayCacheUntilActive: z.boolean().nullish(),
});
export type KubeSchedulerConfiguration = z.infer<typeof kubeSchedulerConfigurationSchema>;


type ConfigPoint = (typeof EXTENSION_POINTS)[number];
type Profile = z.infer<typeof profileSchema>;
type UserPlugins = NonNullable<Profile['plugins']>;

/** A plugin of a set; `from` is its index in the user's list for that point (undefined: a kube default). */
export interface PluginEntry {
  readonly name: string;
  readonly weight?: number | undefined;
  readonly from?: number;
}

/** One extension point's plugins after merging with kube's defaults. */
export interface PluginSet {
  readonly enabled: readonly PluginEntry[];
  /** Names, in the user's order (kube's defaults disable nothing). */
  readonly disabled: readonly string[];
}

/** Every point's merged set, as NewFramework receives the profile. */
export type MergedPlugins = Readonly<Record<ConfigPoint, PluginSet>>;

/** What NewFramework makes of a profile: each point's plugins in the order they run, and the score weights. */
export interface FrameworkPlugins {
  readonly points: Readonly<Record<ExtensionPoint, readonly string[]>>;
  /** Score plugin name -> weight (getScoreWeights). */
  readonly weights: ReadonlyMap<string, number>;
}

/** What a plugin implements; from the registry, so heuristics work in configs too. */
export interface PluginCapabilities {
  has(name: string): boolean;
  filters(name: string): boolean;
  scores(name: string): boolean;
  postFilters(name: string): boolean;
}

/** A config problem with its path inside the file (profiles[0].plugins.score.enabled[2].weight). */
export class ConfigError extends Error {
  constructor(readonly path: string, readonly problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Converts a validated KubeSchedulerConfiguration into profiles (one per profiles[] entry). */
export function profilesFromConfig(cfg: KubeSchedulerConfiguration, caps: PluginCapabilities): ProfileSpec[] {
  const profiles = cfg.profiles ?? [{}];
  const names = new Set<string>();
  checkCommonQueueSort(profiles);
  return profiles.map((p, i) => {
    const path = `profiles[${i}]`;
    const name = p.schedulerName ?? 'default-scheduler';
    if (names.has(name)) throw new ConfigError(`${path}.schedulerName`, `duplicate scheduler name ${JSON.stringify(name)}`);
    names.add(name);
    return profileFrom(p, path, name, cfg.percentageOfNodesToScore ?? undefined, caps);
  });
}

function profileFrom(p: Profile, path: string, name: string, globalPct: number | undefined, caps: PluginCapabilities): ProfileSpec {
  const user = p.plugins ?? {};
  // 1. What validateKubeSchedulerProfile refuses, and what schedbench cannot run.
  refuseNamedPlugins(user, path);
  const configured = pluginConfigArgs(p.pluginConfig ?? [], path, caps);
  // 2. mergePlugins with kube's defaults, then NewFramework.
  const { points, weights } = frameworkPlugins(mergePlugins(user), caps, name, `${path}.plugins`);
  // 3. schedbench runs a plugin's PreFilter with its Filter and PreScore with its Score.
  checkTied(points, 'preFilter', 'filter', user, path);
  checkTied(points, 'preScore', 'score', user, path);

  const enabled = new Set([...points.filter, ...points.score, ...points.postFilter]);
  const args = Object.fromEntries([...configured].filter(([n]) => enabled.has(n)));
  const pct = p.percentageOfNodesToScore ?? globalPct;
  return {
    name,
    filter: [...points.filter],
    score: points.score.map((n) => ({ name: n, weight: weights.get(n) ?? 1 })),
    ...(Object.keys(args).length > 0 ? { args } : {}),
    ...(pct !== undefined ? { percentageOfNodesToScore: pct } : {}),
    postFilter: [...points.postFilter],
    reserve: [...points.reserve],
    preBind: [...points.preBind],
  };
}

/**
 * Names kube's validation refuses (a removed plugin enabled at a point other than
 * multiPoint: validatePluginSetForInvalidPlugins) and names schedbench cannot run (a
 * kube plugin it does not model, enabled anywhere).
 */
function refuseNamedPlugins(user: UserPlugins, path: string): void {
  for (const point of EXTENSION_POINTS) {
    (user[point]?.enabled ?? []).forEach((e, j) => {
      const at = `${path}.plugins.${point}.enabled[${j}].name`;
      if (point !== 'multiPoint' && REMOVED_KUBE_PLUGINS.get(e.name)?.refusedByValidation === true) {
        throw new ConfigError(at, removedPluginProblem(e.name, kubeInvalidInVersion(e.name))!);
      }
      const unmodelled = unmodelledPluginProblem(e.name);
      if (unmodelled !== undefined) throw new ConfigError(at, unmodelled);
    });
  }
}

/**
 * pluginConfig as validatePluginConfig checks it (a name twice is a duplicate, a removed
 * plugin is invalid), and stricter: a section for a plugin schedbench does not have is
 * refused where kube would ignore it, so no args are silently dropped. Returns args by name.
 */
function pluginConfigArgs(configs: NonNullable<Profile['pluginConfig']>, path: string, caps: PluginCapabilities): Map<string, unknown> {
  const args = new Map<string, unknown>();
  configs.forEach((c, j) => {
    const at = `${path}.pluginConfig[${j}].name`;
    if (args.has(c.name)) throw new ConfigError(at, `Duplicate value: ${JSON.stringify(c.name)}`);
    const problem = kubePluginArgsProblem(c.name);
    if (problem !== undefined) throw new ConfigError(at, problem);
    const kube = KUBE_IN_TREE_PLUGINS.get(c.name);
    if (kube?.kind === 'simulator') {
      // kube's factory for these ignores its args; refusing any keeps a typo from looking meaningful.
      const keys = Object.keys(c.args ?? {}).filter((k) => k !== 'apiVersion' && k !== 'kind');
      if (keys.length > 0) throw new ConfigError(`${path}.pluginConfig[${j}].args`, `${c.name} takes no args (${kube.does})`);
    } else if (!caps.has(c.name)) {
      throw new ConfigError(at, `unknown plugin ${JSON.stringify(c.name)}`);
    }
    args.set(c.name, c.args ?? {});
  });
  return args;
}

/** mergePlugins: kube's default MultiPoint set merged with the user's; the other points have no defaults. */
function mergePlugins(user: UserPlugins): MergedPlugins {
  const out = {} as Record<ConfigPoint, PluginSet>;
  for (const point of EXTENSION_POINTS) {
    const custom = user[point];
    const set: PluginSet = {
      enabled: (custom?.enabled ?? []).map((e, j) => ({ name: e.name, weight: e.weight, from: j })),
      disabled: (custom?.disabled ?? []).map((d) => d.name),
    };
    out[point] = mergePluginSet(point === 'multiPoint' ? KUBE_DEFAULT_MULTI_POINT : [], set);
  }
  return out;
}

/**
 * mergePluginSet (v1 default_plugins.go): unless "*" is disabled, the defaults not
 * disabled, each replaced in place by a custom entry of the same name (the last one, when
 * the name is listed twice); then every custom entry that replaced nothing, in order.
 * Duplicates are kept for NewFramework to refuse.
 */
export function mergePluginSet(defaults: readonly MultiPointPlugin[], custom: PluginSet): PluginSet {
  const disabled = new Set(custom.disabled);
  const byName = new Map(custom.enabled.map((e, i) => [e.name, i]));
  const replaced = new Set<number>();
  const enabled: PluginEntry[] = [];
  if (!disabled.has('*')) {
    for (const d of defaults) {
      if (disabled.has(d.name)) continue;
      const i = byName.get(d.name);
      if (i !== undefined) replaced.add(i);
      enabled.push(i !== undefined ? custom.enabled[i]! : d);
    }
  }
  custom.enabled.forEach((e, i) => { if (!replaced.has(i)) enabled.push(e); });
  return { enabled, disabled: custom.disabled };
}

/**
 * NewFramework's plugin lists for merged sets: first each point's own plugins
 * (updatePluginList), then MultiPoint expanded into every point it implements
 * (expandMultiPointPlugins: plugins re-listed at the point keep that point's order and
 * come first, then MultiPoint's, then the point's others; a point disabling "*" takes
 * nothing from MultiPoint), then one queue sort and at least one bind plugin, then the
 * score weights (getScoreWeights: the Score point's weight wins over MultiPoint's, 0 or
 * unset is 1). Errors come in kube's order, with kube's words. Plugins kube has and
 * schedbench does not model, present only through kube's defaults, are left out.
 * `at` is the path of the profile's plugins, for errors.
 */
export function frameworkPlugins(sets: MergedPlugins, caps: PluginCapabilities, schedulerName: string, at: string): FrameworkPlugins {
  const pointsOf = implementedPoints(caps);
  const where = (point: ConfigPoint, e: PluginEntry) => (e.from === undefined ? `${at}.${point}` : `${at}.${point}.enabled[${e.from}].name`);
  const missing = (point: ExtensionPoint, name: string) =>
    removedPluginProblem(name, kubeDoesNotExist(point, name)) ?? `unknown plugin ${JSON.stringify(name)}`;

  for (const point of KUBE_FRAMEWORK_ORDER) {
    const seen = new Set<string>();
    for (const e of sets[point].enabled) {
      const implemented = pointsOf(e.name);
      if (implemented === undefined) throw new ConfigError(where(point, e), missing(point, e.name));
      if (!implemented.has(point)) {
        throw new ConfigError(where(point, e), simulatorPluginProblem(e.name, point) ?? kubeDoesNotExtend(point, e.name));
      }
      if (seen.has(e.name)) throw new ConfigError(where(point, e), kubeAlreadyRegistered(point, e.name));
      seen.add(e.name);
    }
  }

  const points = {} as Record<ExtensionPoint, string[]>;
  for (const point of KUBE_FRAMEWORK_ORDER) {
    const specific = sets[point].enabled.map((e) => e.name);
    const disabled = new Set(sets[point].disabled);
    if (disabled.has('*')) {
      points[point] = specific;
      continue;
    }
    const overrides = new Set<string>();
    const fromMultiPoint: string[] = [];
    for (const e of sets.multiPoint.enabled) {
      const implemented = pointsOf(e.name);
      if (implemented === undefined) throw new ConfigError(where('multiPoint', e), missing(point, e.name));
      if (!implemented.has(point) || disabled.has(e.name)) continue;
      if (specific.includes(e.name)) {
        overrides.add(e.name);
        continue;
      }
      if (fromMultiPoint.includes(e.name)) throw new ConfigError(where('multiPoint', e), kubeAlreadyRegistered(point, e.name));
      fromMultiPoint.push(e.name);
    }
    points[point] = [...specific.filter((n) => overrides.has(n)), ...fromMultiPoint, ...specific.filter((n) => !overrides.has(n))];
  }

  if (points.queueSort.length !== 1) {
    throw new ConfigError(`${at}.queueSort`, `only one queue sort plugin required for profile with scheduler name ${JSON.stringify(schedulerName)}, but got ${points.queueSort.length}`);
  }
  if (points.bind.length === 0) {
    throw new ConfigError(`${at}.bind`, `at least one bind plugin is needed for profile with scheduler name ${JSON.stringify(schedulerName)}`);
  }

  const weights = new Map<string, number>();
  for (const e of [...sets.score.enabled, ...sets.multiPoint.enabled]) {
    if (weights.has(e.name) || pointsOf(e.name)?.has('score') !== true) continue;
    weights.set(e.name, e.weight === undefined || e.weight === 0 ? 1 : e.weight);
  }
  return { points, weights };
}

/**
 * The points a plugin implements, as kube's framework would find them: kube's own for its
 * plugins (none for one schedbench does not model: it is left out wherever defaults put
 * it), the registry's hooks for schedbench's other plugins; undefined for a name neither has.
 */
function implementedPoints(caps: PluginCapabilities): (name: string) => ReadonlySet<ExtensionPoint> | undefined {
  const cache = new Map<string, ReadonlySet<ExtensionPoint> | undefined>();
  const find = (name: string): ReadonlySet<ExtensionPoint> | undefined => {
    const kube = KUBE_IN_TREE_PLUGINS.get(name);
    if (kube?.kind === 'unmodelled') return new Set();
    if (kube?.kind === 'simulator') return new Set(kube.points);
    if (!caps.has(name)) return undefined;
    if (kube?.kind === 'modelled') return new Set(kube.points);
    const points: ExtensionPoint[] = [];
    if (caps.filters(name)) points.push('preFilter', 'filter');
    if (caps.scores(name)) points.push('preScore', 'score');
    if (caps.postFilters(name)) points.push('postFilter');
    return new Set(points);
  };
  return (name) => {
    if (!cache.has(name)) cache.set(name, find(name));
    return cache.get(name);
  };
}

/**
 * One schedbench plugin instance runs both halves of a pair (PreFilter with Filter,
 * PreScore with Score), and the profile lists only `main`: so a plugin may not be enabled
 * at `pre` without being at `main`, nor disabled by name at `pre` while it runs at `main`.
 * A plugin at `pre` only because MultiPoint put it there (it is disabled at `main`) is
 * left out; for PreScore that is what kube does in effect (a PreScore without its Score
 * changes no score), for PreFilter see the README (kube would still run it).
 */
function checkTied(points: FrameworkPlugins['points'], pre: 'preFilter' | 'preScore', main: 'filter' | 'score', user: UserPlugins, path: string): void {
  const why = 'one schedbench plugin instance runs both';
  (user[pre]?.enabled ?? []).forEach((e, j) => {
    if (!points[main].includes(e.name)) {
      throw new ConfigError(`${path}.plugins.${pre}.enabled[${j}].name`, `${e.name} runs at ${pre} only together with ${main} (${why}); enable it at ${main} too`);
    }
  });
  (user[pre]?.disabled ?? []).forEach((d, k) => {
    if (points[main].includes(d.name)) {
      throw new ConfigError(`${path}.plugins.${pre}.disabled[${k}].name`, `${d.name} cannot be disabled at ${pre} apart from ${main} (${why}); disable it at ${main} too`);
    }
  });
}

/**
 * validateCommonQueueSort: every profile must have the same queueSort plugin set (kube
 * compares them semantically: an absent list equals an empty one, an unset weight 0).
 */
function checkCommonQueueSort(profiles: readonly Profile[]): void {
  const key = (p: Profile) => JSON.stringify({
    enabled: (p.plugins?.queueSort?.enabled ?? []).map((e) => [e.name, e.weight ?? 0]),
    disabled: (p.plugins?.queueSort?.disabled ?? []).map((d) => d.name),
  });
  const canon = key(profiles[0]!);
  profiles.forEach((p, i) => {
    if (i > 0 && key(p) !== canon) throw new ConfigError(`profiles[${i}].plugins.queueSort`, 'must be the same for all profiles');
  });
}
