import { NO_ARGS, parsePluginArgs } from '../framework/plugin-args.js';
import type { Plugin, PluginEnv } from '../framework/types.js';
import { PASS, SKIP } from '../framework/types.js';
import type { HostPort } from '../model/ports.js';
import { ANY_IP, anyHostPortConflicts } from '../model/ports.js';

/**
 * NodePorts: a pod's host ports must not collide with host ports already bound on the
 * node (same protocol and port on the same IP, or either side on 0.0.0.0). Mirrors
 * kube-scheduler pkg/scheduler/framework/plugins/nodeports/node_ports.go: PreFilter skips
 * pods without host ports; the rejection is Unschedulable (preemption can free a port).
 * Which containers' ports count (containers and restartable init containers,
 * util.GetHostPorts) is decided when the pod is compiled (CompiledPod.hostPorts).
 */
export const NAME = 'NodePorts';

const CONFLICT = 1;
const REASONS = [{ text: "node(s) didn't have free ports for the requested pod ports", unresolvable: false }] as const;

/** Builds the NodePorts plugin; it takes no args. */
export function create(args: unknown, env: PluginEnv): Plugin {
  parsePluginArgs(NO_ARGS, args);
  const anyIp = env.model.symbols.intern(ANY_IP);
  return {
    name: NAME,
    reasons: REASONS,
    preFilter: (_cx, pod) => (pod.hostPorts.length === 0 ? SKIP : pod.hostPorts),
    filter: (cx, _pod, node, wants) => (anyHostPortConflicts(cx.view.usedHostPorts(node), wants, anyIp) ? CONFLICT : PASS),
  } satisfies Plugin<readonly HostPort[], undefined>;
}
