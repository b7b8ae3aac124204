/**
 * The advanced form of a user plugin (`import type { AdvancedPlugin } from
 * 'schedbench/advanced'`): the framework's own contract, the one the built-in plugins
 * implement. A plugin file exports `{ name, create(args, env) }`, and create returns a
 * Plugin: per-pod state computed once in preFilter/preScore, node rows read from the
 * ClusterView's typed arrays (allocatable[node * dims + r], requested, labelColumn, ...),
 * and optionally filterMany/scoreMany loops over the candidate nodes. It is as fast as a
 * built-in plugin, and as exposed to schedbench's internals, which may change between
 * versions; the simple contract (plugin-api.ts) is the stable one.
 */
import type { Plugin, PluginEnv } from '../framework/types.js';

export type { ClusterView } from '../cluster/cluster-view.js';
export type { CompiledPod } from '../model/pod.js';
export type { CycleContext, NodeList, Plugin, PluginEnv, Reason, Verdict } from '../framework/types.js';

/** The default export of an advanced plugin file. */
export interface AdvancedPlugin {
  readonly name: string;
  create(args: unknown, env: PluginEnv): Plugin;
}
