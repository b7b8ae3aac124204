import type { PluginContext, PluginPod, SchedulerPlugin } from '../../api/plugin-api.js';
import type { ClusterView } from '../../cluster/cluster-view.js';
import { minMaxNormalize } from '../../framework/min-max-normalize.js';
import { MAX_NODE_SCORE } from '../../framework/normalize.js';
import { ProfileError } from '../../framework/profile-error.js';
import type { DeclaredPoints } from '../../framework/registry-capabilities.js';
import type { NodeList, Plugin, PluginEnv, PluginFactory, RandomSource, Verdict } from '../../framework/types.js';
import { PASS, Rejection } from '../../framework/types.js';
import type { NodeId, Sym } from '../../model/ids.js';
import type { CompiledPod } from '../../model/pod.js';
import { PluginViews } from './plugin-views.js';
import { UserPluginError } from './user-plugin-error.js';

/** The one reason bit of a user filter; its text per node comes from describe(). */
const REJECTED: Verdict = 1;

/**
 * The factory of a plugin written to the simple contract (src/api/plugin-api.ts): each
 * built instance adapts the user's hooks to the framework's Plugin.
 *   preFilter  builds the pod's view once per cycle (the state every later hook gets) and
 *              runs the user's preFilter: a string rejects the pod everywhere, as
 *              UnschedulableAndUnresolvable (nothing preemption removes changes a verdict
 *              that never saw a node)
 *   filter     true passes; a string fails the node with that reason (Unschedulable:
 *              preemption may free the node). A plugin with preFilter and no filter gets a
 *              filter that passes every node, so the preFilter runs where filters run
 *   score      the raw score, checked (finite; within 0..100 for normalize 'none', then
 *              truncated as kube's int64 scores are)
 *   normalize  minmax (truncated to integers, as kube's scores are) or reverse-minmax
 *              (100 minus that), over the feasible nodes
 * Anything else a hook returns, and anything it throws, becomes a UserPluginError.
 */
export function userPluginFactory(def: SchedulerPlugin): PluginFactory & DeclaredPoints {
  const points = { filter: def.filter !== undefined || def.preFilter !== undefined, score: def.score !== undefined, postFilter: false };
  return Object.assign((args: unknown, env: PluginEnv) => adapt(def, args, env), { points });
}

function adapt(def: SchedulerPlugin, args: unknown, env: PluginEnv): Plugin<PluginPod, PluginPod> {
  const name = def.name;
  if (def.checkArgs !== undefined) {
    let problem: unknown;
    try {
      problem = def.checkArgs(args);
    } catch (e) {
      const err = e instanceof Error ? e : null;
      throw new UserPluginError(name, 'checkArgs', null, null, `threw ${err !== null ? `${err.name}: ${err.message}` : describeValue(e)}`, err?.stack ?? null);
    }
    if (typeof problem === 'string') throw new ProfileError('', problem);
    if (problem !== undefined) throw new ProfileError('', `checkArgs returned ${describeValue(problem)} (expected nothing, or a string: what is wrong with the args)`);
  }
  const views = new PluginViews();
  const symbols = env.model.symbols;
  const ctx = new UserContext(name, args, env.random);
  /** The reason each node was last rejected with, for describe() (the slow path right after the cycle). */
  const lastReason: (string | undefined)[] = [];
  const podName = (pod: CompiledPod) => `${symbols.text(pod.namespace)}/${pod.name}`;
  const nodeName = (view: ClusterView, node: NodeId) => symbols.text(view.nodeName[node] as Sym);

  /**
   * What a user hook threw, as a UserPluginError naming where. The hooks are called in
   * plain try/catch blocks (no closure per call: score and filter run once per node).
   */
  const thrown = (hook: string, view: ClusterView, pod: CompiledPod, node: NodeId | -1, e: unknown): UserPluginError => {
    if (e instanceof UserPluginError) return e;
    const err = e instanceof Error ? e : null;
    return new UserPluginError(name, hook, podName(pod), node === -1 ? null : nodeName(view, node),
      `threw ${err !== null ? `${err.name}: ${err.message}` : describeValue(e)}`, err?.stack ?? null);
  };
  const bad = (hook: string, view: ClusterView, pod: CompiledPod, node: NodeId | -1, problem: string): never => {
    throw new UserPluginError(name, hook, podName(pod), node === -1 ? null : nodeName(view, node), problem, null);
  };

  const userFilter = def.filter;
  const userScore = def.score;
  const userPreFilter = def.preFilter;
  const normalize = def.normalize ?? 'none';
  const plugin: Plugin<PluginPod, PluginPod> = { name, reasons: [{ text: `rejected by ${name}`, unresolvable: false }] };

  if (userFilter !== undefined || userPreFilter !== undefined) {
    plugin.preFilter = (cx, pod) => {
      const p = views.pod(cx.view, pod);
      if (userPreFilter === undefined) return p;
      ctx.view = cx.view;
      let r: unknown;
      try {
        r = userPreFilter.call(def, p, ctx);
      } catch (e) {
        throw thrown('preFilter', cx.view, pod, -1, e);
      }
      if (r === undefined) return p;
      if (typeof r === 'string' && r !== '') return new Rejection(r, true);
      return bad('preFilter', cx.view, pod, -1, `returned ${describeValue(r)} (expected nothing, or a non-empty string: the reason the pod fits nowhere)`);
    };
    plugin.filter = (cx, pod, node, pre) => {
      if (userFilter === undefined) return PASS;
      ctx.view = cx.view;
      let r: unknown;
      try {
        r = userFilter.call(def, pre, views.node(cx.view, node), ctx);
      } catch (e) {
        throw thrown('filter', cx.view, pod, node, e);
      }
      if (r === true) return PASS;
      if (typeof r === 'string' && r !== '') {
        lastReason[node] = r;
        return REJECTED;
      }
      return bad('filter', cx.view, pod, node, `returned ${describeValue(r)} (expected true, or a non-empty string: the reason the node does not fit)`);
    };
    plugin.describe = (cx, pod, node, _verdict, pre) => {
      const known = lastReason[node];
      if (known !== undefined) return [known];
      const r = userFilter === undefined ? undefined : userFilter.call(def, pre, views.node(cx.view, node), ctx);
      return [typeof r === 'string' ? r : `rejected by ${name}`];
    };
  }

  if (userScore !== undefined) {
    plugin.preScore = (cx, pod) => views.pod(cx.view, pod);
    plugin.score = (cx, pod, node, pre) => {
      ctx.view = cx.view;
      let s: unknown;
      try {
        s = userScore.call(def, pre, views.node(cx.view, node), ctx);
      } catch (e) {
        throw thrown('score', cx.view, pod, node, e);
      }
      if (typeof s !== 'number' || !Number.isFinite(s)) {
        return bad('score', cx.view, pod, node, `returned ${describeValue(s)} (expected a finite number)`);
      }
      if (normalize !== 'none') return s;
      if (s < 0 || s > MAX_NODE_SCORE) {
        return bad('score', cx.view, pod, node, `returned ${s}, outside 0..100 (normalize is 'none'; use 'minmax' or 'reverse-minmax' for other ranges)`);
      }
      return Math.trunc(s);
    };
    if (normalize !== 'none') {
      const reverse = normalize === 'reverse-minmax';
      plugin.normalize = (_cx, _pod, feasible: NodeList, scores: Float64Array) => {
        minMaxNormalize(scores, feasible.count);
        // Reversed: 100 minus the minmax score; all equal stays all 0 (no preference either way).
        if (reverse && !allZero(scores, feasible.count)) for (let i = 0; i < feasible.count; i++) scores[i] = MAX_NODE_SCORE - scores[i]!;
      };
    }
  }
  return plugin;
}

function allZero(scores: Float64Array, count: number): boolean {
  for (let i = 0; i < count; i++) if (scores[i] !== 0) return false;
  return true;
}

/** The context a user's hooks get: facts of the cluster now, the plugin's stream, its args. */
class UserContext implements PluginContext {
  view: ClusterView | null = null;

  constructor(private readonly plugin: string, readonly args: unknown, private readonly stream: RandomSource | undefined) {}

  get nodeCount(): number {
    return this.view?.liveNodeCount ?? 0;
  }

  random(): number {
    if (this.stream === undefined) throw new Error(`plugin ${this.plugin}: ctx.random() is not available here (no seeded run)`);
    return this.stream.int(RANDOM_STEPS) / RANDOM_STEPS;
  }
}

/** ctx.random() resolution: 2^32 steps in [0, 1). */
const RANDOM_STEPS = 0x100000000;

/** A value as an error message shows it: short, one line. */
function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined || typeof v === 'bigint') return String(v);
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v)) return 'an array';
  return 'an object';
}
