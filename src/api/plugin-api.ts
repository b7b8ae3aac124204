/**
 * The public contract of a user's scheduling plugin: what `plugins: [files]` in a scenario
 * and `--plugin FILE` load. A plugin file's default export is a plain object (a
 * SchedulerPlugin); it needs nothing from schedbench at run time. These are types only,
 * published for editors (`import type { ScorePlugin } from 'schedbench'`) and erased when
 * the file runs. This file imports nothing, so it describes exactly what a plugin sees.
 *
 * Units everywhere: CPU in millicores, memory and ephemeral-storage in bytes, `pods` and
 * extended resources (nvidia.com/gpu, ...) as integers, as kube-scheduler counts them.
 */

/** Resource name -> amount (see the units above). Only resources the node or pod has appear. */
export type ResourceRecord = Readonly<Record<string, number>>;

/** A node taint. */
export interface PluginTaint {
  readonly key: string;
  readonly value: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** A node's GPUs (the GPU-sharing model of the openb trace), on nodes that have GPUs. */
export interface PluginGpus {
  /** The GPU model label value, e.g. "V100M16"; "" when the node does not say. */
  readonly model: string;
  /** Free milli-GPU per GPU (0..1000), GPU i at index i. */
  readonly freeMilli: readonly number[];
  /** GPUs with all 1000 milli-GPU free. */
  readonly fullyFree: number;
}

/**
 * A node as the plugin sees it during one call: read-only, current (a preemption dry run
 * shows the node with its victims taken off). Do not keep it beyond the call.
 */
export interface PluginNode {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** status.allocatable. */
  readonly allocatable: ResourceRecord;
  /** The summed requests of the pods bound to the node; `pods` is their count. */
  readonly requested: ResourceRecord;
  /** Pods bound to the node. */
  readonly podCount: number;
  readonly taints: readonly PluginTaint[];
  /** spec.unschedulable (cordoned). */
  readonly unschedulable: boolean;
  /** The node's GPUs; null on a node without GPUs. */
  readonly gpus: PluginGpus | null;
}

/** The pod being scheduled, read-only. */
export interface PluginPod {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The pod's requests as kube-scheduler sums them (containers, init containers, overhead); `pods` is 1. */
  readonly requests: ResourceRecord;
  readonly priority: number;
  /** The kind of the pod's controller (ReplicaSet, StatefulSet, Job, DaemonSet, ...); null for a bare pod. */
  readonly ownerKind: string | null;
  /** GPUs the pod asks for (GPU-sharing annotations); null when none. */
  readonly gpu: { readonly count: number; readonly milliPerGpu: number } | null;
}

/** What a plugin may read besides the pod and the node. */
export interface PluginContext<Args = unknown> {
  /** Live nodes in the cluster now. */
  readonly nodeCount: number;
  /**
   * A float in [0, 1) from the plugin's own seeded stream: the only randomness a plugin
   * may use (Math.random would break "same seed, same result").
   */
  random(): number;
  /** The plugin's args: `pluginConfig[].args` of a KubeSchedulerConfiguration, or `args` of the short form; undefined when none. */
  readonly args: Args;
}

/**
 * How raw scores become the 0..100 scores the profile weighs:
 *   none            raw scores are already 0..100 (anything else is an error); fractions are truncated
 *   minmax          lowest raw score among the feasible nodes -> 0, highest -> 100, linear between
 *   reverse-minmax  highest -> 0, lowest -> 100 (for "less is better" raw scores)
 */
export type ScoreNormalization = 'none' | 'minmax' | 'reverse-minmax';

/**
 * A plugin: a name and at least one of filter and score. Every hook may be called many
 * times per pod and must depend only on its arguments (and ctx.random()).
 */
export interface SchedulerPlugin<Args = unknown> {
  /** Unique among the plugins a run knows; a built-in plugin's name is refused. */
  readonly name: string;
  /**
   * Once, when a policy enabling the plugin is built: a string refuses the policy's args
   * (the message names the policy and `args.<name>`), as kube refuses a bad pluginConfig
   * before scheduling anything.
   */
  checkArgs?(args: Args): void | string;
  /** Once per pod and scheduling cycle, before any filter: a string rejects the pod on every node (the reason). */
  preFilter?(pod: PluginPod, ctx: PluginContext<Args>): void | string;
  /** true: the node fits; a string: the reason it does not (shown as kube shows reasons). */
  filter?(pod: PluginPod, node: PluginNode, ctx: PluginContext<Args>): true | string;
  /** The raw score of a feasible node (see normalize). */
  score?(pod: PluginPod, node: PluginNode, ctx: PluginContext<Args>): number;
  /** @default 'none' */
  readonly normalize?: ScoreNormalization;
}

/** A plugin with a filter. */
export type FilterPlugin<Args = unknown> = SchedulerPlugin<Args> & Required<Pick<SchedulerPlugin<Args>, 'filter'>>;
/** A plugin with a score. */
export type ScorePlugin<Args = unknown> = SchedulerPlugin<Args> & Required<Pick<SchedulerPlugin<Args>, 'score'>>;
