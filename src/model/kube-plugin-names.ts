/**
 * kube-scheduler 1.35's plugin names, written down once: which plugins it registers and
 * how schedbench treats each, which plugins it no longer has, its default MultiPoint set,
 * and the messages every profile reader (KubeSchedulerConfiguration, the short policy
 * form, schedbench's own profile shape) gives for them.
 *
 * Sources (kubernetes/kubernetes, read at the 1.35 line): pkg/scheduler/framework/plugins/
 * registry.go (NewInTreeRegistry), pkg/scheduler/apis/config/v1/default_plugins.go
 * (getDefaultPlugins, applyFeatureGates), pkg/scheduler/apis/config/validation/
 * validation.go (invalidPluginsByVersion) and pkg/scheduler/framework/runtime/framework.go
 * (updatePluginList, expandMultiPointPlugins: the error texts).
 */

/** The kube-scheduler release whose plugin set this file mirrors. */
export const KUBE_SCHEDULER_VERSION = '1.35';

/** The only KubeSchedulerConfiguration version 1.35 reads. */
export const KUBE_CONFIG_API_VERSION = 'kubescheduler.config.k8s.io/v1';

/** A plugin set of a KubeSchedulerConfiguration profile other than multiPoint. */
export type ExtensionPoint =
  | 'preEnqueue' | 'queueSort' | 'preFilter' | 'filter' | 'postFilter' | 'preScore' | 'score'
  | 'reserve' | 'permit' | 'preBind' | 'bind' | 'postBind';

/**
 * The extension points in the order kube's NewFramework fills them (getExtensionPoints):
 * the order in which its errors for a bad profile come, first one first.
 */
export const KUBE_FRAMEWORK_ORDER: readonly ExtensionPoint[] = [
  'preFilter', 'filter', 'postFilter', 'reserve', 'preScore', 'score', 'preBind', 'bind', 'postBind',
  'permit', 'preEnqueue', 'queueSort',
];

/** The Go interface kube names in its errors for each point (pluginType.Name()). */
export const KUBE_PLUGIN_INTERFACE: Readonly<Record<ExtensionPoint, string>> = {
  preEnqueue: 'PreEnqueuePlugin', queueSort: 'QueueSortPlugin', preFilter: 'PreFilterPlugin', filter: 'FilterPlugin',
  postFilter: 'PostFilterPlugin', preScore: 'PreScorePlugin', score: 'ScorePlugin', reserve: 'ReservePlugin',
  permit: 'PermitPlugin', preBind: 'PreBindPlugin', bind: 'BindPlugin', postBind: 'PostBindPlugin',
};

/**
 * How schedbench treats a plugin kube-scheduler 1.35 registers:
 *   - modelled: a schedbench plugin of the same name decides as kube's does; `points` are
 *     the extension points kube's plugin implements (what MultiPoint expands it into);
 *   - simulator: the simulator does this plugin's job outside the plugin framework;
 *   - unmodelled: schedbench has nothing that does its job; `why` says what is missing.
 */
export type KubePlugin =
  | { readonly kind: 'modelled'; readonly points: readonly ExtensionPoint[] }
  | { readonly kind: 'simulator'; readonly points: readonly ExtensionPoint[]; readonly does: string }
  | { readonly kind: 'unmodelled'; readonly why: string };

const SCORING: readonly ExtensionPoint[] = ['preScore', 'score'];
const FILTERING: readonly ExtensionPoint[] = ['preFilter', 'filter'];

/** Every plugin NewInTreeRegistry registers in 1.35, in its order. */
export const KUBE_IN_TREE_PLUGINS: ReadonlyMap<string, KubePlugin> = new Map<string, KubePlugin>([
  ['DynamicResources', { kind: 'unmodelled', why: 'ResourceClaims, DeviceClasses and ResourceSlices (DRA) are not loaded' }],
  ['ImageLocality', { kind: 'modelled', points: ['score'] }],
  ['TaintToleration', { kind: 'modelled', points: ['filter', ...SCORING] }],
  ['NodeName', { kind: 'modelled', points: ['filter'] }],
  ['NodePorts', { kind: 'modelled', points: FILTERING }],
  ['NodeAffinity', { kind: 'modelled', points: [...FILTERING, ...SCORING] }],
  ['NodeDeclaredFeatures', { kind: 'unmodelled', why: 'nodes\' status.declaredFeatures and the features a pod requires are not loaded; the plugin is alpha, off by default in 1.35' }],
  ['PodTopologySpread', { kind: 'modelled', points: [...FILTERING, ...SCORING] }],
  ['NodeUnschedulable', { kind: 'modelled', points: ['filter'] }],
  ['NodeResourcesFit', { kind: 'modelled', points: [...FILTERING, ...SCORING] }],
  ['NodeResourcesBalancedAllocation', { kind: 'modelled', points: SCORING }],
  // Reserve and PreBind are the simulator's (cluster/volume-binder.ts bindPodVolumes).
  ['VolumeBinding', { kind: 'modelled', points: [...FILTERING, 'reserve', ...SCORING, 'preBind'] }],
  ['VolumeRestrictions', { kind: 'modelled', points: FILTERING }],
  ['VolumeZone', { kind: 'modelled', points: FILTERING }],
  ['NodeVolumeLimits', { kind: 'modelled', points: FILTERING }],
  ['InterPodAffinity', { kind: 'modelled', points: [...FILTERING, ...SCORING] }],
  ['PrioritySort', { kind: 'simulator', points: ['queueSort'], does: 'the simulator\'s scheduling queue orders pods by priority, then by the time they were queued' }],
  ['DefaultBinder', { kind: 'simulator', points: ['bind'], does: 'the simulator binds each pod to the node it was given' }],
  // DefaultPreemption's PreEnqueue holds a pod while its asynchronous preemption runs;
  // schedbench's preemption finishes within the cycle, so only PostFilter is run.
  ['DefaultPreemption', { kind: 'modelled', points: ['preEnqueue', 'postFilter'] }],
  ['SchedulingGates', { kind: 'simulator', points: ['preEnqueue'], does: 'the simulator never attempts a pod whose spec.schedulingGates is not empty' }],
  ['GangScheduling', { kind: 'unmodelled', why: 'Workload and PodGroup objects and the all-or-nothing wait at Permit are not modelled; the plugin is alpha, off by default in 1.35' }],
]);

/** A plugin older kube-schedulers had and 1.35 does not register. */
export interface RemovedPlugin {
  /**
   * Whether 1.35's validation names it (invalidPluginsByVersion for v1): enabling it at an
   * extension point other than multiPoint, or a pluginConfig for it, is then refused with
   * "was invalid in version"; everywhere else kube says it "does not exist".
   */
  readonly refusedByValidation: boolean;
  /** What replaced it. */
  readonly instead: string;
}

/** Plugins kube-scheduler removed; a config naming them gets kube's own error. */
export const REMOVED_KUBE_PLUGINS: ReadonlyMap<string, RemovedPlugin> = new Map<string, RemovedPlugin>([
  ...['AzureDiskLimits', 'CinderLimits', 'EBSLimits', 'GCEPDLimits'].map((name): [string, RemovedPlugin] =>
    [name, { refusedByValidation: true, instead: 'NodeVolumeLimits counts the volumes of every CSI driver' }]),
  ['SelectorSpread', { refusedByValidation: false, instead: 'PodTopologySpread\'s system default constraints spread a workload\'s pods' }],
  ['ServiceAffinity', { refusedByValidation: false, instead: 'use NodeAffinity or InterPodAffinity' }],
  ['NodeLabel', { refusedByValidation: false, instead: 'use NodeAffinity' }],
  ['NodePreferAvoidPods', { refusedByValidation: false, instead: 'use taints or NodeAffinity' }],
  ...['NodeResourcesLeastAllocated', 'NodeResourcesMostAllocated', 'RequestedToCapacityRatio'].map((name): [string, RemovedPlugin] =>
    [name, { refusedByValidation: false, instead: 'NodeResourcesFit\'s args.scoringStrategy.type chooses the scoring' }]),
]);

/** An entry of a MultiPoint plugin set; weight undefined means kube's 0 (taken as 1). */
export interface MultiPointPlugin {
  readonly name: string;
  readonly weight?: number;
}

/**
 * kube-scheduler 1.35's default MultiPoint set with its default feature gates
 * (getDefaultPlugins then applyFeatureGates: DynamicResourceAllocation is on, so
 * DynamicResources goes right before DefaultPreemption; NodeDeclaredFeatures and
 * GangScheduling are alpha and off, so they are not added). The in-tree volume-limit
 * plugins (EBSLimits, GCEPDLimits, AzureDiskLimits) left the defaults when they were
 * deprecated (kubernetes/kubernetes#124500) and the registry after (#124003).
 */
export const KUBE_DEFAULT_MULTI_POINT: readonly MultiPointPlugin[] = [
  { name: 'SchedulingGates' },
  { name: 'PrioritySort' },
  { name: 'NodeUnschedulable' },
  { name: 'NodeName' },
  { name: 'TaintToleration', weight: 3 },
  { name: 'NodeAffinity', weight: 2 },
  { name: 'NodePorts' },
  { name: 'NodeResourcesFit', weight: 1 },
  { name: 'VolumeRestrictions' },
  { name: 'NodeVolumeLimits' },
  { name: 'VolumeBinding' },
  { name: 'VolumeZone' },
  { name: 'PodTopologySpread', weight: 2 },
  { name: 'InterPodAffinity', weight: 2 },
  { name: 'DynamicResources' },
  { name: 'DefaultPreemption' },
  { name: 'NodeResourcesBalancedAllocation', weight: 1 },
  { name: 'ImageLocality', weight: 1 },
  { name: 'DefaultBinder' },
];

/** kube's words for a plugin its framework cannot find (updatePluginList, expandMultiPointPlugins). */
export function kubeDoesNotExist(point: ExtensionPoint, name: string): string {
  return `${KUBE_PLUGIN_INTERFACE[point]} ${JSON.stringify(name)} does not exist`;
}

/** kube's words for a plugin enabled at a point it does not implement (updatePluginList). */
export function kubeDoesNotExtend(point: ExtensionPoint, name: string): string {
  return `plugin ${JSON.stringify(name)} does not extend ${KUBE_PLUGIN_INTERFACE[point]} plugin`;
}

/** kube's words for a plugin listed twice at one point (updatePluginList, expandMultiPointPlugins). */
export function kubeAlreadyRegistered(point: ExtensionPoint, name: string): string {
  return `plugin ${JSON.stringify(name)} already registered as ${JSON.stringify(KUBE_PLUGIN_INTERFACE[point])}`;
}

/** kube's validation words for a plugin in invalidPluginsByVersion (validatePluginSetForInvalidPlugins). */
export function kubeInvalidInVersion(name: string): string {
  const v = JSON.stringify(KUBE_CONFIG_API_VERSION);
  return `Invalid value: ${JSON.stringify(name)}: was invalid in version ${v} (KubeSchedulerConfiguration is version ${v})`;
}

/**
 * The problem with naming a plugin kube-scheduler 1.35 registers and schedbench does not
 * model, or undefined when `name` is not one: "<name> is a kube-scheduler 1.35 plugin that
 * schedbench does not model yet (<why>)".
 */
export function unmodelledPluginProblem(name: string): string | undefined {
  const p = KUBE_IN_TREE_PLUGINS.get(name);
  if (p?.kind !== 'unmodelled') return undefined;
  return `${name} is a kube-scheduler ${KUBE_SCHEDULER_VERSION} plugin that schedbench does not model yet (${p.why})`;
}

/**
 * The problem with naming a plugin kube-scheduler removed, or undefined when `name` is not
 * one: kube's own words for where it was named (`kubeWords`), then what replaced it.
 */
export function removedPluginProblem(name: string, kubeWords: string): string | undefined {
  const r = REMOVED_KUBE_PLUGINS.get(name);
  if (r === undefined) return undefined;
  return `${kubeWords} (kube-scheduler ${KUBE_SCHEDULER_VERSION} no longer has ${name}: ${r.instead})`;
}

/**
 * The problem with naming a plugin the simulator stands in for at `point`, where it is
 * not a plugin of schedbench's profile, or undefined when `name` is not one.
 */
export function simulatorPluginProblem(name: string, point: ExtensionPoint): string | undefined {
  const p = KUBE_IN_TREE_PLUGINS.get(name);
  if (p?.kind !== 'simulator') return undefined;
  return `${kubeDoesNotExtend(point, name)} (${p.does})`;
}

/**
 * The problem with a kube plugin name at `point` of a profile that schedbench cannot run
 * there: one it does not model, one kube removed (kube's "does not exist"), or one the
 * simulator stands in for; undefined for any other name.
 */
export function kubePluginProblem(name: string, point: ExtensionPoint): string | undefined {
  return unmodelledPluginProblem(name) ?? removedPluginProblem(name, kubeDoesNotExist(point, name)) ?? simulatorPluginProblem(name, point);
}

/**
 * The problem with args (a pluginConfig section) for a kube plugin schedbench cannot take
 * them for: one it does not model, or one kube removed (kube's validation refuses the
 * four in invalidPluginsByVersion; it would ignore a section for the others); undefined
 * for any other name.
 */
export function kubePluginArgsProblem(name: string): string | undefined {
  const removed = REMOVED_KUBE_PLUGINS.get(name);
  const words = removed?.refusedByValidation === true ? kubeInvalidInVersion(name) : `no plugin ${JSON.stringify(name)} to configure`;
  return unmodelledPluginProblem(name) ?? removedPluginProblem(name, words);
}
