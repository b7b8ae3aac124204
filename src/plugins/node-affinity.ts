import { z } from 'zod';
import { defaultNormalizeScore, MAX_NODE_SCORE } from '../framework/normalize.js';
import { parsePluginArgs, TYPE_META } from '../framework/plugin-args.js';
import { ProfileError } from '../framework/profile-error.js';
import type { Plugin, PluginEnv } from '../framework/types.js';
import { PASS, Rejection, SKIP } from '../framework/types.js';
import type { Sym } from '../model/ids.js';
import type { BoundRequiredAffinity, BoundTerm, LabelColumns, NodeSelector, NodeSelectorTerm } from '../model/node-selector.js';
import {
  anyBoundTermMatches, bindRequiredAffinity, bindTerm, boundTermMatches, compileNodeSelector, compileNodeSelectorTerm,
  pinnedNodeNames, requiredAffinityMatches, termCanMatch,
} from '../model/node-selector.js';

/**
 * NodeAffinity: the node must satisfy the pod's spec.nodeSelector, its required node
 * affinity and the scheduler-enforced `addedAffinity` (Filter); nodes score the summed
 * weights of the preferred terms they match, the pod's and addedAffinity's (Score, then
 * DefaultNormalizeScore). Mirrors kube-scheduler
 * pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go and
 * component-helpers/scheduling/corev1/nodeaffinity.
 */
export const NAME = 'NodeAffinity';

const POD_MISMATCH = 1 << 0;
const ENFORCED_MISMATCH = 1 << 1;
const REASONS = [
  { text: "node(s) didn't match Pod's node affinity/selector", unresolvable: true },
  { text: "node(s) didn't match scheduler-enforced node affinity", unresolvable: true },
] as const;
/** errReasonConflict: every required term pins the pod to names that conflict. */
const CONFLICT_MESSAGE = 'pod affinity terms conflict';

/** What filter needs, bound to this cycle's label columns. */
interface PreFilter {
  /** spec.nodeSelector and the required node affinity. */
  readonly pod: BoundRequiredAffinity;
  /** addedAffinity's required terms (ORed), null when not configured. */
  readonly added: readonly BoundTerm[] | null;
  /**
   * kube's PreFilterResult.NodeNames as name syms (sorted), or null for all nodes. Nodes
   * outside it fail `filter` anyway, so using it is only a shortcut for the framework.
   */
  readonly nodeNames: Int32Array | null;
}

/** The preferred terms that can match, with their weights. */
interface PreScore {
  readonly terms: readonly BoundTerm[];
  readonly weights: Int32Array;
}

interface WeightedTerm {
  readonly weight: number;
  readonly term: NodeSelectorTerm;
}

/** Builds the NodeAffinity plugin from NodeAffinityArgs ({addedAffinity?: v1.NodeAffinity}). */
export function create(args: unknown, env: PluginEnv): Plugin {
  const { symbols } = env.model;
  const { addedRequired, addedPreferred } = compileArgs(args, env);
  return {
    name: NAME,
    reasons: REASONS,

    preFilter(cx, pod) {
      const affinity = pod.requiredNodeAffinity;
      // Nothing to check: kube returns Skip from PreFilter.
      if (affinity === null && addedRequired === null && pod.nodeSelector === null) return SKIP;
      let nodeNames: Int32Array | null = null;
      if (affinity !== null && affinity.terms.length > 0) {
        nodeNames = pinnedNodeNames(affinity);
        if (nodeNames !== null && nodeNames.length === 0) return new Rejection(CONFLICT_MESSAGE, true);
      }
      const columns: LabelColumns = (key) => cx.view.labelColumn(key);
      return {
        pod: bindRequiredAffinity(pod.nodeSelector, affinity, columns),
        added: addedRequired === null ? null : addedRequired.terms.map((t) => bindTerm(t, columns)),
        nodeNames,
      };
    },

    preFilterNodeNames: (s) => s.nodeNames,

    filter(cx, _pod, node, s) {
      const name = cx.view.nodeName[node] as Sym;
      // The scheduler-enforced affinity is checked first and has its own reason.
      if (s.added !== null && !anyBoundTermMatches(s.added, node, name, symbols)) return ENFORCED_MISMATCH;
      return requiredAffinityMatches(s.pod, node, name, symbols) ? PASS : POD_MISMATCH;
    },

    preScore(cx, pod) {
      const podPreferred = pod.preferredNodeAffinity;
      // kube skips when the pod has no preferred terms and addedAffinity none.
      // NOTE: kube does not skip for an explicit empty list; every score is 0 either way.
      if (podPreferred.length === 0 && addedPreferred.length === 0) return SKIP;
      const columns: LabelColumns = (key) => cx.view.labelColumn(key);
      const live = [...addedPreferred, ...podPreferred].filter((t) => t.weight !== 0 && termCanMatch(t.term));
      return {
        terms: live.map((t) => bindTerm(t.term, columns)),
        weights: Int32Array.from(live.map((t) => t.weight)),
      };
    },

    score(cx, _pod, node, s) {
      const name = cx.view.nodeName[node] as Sym;
      let sum = 0;
      for (let i = 0; i < s.terms.length; i++) {
        if (boundTermMatches(s.terms[i]!, node, name, symbols)) sum += s.weights[i]!;
      }
      return sum;
    },

    normalize: (_cx, _pod, feasible, scores) => defaultNormalizeScore(MAX_NODE_SCORE, false, scores, feasible.count),
  } satisfies Plugin<PreFilter, PreScore>;
}

// ---- args ------------------------------------------------------------------------------

const requirementSchema = z.strictObject({
  key: z.string(),
  operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']),
  values: z.array(z.string()).optional(),
});
const termSchema = z.strictObject({
  matchExpressions: z.array(requirementSchema).nullish(),
  matchFields: z.array(requirementSchema).nullish(),
});
const argsSchema = z.strictObject({
  ...TYPE_META,
  addedAffinity: z.strictObject({
    requiredDuringSchedulingIgnoredDuringExecution: z.strictObject({ nodeSelectorTerms: z.array(termSchema) }).nullish(),
    preferredDuringSchedulingIgnoredDuringExecution: z.array(z.strictObject({
      // kube accepts any int32 weight here, but a negative one makes NormalizeScore leave
      // the range [0, 100] and fails every cycle at run time; reject it up front.
      weight: z.number().int().min(0, 'weight must not be negative').max(2 ** 31 - 1),
      preference: termSchema,
    })).nullish(),
  }).nullish(),
}).nullish();

const REQUIRED_PATH = 'addedAffinity.requiredDuringSchedulingIgnoredDuringExecution';
const PREFERRED_PATH = 'addedAffinity.preferredDuringSchedulingIgnoredDuringExecution';

/**
 * Validates and compiles NodeAffinityArgs. Like kube's ValidateNodeAffinityArgs, a term
 * kube-scheduler cannot parse is an error here (for pods it only matches nothing).
 */
function compileArgs(args: unknown, env: PluginEnv): { addedRequired: NodeSelector | null; addedPreferred: readonly WeightedTerm[] } {
  const parsed = parsePluginArgs(argsSchema, args);
  const added = parsed?.addedAffinity;
  const { symbols } = env.model;
  const failAt = (base: string) => (path: string, problem: string): never => {
    throw new ProfileError(path.startsWith('[') ? `${base}${path}` : `${base}.${path}`, problem);
  };
  let addedRequired: NodeSelector | null = null;
  const req = added?.requiredDuringSchedulingIgnoredDuringExecution;
  if (req !== null && req !== undefined) {
    addedRequired = compileNodeSelector(req, symbols, failAt(REQUIRED_PATH));
    addedRequired.terms.forEach((t, i) => {
      if (t.parseError !== null) failAt(REQUIRED_PATH)(`nodeSelectorTerms[${i}].${t.parseError.path}`, t.parseError.problem);
    });
  }
  const addedPreferred = (added?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((p, i) => {
    const term = compileNodeSelectorTerm(p.preference, symbols, (path, m) => failAt(PREFERRED_PATH)(`[${i}].preference.${path}`, m));
    // NewPreferredSchedulingTerms does not parse weight-0 or empty terms: they never count.
    if (term.parseError !== null && p.weight !== 0) {
      failAt(PREFERRED_PATH)(`[${i}].preference.${term.parseError.path}`, term.parseError.problem);
    }
    return { weight: p.weight, term };
  });
  return { addedRequired, addedPreferred };
}
