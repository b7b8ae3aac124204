import { NO_ARGS, parsePluginArgs } from '../framework/plugin-args.js';
import type { Plugin, PluginEnv } from '../framework/types.js';
import { PASS, SKIP } from '../framework/types.js';
import { anyTolerates, NO_SCHEDULE } from '../model/taints.js';

/**
 * NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods that tolerate
 * the node.kubernetes.io/unschedulable:NoSchedule taint. Mirrors kube-scheduler
 * pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go.
 */
export const NAME = 'NodeUnschedulable';

/** v1.TaintNodeUnschedulable: the taint a cordoned node stands for. */
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

const UNSCHEDULABLE = 1;
const REASONS = [{ text: 'node(s) were unschedulable', unresolvable: true }] as const;

/**
 * Builds the NodeUnschedulable plugin; it takes no args. kube has no PreFilter here; ours
 * answers once per pod whether the pod tolerates the taint {key:
 * node.kubernetes.io/unschedulable, value: "", effect: NoSchedule}.
 */
export function create(args: unknown, env: PluginEnv): Plugin {
  parsePluginArgs(NO_ARGS, args);
  const { symbols } = env.model;
  const key = symbols.intern(TAINT_NODE_UNSCHEDULABLE);
  const emptyValue = symbols.intern('');
  return {
    name: NAME,
    reasons: REASONS,
    // With no cordoned node, or for a pod that tolerates the taint, every node passes:
    // our shortcut is to skip filter().
    preFilter: (cx, pod) => (cx.view.cordonedNodeCount === 0 || anyTolerates(pod.tolerations, key, emptyValue, NO_SCHEDULE) ? SKIP : undefined),
    filter: (cx, _pod, node) => (cx.view.unschedulable[node] === 1 ? UNSCHEDULABLE : PASS),
    filterMany(cx, _pod, nodes, count, _pre, verdicts) {
      const unschedulable = cx.view.unschedulable;
      for (let i = 0; i < count; i++) verdicts[i] = unschedulable[nodes[i]!] === 1 ? UNSCHEDULABLE : PASS;
    },
  } satisfies Plugin<undefined, undefined>;
}
