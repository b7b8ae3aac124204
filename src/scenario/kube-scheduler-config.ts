import { z } from 'zod';
import type { ProfileSpec } from '../framework/profile.js';

/**
 * Reads a KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) into schedbench
 * profiles, with kube-scheduler's own rules:
 *   - the user's plugin sets are merged into the default MultiPoint set as
 *     pkg/scheduler/apis/config/v1 mergePluginSet does (a default re-listed in the same
 *     extension point is replaced in place, "*" disables every default there);
 *   - MultiPoint is expanded per extension point as framework/runtime
 *     expandMultiPointPlugins does (plugins re-listed at a specific point come first in
 *     their order, then MultiPoint plugins, then the other specific ones);
 *   - score weights as getScoreWeights: a weight at the Score point wins over the
 *     MultiPoint one, and 0 or unset means 1.
 * PreFilter and PreScore go with Filter and Score here (one plugin instance runs both);
 * a config that enables or disables them apart from Filter/Score is rejected. Plugins for
 * volumes, DRA, binding, queue sort and scheduling gates are accepted and not modelled.
 */

const pluginSchema = z.strictObject({ name: z.string().min(1), weight: z.number().int().min(0).optional() });
const pluginSetSchema = z.strictObject({
  enabled: z.array(pluginSchema).nullish(),
  disabled: z.array(z.strictObject({ name: z.string().min(1) })).nullish(),
});
const EXTENSION_POINTS = [
  'multiPoint', 'preEnqueue', 'queueSort', 'preFilter', 'filter', 'postFilter', 'preScore', 'score',
  'reserve', 'permit', 'preBind', 'bind', 'postBind',
] as const;
type ExtensionPoint = (typeof EXTENSION_POINTS)[number];
const pluginsSchema = z.strictObject(Object.fromEntries(EXTENSION_POINTS.map((p) => [p, pluginSetSchema.nullish()])) as Record<ExtensionPoint, z.ZodOptional<z.ZodNullable<typeof pluginSetSchema>>>);

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

type PluginEntry = z.infer<typeof pluginSchema>;
type PluginSet = { enabled: PluginEntry[]; disabled: string[] };

/** kube-scheduler's default MultiPoint set (v1 default_plugins.go, DRA on). */
export const DEFAULT_MULTI_POINT: readonly PluginEntry[] = [
  { name: 'SchedulingGates' }, { name: 'PrioritySort' }, { name: 'NodeUnschedulable' }, { name: 'NodeName' },
  { name: 'TaintToleration', weight: 3 }, { name: 'NodeAffinity', weight: 2 }, { name: 'NodePorts' },
  { name: 'NodeResourcesFit', weight: 1 }, { name: 'VolumeRestrictions' }, { name: 'EBSLimits' }, { name: 'GCEPDLimits' },
  { name: 'NodeVolumeLimits' }, { name: 'AzureDiskLimits' }, { name: 'VolumeBinding' }, { name: 'VolumeZone' },
  { name: 'PodTopologySpread', weight: 2 }, { name: 'InterPodAffinity', weight: 2 }, { name: 'DynamicResources' },
  { name: 'DefaultPreemption' }, { name: 'NodeResourcesBalancedAllocation', weight: 1 }, { name: 'ImageLocality', weight: 1 },
  { name: 'DefaultBinder' },
];

/** kube-scheduler plugins schedbench accepts in a config but does not model (no volumes, DRA, binding). */
export const UNMODELLED_PLUGINS: ReadonlySet<string> = new Set([
  'SchedulingGates', 'PrioritySort', 'VolumeRestrictions', 'EBSLimits', 'GCEPDLimits', 'NodeVolumeLimits',
  'AzureDiskLimits', 'VolumeBinding', 'VolumeZone', 'DynamicResources', 'DefaultBinder',
]);

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
  return profiles.map((p, i) => {
    const path = `profiles[${i}]`;
    const name = p.schedulerName ?? 'default-scheduler';
    if (names.has(name)) throw new ConfigError(`${path}.schedulerName`, `duplicate scheduler name ${JSON.stringify(name)}`);
    names.add(name);
    return profileFrom(p, path, name, cfg.percentageOfNodesToScore ?? undefined, caps);
  });
}

function profileFrom(
  p: z.infer<typeof profileSchema>, path: string, name: string, globalPct: number | undefined, caps: PluginCapabilities,
): ProfileSpec {
  const user = p.plugins ?? {};
  const set = (point: ExtensionPoint): PluginSet => ({
    enabled: [...(user[point]?.enabled ?? [])],
    disabled: (user[point]?.disabled ?? []).map((d) => d.name),
  });
  for (const point of EXTENSION_POINTS) {
    (user[point]?.enabled ?? []).forEach((e, j) => {
      if (!caps.has(e.name) && !UNMODELLED_PLUGINS.has(e.name)) {
        throw new ConfigError(`${path}.plugins.${point}.enabled[${j}].name`, `unknown plugin ${JSON.stringify(e.name)}`);
      }
    });
  }
  const multiPoint = merge({ enabled: [...DEFAULT_MULTI_POINT], disabled: [] }, set('multiPoint'));
  const filter = set('filter');
  const score = set('score');
  const filterNames = expand(multiPoint, filter, caps.filters.bind(caps));
  const scoreNames = expand(multiPoint, score, caps.scores.bind(caps));
  checkTied(set('preFilter'), filterNames, `${path}.plugins.preFilter`, 'filter');
  checkTied(set('preScore'), scoreNames, `${path}.plugins.preScore`, 'score');

  const weights = new Map<string, number>();
  for (const e of [...score.enabled, ...multiPoint.enabled]) {
    if (!weights.has(e.name)) weights.set(e.name, e.weight === undefined || e.weight === 0 ? 1 : e.weight);
  }
  const postFilter = expand(multiPoint, set('postFilter'), caps.postFilters.bind(caps));

  const args: Record<string, unknown> = {};
  const seen = new Set<string>();
  (p.pluginConfig ?? []).forEach((c, j) => {
    const at = `${path}.pluginConfig[${j}]`;
    if (seen.has(c.name)) throw new ConfigError(`${at}.name`, `duplicate pluginConfig for ${c.name}`);
    seen.add(c.name);
    if (UNMODELLED_PLUGINS.has(c.name)) return;
    if (!caps.has(c.name)) throw new ConfigError(`${at}.name`, `unknown plugin ${JSON.stringify(c.name)}`);
    if (filterNames.includes(c.name) || scoreNames.includes(c.name) || postFilter.includes(c.name)) args[c.name] = c.args ?? {};
  });

  const pct = p.percentageOfNodesToScore ?? globalPct;
  return {
    name,
    filter: filterNames.filter((n) => !UNMODELLED_PLUGINS.has(n)),
    score: scoreNames.filter((n) => !UNMODELLED_PLUGINS.has(n)).map((n) => ({ name: n, weight: weights.get(n) ?? 1 })),
    ...(Object.keys(args).length > 0 ? { args } : {}),
    ...(pct !== undefined ? { percentageOfNodesToScore: pct } : {}),
    postFilter: postFilter.filter((n) => !UNMODELLED_PLUGINS.has(n)),
  };
}

/** mergePluginSet: custom entries replace same-named defaults in place, others append. */
function merge(defaults: PluginSet, custom: PluginSet): PluginSet {
  const disabled = new Set([...custom.disabled, ...defaults.disabled]);
  const byName = new Map(custom.enabled.map((e, i) => [e.name, i]));
  const replaced = new Set<number>();
  const enabled: PluginEntry[] = [];
  if (!disabled.has('*')) {
    for (const d of defaults.enabled) {
      if (disabled.has(d.name)) continue;
      const idx = byName.get(d.name);
      if (idx !== undefined) replaced.add(idx);
      enabled.push(idx !== undefined ? custom.enabled[idx]! : d);
    }
  }
  custom.enabled.forEach((e, i) => { if (!replaced.has(i)) enabled.push(e); });
  return { enabled, disabled: [...disabled] };
}

/** expandMultiPointPlugins for one extension point: the plugin names it runs, in order. */
function expand(multiPoint: PluginSet, point: PluginSet, implementsPoint: (name: string) => boolean): string[] {
  const specific = point.enabled.map((e) => e.name);
  const disabled = new Set(point.disabled);
  if (disabled.has('*')) return dedupe(specific);
  const overrides = new Set<string>();
  const fromMulti: string[] = [];
  for (const e of multiPoint.enabled) {
    if (!implementsPoint(e.name) || disabled.has(e.name)) continue;
    if (specific.includes(e.name)) { overrides.add(e.name); continue; }
    if (!fromMulti.includes(e.name)) fromMulti.push(e.name);
  }
  const first = specific.filter((n) => overrides.has(n));
  const rest = specific.filter((n) => !overrides.has(n));
  return dedupe([...first, ...fromMulti, ...rest]);
}

function dedupe(names: string[]): string[] {
  return [...new Set(names)];
}

function checkTied(set: PluginSet, tiedTo: readonly string[], path: string, other: string): void {
  set.enabled.forEach((e, j) => {
    if (!tiedTo.includes(e.name)) throw new ConfigError(`${path}.enabled[${j}]`, `${e.name} runs PreFilter/PreScore only together with ${other}; enable it there`);
  });
  set.disabled.forEach((d, j) => {
    if (d !== '*' && tiedTo.includes(d)) throw new ConfigError(`${path}.disabled[${j}]`, `${d} cannot be disabled apart from ${other}; disable it there`);
  });
}
