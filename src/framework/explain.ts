import type { ClusterView } from '../cluster/cluster-view.js';
import type { NodeId, Sym } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import type { Framework } from './framework.js';
import type { NominatedPods } from './nominated-pods.js';
import { NO_NOMINATED_PODS } from './nominated-pods.js';
import { WhatIf } from './what-if.js';
import { runPreFilters, runScorePlugins } from './run-plugins.js';
import type { CycleContext, StatusCode } from './types.js';
import { PASS, SKIP } from './types.js';
import { verdictReasons, verdictStatus } from './verdict.js';

/** One filter plugin's answer for one node. */
export interface FilterRow {
  readonly plugin: string;
  readonly status: StatusCode;
  readonly reasons: readonly string[];
}

/** One score plugin's numbers for one feasible node. */
export interface ScoreRow {
  readonly plugin: string;
  readonly weight: number;
  /** null when the plugin's PreScore returned Skip. */
  readonly raw: number | null;
  readonly normalized: number;
  readonly weighted: number;
}

export interface NodeExplanation {
  readonly node: string;
  readonly feasible: boolean;
  readonly filters: readonly FilterRow[];
  /** Empty for infeasible nodes. */
  readonly scores: readonly ScoreRow[];
  readonly total: number | null;
}

/** Why a pod would land where it lands: every plugin's verdict and score on every node. */
export interface Explanation {
  readonly pod: string;
  readonly profile: string;
  readonly preFilter: readonly { readonly plugin: string; readonly result: 'ran' | 'skip' | 'reject'; readonly message?: string }[];
  readonly nodes: readonly NodeExplanation[];
  /** Nodes sharing the highest total (the scheduler picks one of them at random). */
  readonly best: readonly string[];
}

/**
 * Explains one pod against a cluster with the same plugins scheduleOne runs (explain is a
 * mode, not a second implementation). Unlike scheduleOne it runs every filter on every
 * node (no first-failure cut, no percentageOfNodesToScore) and scores every feasible node,
 * so a person tuning a profile sees the whole picture. It is the slow path. A node with
 * `nominated` pods the pod must respect is filtered with them added, then without, as
 * scheduleOne does; when the pass with them fails, its rows are the node's, each reason
 * saying so. Scores never see nominated pods.
 */
export function explain(fw: Framework, view: ClusterView, pod: CompiledPod, nominated: NominatedPods = NO_NOMINATED_PODS): Explanation {
  const cx: CycleContext = { view };
  const { symbols } = view.model;
  const podName = `${symbols.text(pod.namespace)}/${pod.name}`;
  const order = view.nodeOrder();
  const name = (n: number) => symbols.text(view.nodeName[n] as Sym);
  const state: unknown[] = new Array(fw.filters.length);
  const rejected = runPreFilters(fw, cx, pod, state);
  const preFilter = fw.filters.filter((p) => p.preFilter).map((p) => {
    if (rejected?.plugin === p.name) return { plugin: p.name, result: 'reject' as const, message: rejected.rejection.message };
    return { plugin: p.name, result: state[fw.filters.indexOf(p)] === SKIP ? ('skip' as const) : ('ran' as const) };
  });
  if (rejected !== null) {
    const status: StatusCode = rejected.rejection.unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
    const nodes = [...order].map((n) => ({
      node: name(n), feasible: false, scores: [], total: null,
      filters: [{ plugin: rejected.plugin, status, reasons: [rejected.rejection.message] }],
    }));
    return { pod: podName, profile: fw.profile.name, preFilter, nodes, best: [] };
  }

  let whatIf: WhatIf | null = null;
  const filterRows = [...order].map((n) => {
    const plain = filterRowsOf(fw, cx, pod, n as NodeId, state);
    if (nominated.size === 0 || !nominated.affects(n as NodeId, pod)) return plain;
    if (whatIf === null) {
      whatIf = new WhatIf(fw);
      whatIf.begin(view, pod, state);
    }
    whatIf.focus(n as NodeId);
    nominated.forEach(n as NodeId, pod, (p) => whatIf!.add(p));
    const added = filterRowsOf(fw, { view: whatIf.view }, pod, n as NodeId, whatIf.states);
    if (added.every(passes)) return plain;
    return added.map((row) => (passes(row) ? row : { ...row, reasons: row.reasons.map((t) => `${WITH_NOMINATED}${t}`) }));
  });
  const feasibleIdx = [...order.keys()].filter((k) => filterRows[k]!.every(passes));
  const ids = Int32Array.from(feasibleIdx.map((k) => order[k]!));
  const count = ids.length;
  const scores = fw.scorers.map(() => new Float64Array(count));
  const raw = fw.scorers.map(() => new Float64Array(count));
  const skipped = fw.scorers.map(() => false);
  const totals = new Float64Array(count);
  const uniform = count > 0 ? runScorePlugins(fw, cx, pod, { ids, count }, scores, totals, { raw, skipped }) : 0;
  for (let i = 0; i < count; i++) totals[i] += uniform;

  const maxTotal = count > 0 ? Math.max(...totals) : 0;
  const nodes: NodeExplanation[] = [...order].map((n, k) => {
    const f = feasibleIdx.indexOf(k);
    return {
      node: name(n),
      feasible: f >= 0,
      filters: filterRows[k]!,
      scores: f < 0 ? [] : fw.scorers.map((p, s) => ({
        plugin: p.name,
        weight: fw.weights[s]!,
        raw: skipped[s] ? null : raw[s]![f]!,
        normalized: scores[s]![f]!,
        weighted: scores[s]![f]! * fw.weights[s]!,
      })),
      total: f < 0 ? null : totals[f]!,
    };
  });
  const best = nodes.filter((n) => n.total === maxTotal && n.feasible).map((n) => n.node);
  return { pod: podName, profile: fw.profile.name, preFilter, nodes, best };
}

/** How a reason found with the node's nominated pods added begins. */
const WITH_NOMINATED = 'with the pods nominated to this node: ';

function passes(row: FilterRow): boolean {
  return row.status === 'Success' || row.status === 'Skip';
}

/** Every filter plugin's answer for one node, PreFilter states given. */
function filterRowsOf(fw: Framework, cx: CycleContext, pod: CompiledPod, node: NodeId, state: readonly unknown[]): FilterRow[] {
  return fw.filters.map((p, i): FilterRow => {
    const st = state[i];
    if (st === SKIP) return { plugin: p.name, status: 'Skip', reasons: [] };
    const v = p.filter!(cx, pod, node, st);
    return { plugin: p.name, status: verdictStatus(p, v), reasons: v === PASS ? [] : verdictReasons(p, cx, pod, node, v, st) };
  });
}
