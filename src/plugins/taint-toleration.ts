import { defaultNormalizeScore, MAX_NODE_SCORE } from '../framework/normalize.js';
import { NO_ARGS, parsePluginArgs } from '../framework/plugin-args.js';
import type { ClusterView } from '../cluster/cluster-view.js';
import type { Plugin, PluginEnv, Verdict } from '../framework/types.js';
import type { NodeId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import { PASS, SKIP, UniformScore } from '../framework/types.js';
import type { Toleration } from '../model/taints.js';
import {
  countIntolerablePreferNoSchedule, firstUntoleratedDoNotScheduleTaint, formatTaint, preferNoScheduleTolerations,
  NO_EXECUTE, NO_SCHEDULE, PREFER_NO_SCHEDULE, sameTolerations,
} from '../model/taints.js';

/**
 * TaintToleration: a node's NoSchedule and NoExecute taints must all be tolerated
 * (Filter); nodes with fewer untolerated PreferNoSchedule taints score higher (Score,
 * then DefaultNormalizeScore reversed). Mirrors kube-scheduler
 * pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go. kube has no
 * PreFilter here and its PreScore never skips, so neither does ours.
 */
export const NAME = 'TaintToleration';

const UNTOLERATED = 1;
/**
 * ErrReasonNotMatch; the reason kube reports names the first untolerated taint, which
 * `describe` supplies ("node(s) had untolerated taint {key: value}").
 */
const REASONS = [{ text: "node(s) had taints that the pod didn't tolerate", unresolvable: true }] as const;

/** Builds the TaintToleration plugin; it takes no args. */
export function create(args: unknown, _env: PluginEnv): Plugin {
  parsePluginArgs(NO_ARGS, args);
  return {
    name: NAME,
    reasons: REASONS,
    // kube has no PreFilter here; ours skips filter() when no node has a taint it checks.
    preFilter: (cx) => (cx.view.taintedNodeCount(NO_SCHEDULE) + cx.view.taintedNodeCount(NO_EXECUTE) === 0 ? SKIP : undefined),
    filter: (cx, pod, node) => taintVerdict(cx.view, node, pod),
    // Verdicts and scores depend on the node's taints and the pod's tolerations only.
    reuseVerdicts: (_a, _b, prevPod, nextPod) => sameTolerations(prevPod.tolerations, nextPod.tolerations),
    reuseScores: (a, b) => sameTolerations(a, b),
    filterMany(cx, pod, nodes, count, _pre, verdicts) {
      const view = cx.view;
      for (let i = 0; i < count; i++) verdicts[i] = taintVerdict(view, nodes[i] as NodeId, pod);
    },
    describe(cx, pod, node) {
      const taints = cx.view.nodeTaints(node);
      const i = firstUntoleratedDoNotScheduleTaint(taints, pod.tolerations);
      return i < 0 ? [] : [`node(s) had untolerated taint ${formatTaint(taints, i, cx.view.model.symbols)}`];
    },
    // Only tolerations that can tolerate a PreferNoSchedule taint matter for the score.
    // No PreferNoSchedule taint anywhere: every raw score is 0, which the reversed
    // normalization turns into 100 on every node.
    preScore: (cx, pod) => (cx.view.taintedNodeCount(PREFER_NO_SCHEDULE) === 0
      ? new UniformScore(MAX_NODE_SCORE, 0)
      : preferNoScheduleTolerations(pod.tolerations)),
    score: (cx, _pod, node, tols) => countIntolerablePreferNoSchedule(cx.view.nodeTaints(node), tols),
    scoreMany(cx, _pod, feasible, tols, out) {
      const view = cx.view;
      for (let i = 0; i < feasible.count; i++) {
        out[i] = countIntolerablePreferNoSchedule(view.nodeTaints(feasible.ids[i] as NodeId), tols);
      }
    },
    normalize: (_cx, _pod, feasible, scores) => defaultNormalizeScore(MAX_NODE_SCORE, true, scores, feasible.count),
  } satisfies Plugin<undefined, readonly Toleration[]>;
}

/** Filter's check for one node: the first NoSchedule/NoExecute taint the pod does not tolerate. */
function taintVerdict(view: ClusterView, node: NodeId, pod: CompiledPod): Verdict {
  const taints = view.nodeTaints(node);
  if (taints.length === 0) return PASS;
  return firstUntoleratedDoNotScheduleTaint(taints, pod.tolerations) < 0 ? PASS : UNTOLERATED;
}
