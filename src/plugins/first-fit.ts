import { NO_ARGS, parsePluginArgs } from '../framework/plugin-args.js';
import { MAX_NODE_SCORE } from '../framework/normalize.js';
import type { Plugin, PluginEnv } from '../framework/types.js';

/**
 * FirstFit: the pod goes to the first feasible node in node-list order, i.e. the node
 * added to the cluster earliest (lowest node id): it scores 100, every other node 0.
 * The artifact's FirstFitScore gives every node 100 and so leaves the choice to
 * kube-scheduler's random tie-break; this is the classic first fit its comment intends.
 */
export const NAME = 'FirstFit';

interface Pre {
  readonly first: number;
}

/** Builds FirstFit; it takes no args. */
export function create(args: unknown, _env: PluginEnv): Plugin {
  parsePluginArgs(NO_ARGS, args);
  return {
    name: NAME,
    preScore(_cx, _pod, feasible) {
      let first = Infinity;
      for (let i = 0; i < feasible.count; i++) if (feasible.ids[i]! < first) first = feasible.ids[i]!;
      const pre: Pre = { first };
      return pre;
    },
    score: (_cx, _pod, node, pre) => (node === pre.first ? MAX_NODE_SCORE : 0),
    scoreMany(_cx, _pod, feasible, pre, out) {
      for (let i = 0; i < feasible.count; i++) out[i] = feasible.ids[i] === pre.first ? MAX_NODE_SCORE : 0;
    },
  } satisfies Plugin<undefined, Pre>;
}
