import type { ClusterView } from '../cluster/cluster-view.js';
import type { NodeId, PodId } from '../model/ids.js';
import type { ModelContext } from '../model/model-context.js';
import type { CompiledPod } from '../model/pod.js';
import type { NominatedPods } from './nominated-pods.js';
import type { ResourceKernel } from './resource-kernel.js';

/**
 * A filter's answer for one node: 0 passes; bit i set means the plugin's reasons[i].
 * Several reasons at once ("Insufficient cpu" and "Insufficient memory") cost nothing.
 */
export type Verdict = number;
export const PASS: Verdict = 0;

/** One way a plugin can reject a node. */
export interface Reason {
  /** kube-scheduler's reason text, e.g. "Insufficient cpu". */
  readonly text: string;
  /** UnschedulableAndUnresolvable: preemption on this node cannot help. */
  readonly unresolvable: boolean;
}

/** Returned by preFilter/preScore when the plugin has nothing to do for this pod. */
export const SKIP: unique symbol = Symbol('skip');
export type Skip = typeof SKIP;

/**
 * Returned by preFilter when no node can take the pod (kube's PreFilter returning
 * Unschedulable / UnschedulableAndUnresolvable): the cycle stops before any filter runs.
 */
export class Rejection {
  constructor(readonly message: string, readonly unresolvable: boolean) {}
}

/**
 * Returned by preScore when every candidate node gets the same final score (after
 * normalization), e.g. no node holds any of the pod's images. The framework then adds
 * the score once instead of scoring node by node; results are identical.
 */
export class UniformScore {
  /** `score` is the final (normalized) score; `raw` what Score would have returned. */
  constructor(readonly score: number, readonly raw: number = score) {}
}

/** kube-scheduler status codes, as reported by explain and the conformance harness. */
export type StatusCode = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Skip';

/** A read-only list of node ids: ids[0..count). */
export interface NodeList {
  readonly ids: Int32Array;
  readonly count: number;
}

/** What a cycle shares with plugins. */
export interface CycleContext {
  readonly view: ClusterView;
}

/**
 * A scheduling plugin: every hook is optional. State computed once per pod in preFilter
 * (or preScore) is handed back to filter (score, normalize) as `pre`: CycleState without
 * string keys. Hooks named after kube-scheduler's extension points behave like them.
 */
export interface Plugin<F = unknown, S = unknown> {
  /** The kube-scheduler plugin name, e.g. "NodeResourcesFit". */
  readonly name: string;
  /** Reasons this plugin rejects nodes with; bit i of a Verdict is reasons[i]. */
  readonly reasons?: readonly Reason[];

  /**
   * True when preFilter's result depends on which pods are bound (not only on the pod and
   * the nodes). Such a plugin must have addPod and removePod: a what-if (preemption's dry
   * run, the pass with nominated pods) changes pods on one node of an overlay view and
   * updates PreFilter states through them, never running preFilter again.
   */
  readonly preFilterReadsPods?: boolean;
  /**
   * kube's PreFilterExtensions.AddPod: the PreFilter state `pre` (computed for `pod` on
   * `cx.view`) as it would be with `added` bound to `node` as well. Returns a new state
   * and never changes `pre`, which may share arrays with the cluster's live indexes.
   * `cx.view` is the view the what-if started from (node labels and taints are the same
   * in both). Read nothing about `added` from it: it may be pending there, or bound there
   * (a preemption victim added back after its removal).
   */
  addPod?(cx: CycleContext, pod: CompiledPod, pre: F, added: CompiledPod, node: NodeId): F;
  /**
   * kube's PreFilterExtensions.RemovePod: as addPod, with `removed` (bound to `node` in
   * the what-if so far) taken off it.
   */
  removePod?(cx: CycleContext, pod: CompiledPod, pre: F, removed: CompiledPod, node: NodeId): F;
  /** Once per pod. SKIP: filter() is not called this cycle. Rejection: pod fits nowhere. */
  preFilter?(cx: CycleContext, pod: CompiledPod): F | Skip | Rejection;
  /**
   * kube's PreFilterResult: the only node names (syms) this pod can land on, or null for
   * all. The search then visits just those nodes; the others are counted as rejected.
   */
  preFilterNodeNames?(pre: F): Int32Array | null;
  /** Per candidate node; the hot path: no allocation, no strings. */
  filter?(cx: CycleContext, pod: CompiledPod, node: NodeId, pre: F): Verdict;
  /**
   * filter() for nodes[0..count) at once, verdicts[i] for nodes[i]: must give exactly
   * filter()'s verdicts. Optional; a plugin's own loop lets V8 inline its per-node check,
   * which a loop in the framework calling many plugins cannot.
   */
  filterMany?(cx: CycleContext, pod: CompiledPod, nodes: Int32Array, count: number, pre: F, verdicts: Int32Array): void;
  /**
   * True when filter verdicts computed for (prevPod, prev) hold for (nextPod, next) on any
   * node whose row has not changed since: the verdict depends on nothing but the node's
   * row and these. Lets the scheduler reuse verdicts across cycles (NodeResultCache).
   */
  reuseVerdicts?(prev: F, next: F, prevPod: CompiledPod, nextPod: CompiledPod): boolean;
  /**
   * Reason texts for a rejected node when they depend on the node (an untolerated
   * taint's key and value). Slow path: only used to explain and diagnose.
   */
  describe?(cx: CycleContext, pod: CompiledPod, node: NodeId, verdict: Verdict, pre: F): string[];
  /**
   * Whether describe()'s texts for `verdict` can differ from node to node. false: the
   * scheduler's diagnosis asks describe once per distinct verdict instead of once per
   * rejected node. Absent: they can.
   */
  describeVariesByNode?(verdict: Verdict, pre: F): boolean;

  /**
   * After a cycle found no node (kube's PostFilter, e.g. DefaultPreemption): a node to
   * nominate and the pods to delete there; NO_CANDIDATE when it looked and found none
   * (the pod's nomination is cleared); null when it has no answer (the pod was not
   * eligible: its nomination stays). The host carries the result out.
   */
  postFilter?(cx: CycleContext, pod: CompiledPod, diagnosis: Diagnosis, host: PostFilterHost): PostFilterResult | NoCandidate | null;

  /** Once per pod, over the feasible nodes. SKIP: score() is not called; scores stay 0. */
  preScore?(cx: CycleContext, pod: CompiledPod, feasible: NodeList): S | Skip | UniformScore;
  /** Raw score for one feasible node. */
  score?(cx: CycleContext, pod: CompiledPod, node: NodeId, pre: S): number;
  /** score() for every feasible node at once, out[i] for feasible.ids[i]: must equal score(). Optional. */
  scoreMany?(cx: CycleContext, pod: CompiledPod, feasible: NodeList, pre: S, out: Float64Array): void;
  /** As reuseVerdicts, for raw scores (before normalize). */
  reuseScores?(prev: S, next: S, prevPod: CompiledPod, nextPod: CompiledPod): boolean;
  /** In place: scores[i] belongs to feasible.ids[i]; after it, integers in [0, 100]. */
  normalize?(cx: CycleContext, pod: CompiledPod, feasible: NodeList, scores: Float64Array, pre: S): void;
  /**
   * For fusing: this pod's Score as a ResourceKernel (resource-kernel.ts), a function of
   * the node's cpu and memory row that the scheduler evaluates together with other
   * plugins' kernels in one pass over the feasible nodes; null when the plugin's resources
   * or the pod need more than a kernel holds (score/scoreMany then run). Must give exactly
   * score()'s values. Asked only of plugins without normalize, with preScore's state.
   */
  resourceKernel?(pre: S): ResourceKernel | null;

  /**
   * Which GPUs of `node` (the node this cycle chose, or the pod's nominated node) a GPU
   * pod gets: a bitmask over the node's GPUs (bit i = GPU i) naming pod.gpu.count GPUs
   * with room, or 0 for no opinion (the cluster then takes the tightest fit). The
   * artifact's per-policy GPU selection, as a Reserve-time choice of the policy itself.
   * Only a score plugin's hook counts, and per profile only one: the first score plugin
   * in profile order that has it (see gpuPlacerOf). Called only for pods asking GPUs,
   * right before the bind; `rand` is the scheduler's seeded placement stream, the only
   * randomness a placement may use.
   */
  placeGpus?(view: ClusterView, pod: CompiledPod, node: NodeId, rand: RandomSource): number;
}

/**
 * What-ifs for one pod over a cluster view: pods added to or removed from one node (the
 * focus) over an overlay, with the PreFilter states updated through PreFilterExtensions,
 * the live cluster never changed (kube: SelectVictimsOnNode's copy of the node and cycle
 * state). Implemented by WhatIf; declared here so PostFilter plugins and preemption see
 * the session without importing it.
 */
export interface WhatIfSession {
  /** Focuses `node` with no change made yet. */
  focus(node: NodeId): void;
  /** Adds `pod` to the focus (kube: nodeInfo.AddPodInfo + RunPreFilterExtensionAddPod). */
  add(pod: CompiledPod): void;
  /** Removes `pod` from the focus (kube: nodeInfo.RemovePod + RunPreFilterExtensionRemovePod). */
  remove(pod: CompiledPod): void;
  /** Undoes the last add or remove. */
  undo(): void;
  /** Whether the pod fits the focus as RunFilterPluginsWithNominatedPods decides: with its nominated pods, then without. */
  fits(nominated: NominatedPods): boolean;
}

/**
 * The profile's PreFilter and Filter chain run for one pod outside a scheduling cycle
 * (preemption's dry runs, a nominated pod's recheck). Implemented by NodeFitChecker;
 * declared here so PostFilterHost does not import it.
 */
export interface FitChecker {
  /**
   * Status of every live node in nodeOrder for this pod, as the failed cycle's
   * NodeToStatus map holds them, with the pods `nominated` to nodes respected.
   */
  statuses(view: ClusterView, pod: CompiledPod, each: (node: NodeId, status: StatusCode) => void, nominated?: NominatedPods): void;
  /** A what-if session for `pod` over `view`; null when a PreFilter rejects the pod outright. */
  whatIf(view: ClusterView, pod: CompiledPod): WhatIfSession | null;
  /** PreFilter and Filter on `node` as kube's RunFilterPluginsWithNominatedPods runs them. */
  fitsWithNominated(view: ClusterView, pod: CompiledPod, node: NodeId, nominated?: NominatedPods): boolean;
}

/**
 * What the scheduler's host (the simulator) lends a PostFilter plugin for its dry runs:
 * the live cluster, read-only (dry runs are what-ifs over an overlay: the checker's
 * whatIf), a checker that runs the profile's PreFilter and Filter chain, the seeded
 * stream for random choices, and facts about bound pods the cluster does not keep.
 */
export interface PostFilterHost {
  readonly state: ClusterView;
  readonly checker: FitChecker;
  readonly rng: RandomSource;
  /** When a bound pod started running, simulated seconds. */
  startTimeS(pod: PodId): number;
  /** Pods nominated to nodes, which the dry runs respect as the cycle's filters do. */
  readonly nominated: NominatedPods;
}

/**
 * A PostFilter that looked for a node and found none: kube's
 * NewPostFilterResultWithNominatedNode(""), which clears the pod's nominated node. It
 * differs from a PostFilter's null (kube's nil result: the nomination is left alone), which
 * DefaultPreemption answers for a pod not eligible to preempt (a lower-priority victim
 * still terminating on its nominated node).
 */
export const NO_CANDIDATE: unique symbol = Symbol('no-candidate');
export type NoCandidate = typeof NO_CANDIDATE;

/** A PostFilter's answer (kube's PostFilterResult with nominating info): nominate `node` after deleting `victims`. */
export interface PostFilterResult {
  readonly node: NodeId;
  readonly victims: readonly CompiledPod[];
}

/** What a plugin factory may use while it reads its args. */
export interface PluginEnv {
  readonly model: ModelContext;
  /**
   * The plugin's own seeded stream (the run's 'plugins' stream forked by plugin name), for
   * plugins whose decisions draw random numbers; absent where no run seed exists.
   */
  readonly random?: RandomSource;
}

/** Builds a plugin from its args (a KubeSchedulerConfiguration pluginConfig[].args). */
export type PluginFactory = (args: unknown, env: PluginEnv) => Plugin;

/** Plugin name -> factory. */
export type Registry = ReadonlyMap<string, PluginFactory>;

/** The seeded source of tie-breaks; the scheduler never calls Math.random. */
export interface RandomSource {
  /** A uniform integer in [0, n). */
  int(n: number): number;
  /**
   * An independent stream named `name`, a pure function of this stream's seed and the
   * name (forking draws nothing from this stream). Optional: a fixed test source has none.
   */
  fork?(name: string): RandomSource;
}

/** Counts of rejected nodes per reason text: kube's "0/N nodes are available: ...". */
export interface Diagnosis {
  readonly nodeCount: number;
  /** Reason text -> number of nodes it was given for. */
  readonly reasons: ReadonlyMap<string, number>;
  /** Set when a preFilter rejected the pod outright. */
  readonly preFilterMessage: string | null;
  /** True when every rejection is UnschedulableAndUnresolvable (preemption cannot help). */
  readonly unresolvable: boolean;
  /** kube-scheduler's FitError message. */
  readonly message: string;
}

/** The outcome of one scheduling cycle. */
export type Decision =
  | {
    readonly kind: 'bound';
    readonly node: NodeId;
    /** Weighted total score of the chosen node (0 when scoring was skipped). */
    readonly score: number;
    /** Weighted score per score plugin for the chosen node, in Framework.scorers order. */
    readonly pluginScores: Float64Array;
    readonly feasibleNodes: number;
    readonly evaluatedNodes: number;
  }
  | { readonly kind: 'unschedulable'; readonly diagnosis: Diagnosis };
