import type { ClusterView } from '../cluster/cluster-view.js';
import type { Framework } from './framework.js';
import type { NominatedPods } from './nominated-pods.js';
import { NO_NOMINATED_PODS } from './nominated-pods.js';
import { WhatIf } from './what-if.js';
import type { FilterRejection } from './run-plugins.js';
import { runFilters, runPreFilters } from './run-plugins.js';
import type { CycleContext, FitChecker, StatusCode } from './types.js';
import { Rejection } from './types.js';
import { verdictStatus } from './verdict.js';
import type { NodeId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';

/**
 * Runs a framework's PreFilter and Filter chain for one pod against single nodes of the
 * cluster as it is right now (the nominated-node check, the statuses preemption starts
 * from), and opens what-ifs over it (whatIf: preemption's dry runs, the pass with
 * nominated pods). The PreFilters that read bound pods run again on every call, since
 * the cluster may have changed since the last one. Buffers are reused.
 */
export class NodeFitChecker implements FitChecker {
  private readonly states: unknown[];
  /** The pod and view the states were computed for, and whether a PreFilter rejected it. */
  private lastPod: CompiledPod | null = null;
  private lastView: ClusterView | null = null;
  private lastRejected = false;
  private lastNodesVersion = -1;
  private session: WhatIf | null = null;
  /** The filter whose PreFilter rejected the pod in the last prepare(), or -1. */
  private rejectedBy = -1;
  private readonly lastRejection: FilterRejection = { verdict: 0 };
  /** The verdict of the last rejection found (rejection(), statuses()). */
  rejectedVerdict = 0;

  constructor(readonly fw: Framework) {
    this.states = new Array<unknown>(fw.filters.length);
  }

  /**
   * PreFilter and Filter on `node` as kube's RunFilterPluginsWithNominatedPods runs them:
   * true when the pod fits both with the pods `nominated` to the node that the pod must
   * respect (priority >= its own) and without them (see NominatedPods).
   */
  fitsWithNominated(view: ClusterView, pod: CompiledPod, node: NodeId, nominated: NominatedPods = NO_NOMINATED_PODS): boolean {
    if (!this.fits(view, pod, node)) return false;
    if (nominated.size === 0 || !nominated.affects(node, pod)) return true;
    // fits() just brought the PreFilter states up to date for this view: start from them.
    const w = (this.session ??= new WhatIf(this.fw));
    w.begin(view, pod, this.states);
    w.focus(node);
    return w.nominatedRejection(nominated) < 0;
  }

  /**
   * A what-if session for `pod` over `view` (see WhatIf), from the PreFilter states of
   * the view as it is now; null when a PreFilter rejects the pod outright (then no
   * what-if can make it fit: kube's PreFilter runs once per cycle). The session is the
   * checker's own and is restarted by the next call.
   */
  whatIf(view: ClusterView, pod: CompiledPod): WhatIf | null {
    if (!this.prepare(view, pod)) return null;
    const w = (this.session ??= new WhatIf(this.fw));
    w.begin(view, pod, this.states);
    return w;
  }

  /**
   * The first filter (profile order) that rejects `node` for `pod` in `view`, with its
   * verdict in rejectedVerdict; -1 when every filter passes. A PreFilter that rejects the
   * pod outright in this view is charged to its filter with its first reason (kube's
   * PreFilters do not reject on bound pods, so this is not expected to happen).
   */
  rejection(view: ClusterView, pod: CompiledPod, node: NodeId): number {
    if (!this.prepare(view, pod)) {
      this.rejectedVerdict = 1;
      return this.rejectedBy;
    }
    return this.firstFailure({ view }, pod, node);
  }

  /**
   * PreFilter, then every filter on `node` in profile order; true when all pass. For the
   * same pod and view as the previous call, and no node changed since (nodesVersion), only
   * the PreFilters that read bound pods (Plugin.preFilterReadsPods) run again: binding and
   * unbinding pods leaves every other PreFilter's result as it was.
   */
  fits(view: ClusterView, pod: CompiledPod, node: NodeId): boolean {
    return this.prepare(view, pod) && this.firstFailure({ view }, pod, node) < 0;
  }

  /**
   * Brings the PreFilter states up to date for `pod` in `view`; false when a PreFilter
   * rejects the pod. A new pod, a new view, changed nodes, or a rejection that unbinding
   * pods may have lifted: every PreFilter runs; otherwise only those that read bound pods.
   */
  private prepare(view: ClusterView, pod: CompiledPod): boolean {
    const cx: CycleContext = { view };
    if (pod !== this.lastPod || view !== this.lastView || view.nodesVersion !== this.lastNodesVersion || this.lastRejected) {
      this.lastPod = pod;
      this.lastView = view;
      this.lastNodesVersion = view.nodesVersion;
      const rejected = runPreFilters(this.fw, cx, pod, this.states);
      this.lastRejected = rejected !== null;
      this.rejectedBy = rejected === null ? -1 : this.fw.filters.findIndex((p) => p.name === rejected.plugin);
      return !this.lastRejected;
    }
    const filters = this.fw.filters;
    for (let f = 0; f < filters.length; f++) {
      const p = filters[f]!;
      if (!p.preFilter || !p.preFilterReadsPods) continue;
      const st = p.preFilter(cx, pod);
      if (st instanceof Rejection) {
        this.lastRejected = true;
        this.rejectedBy = f;
        return false;
      }
      this.states[f] = st;
    }
    return true;
  }

  /**
   * Status of every live node in nodeOrder for this pod, as the failed cycle's
   * NodeToStatus map holds them: the first failing filter's status code per node, or
   * the PreFilter rejection's for all. A node with `nominated` pods the pod must respect
   * gets the status of the pass with them added when that pass fails (see
   * fitsWithNominated). Calls `each(node, status)` in nodeOrder.
   */
  statuses(view: ClusterView, pod: CompiledPod, each: (node: NodeId, status: StatusCode) => void, nominated: NominatedPods = NO_NOMINATED_PODS): void {
    const cx: CycleContext = { view };
    const order = view.nodeOrder();
    const rejected = runPreFilters(this.fw, cx, pod, this.states);
    this.lastPod = pod;
    this.lastView = view;
    this.lastNodesVersion = view.nodesVersion;
    this.lastRejected = rejected !== null;
    if (rejected !== null) {
      const code: StatusCode = rejected.rejection.unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
      for (let i = 0; i < order.length; i++) each(order[i] as NodeId, code);
      return;
    }
    const filters = this.fw.filters;
    let session: WhatIf | null = null;
    for (let i = 0; i < order.length; i++) {
      const node = order[i] as NodeId;
      let code: StatusCode = 'Success';
      const f = this.firstFailure(cx, pod, node);
      if (f >= 0) code = verdictStatus(filters[f]!, this.rejectedVerdict);
      if (nominated.size > 0 && nominated.affects(node, pod)) {
        if (session === null) {
          session = (this.session ??= new WhatIf(this.fw));
          session.begin(view, pod, this.states);
        }
        session.focus(node);
        const g = session.nominatedRejection(nominated);
        if (g >= 0) code = verdictStatus(filters[g]!, session.verdict);
      }
      each(node, code);
    }
  }

  /** Index of the first filter that rejects `node` (states already prepared; its verdict in rejectedVerdict), or -1. */
  private firstFailure(cx: CycleContext, pod: CompiledPod, node: NodeId): number {
    const f = runFilters(this.fw, cx, pod, node, this.states, this.lastRejection);
    if (f >= 0) this.rejectedVerdict = this.lastRejection.verdict;
    return f;
  }
}
