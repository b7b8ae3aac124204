import type { ClusterView } from '../cluster/cluster-view.js';
import type { Framework } from './framework.js';
import { runPreFilters } from './run-plugins.js';
import type { CycleContext, StatusCode } from './types.js';
import { PASS, Rejection, SKIP } from './types.js';
import { verdictStatus } from './verdict.js';
import type { NodeId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';

/**
 * Runs a framework's PreFilter and Filter chain for one pod against single nodes of the
 * cluster as it is right now: the slow, exact what-if that preemption and the
 * nominated-node check use. PreFilter reruns on every `fits` call because the caller
 * changes the cluster between calls (it unbinds and rebinds candidate victims), which
 * stands in for kube's AddPod/RemovePod PreFilter extensions. Buffers are reused.
 */
export class NodeFitChecker {
  private readonly states: unknown[];
  /** The pod and view the states were computed for, and whether a PreFilter rejected it. */
  private lastPod: CompiledPod | null = null;
  private lastView: ClusterView | null = null;
  private lastRejected = false;
  private lastNodesVersion = -1;

  constructor(readonly fw: Framework) {
    this.states = new Array<unknown>(fw.filters.length);
  }

  /**
   * PreFilter, then every filter on `node` in profile order; true when all pass. For the
   * same pod and view as the previous call, and no node changed since (nodesVersion), only
   * the PreFilters that read bound pods (Plugin.preFilterReadsPods) run again: binding and
   * unbinding pods leaves every other PreFilter's result as it was.
   */
  fits(view: ClusterView, pod: CompiledPod, node: NodeId): boolean {
    const cx: CycleContext = { view };
    // A new pod, a new view, changed nodes, or a rejection that unbinding pods may have
    // lifted: run every PreFilter.
    if (pod !== this.lastPod || view !== this.lastView || view.nodesVersion !== this.lastNodesVersion || this.lastRejected) {
      this.lastPod = pod;
      this.lastView = view;
      this.lastNodesVersion = view.nodesVersion;
      this.lastRejected = runPreFilters(this.fw, cx, pod, this.states) !== null;
      if (this.lastRejected) return false;
    } else {
      const filters = this.fw.filters;
      for (let f = 0; f < filters.length; f++) {
        const p = filters[f]!;
        if (!p.preFilter || !p.preFilterReadsPods) continue;
        const st = p.preFilter(cx, pod);
        if (st instanceof Rejection) return false;
        this.states[f] = st;
      }
    }
    return this.firstFailure(cx, pod, node) < 0;
  }

  /**
   * Status of every live node in nodeOrder for this pod, as the failed cycle's
   * NodeToStatus map holds them: the first failing filter's status code per node, or
   * the PreFilter rejection's for all. Calls `each(node, status)` in nodeOrder.
   */
  statuses(view: ClusterView, pod: CompiledPod, each: (node: NodeId, status: StatusCode) => void): void {
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
    for (let i = 0; i < order.length; i++) {
      const node = order[i] as NodeId;
      let code: StatusCode = 'Success';
      for (let f = 0; f < filters.length; f++) {
        const st = this.states[f];
        if (st === SKIP) continue;
        const v = filters[f]!.filter!(cx, pod, node, st);
        if (v !== PASS) {
          code = verdictStatus(filters[f]!, v);
          break;
        }
      }
      each(node, code);
    }
  }

  /** Index of the first filter that rejects `node` (states already prepared), or -1. */
  private firstFailure(cx: CycleContext, pod: CompiledPod, node: NodeId): number {
    const filters = this.fw.filters;
    for (let f = 0; f < filters.length; f++) {
      const st = this.states[f];
      if (st === SKIP) continue;
      if (filters[f]!.filter!(cx, pod, node, st) !== PASS) return f;
    }
    return -1;
  }
}
