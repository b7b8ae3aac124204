import { defaultNormalizeScore, MAX_NODE_SCORE } from '../framework/normalize.js';
import { NO_ARGS, parsePluginArgs } from '../framework/plugin-args.js';
import type { Plugin, PluginEnv } from '../framework/types.js';
import { PASS } from '../framework/types.js';
import type { Toleration } from '../model/taints.js';
import {
  countIntolerablePreferNoSchedule, firstUntoleratedDoNotScheduleTaint, formatTaint, preferNoScheduleTolerations,
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
    filter: (cx, pod, node) =>
      (firstUntoleratedDoNotScheduleTaint(cx.view.nodeTaints(node), pod.tolerations) < 0 ? PASS : UNTOLERATED),
    describe(cx, pod, node) {
      const taints = cx.view.nodeTaints(node);
      const i = firstUntoleratedDoNotScheduleTaint(taints, pod.tolerations);
      return i < 0 ? [] : [`node(s) had untolerated taint ${formatTaint(taints, i, cx.view.model.symbols)}`];
    },
    // Only tolerations that can tolerate a PreferNoSchedule taint matter for the score.
    preScore: (_cx, pod) => preferNoScheduleTolerations(pod.tolerations),
    score: (cx, _pod, node, tols) => countIntolerablePreferNoSchedule(cx.view.nodeTaints(node), tols),
    normalize: (_cx, _pod, feasible, scores) => defaultNormalizeScore(MAX_NODE_SCORE, true, scores, feasible.count),
  } satisfies Plugin<undefined, readonly Toleration[]>;
}
