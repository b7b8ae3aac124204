import { NO_ARGS, parsePluginArgs } from '../framework/plugin-args.js';
import type { Plugin, PluginEnv } from '../framework/types.js';
import { PASS, SKIP } from '../framework/types.js';
import { NO_SYM } from '../model/ids.js';

/**
 * NodeName: a pod with spec.nodeName fits only the node of that name. Mirrors
 * kube-scheduler pkg/scheduler/framework/plugins/nodename/node_name.go (Filter only; no
 * PreFilter, so nothing is ever skipped).
 */
export const NAME = 'NodeName';

const MISMATCH = 1;
const REASONS = [{ text: "node(s) didn't match the requested node name", unresolvable: true }] as const;

/** Builds the NodeName plugin; it takes no args. */
export function create(args: unknown, _env: PluginEnv): Plugin {
  parsePluginArgs(NO_ARGS, args);
  return {
    name: NAME,
    reasons: REASONS,
    // nodename.Fits: an empty spec.nodeName fits every node, so there is nothing to filter
    // (kube has no PreFilter here; skipping is only our shortcut and changes no verdict).
    preFilter: (_cx, pod) => (pod.nodeName === NO_SYM ? SKIP : undefined),
    filter: (cx, pod, node) => (pod.nodeName === cx.view.nodeName[node] ? PASS : MISMATCH),
  } satisfies Plugin<undefined, undefined>;
}
