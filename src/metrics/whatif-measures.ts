import type { ClusterView } from '../cluster/cluster-view.js';
import type { NodeId, PodId } from '../model/ids.js';
import { CPU, MEMORY } from '../model/resources.js';
import { strandedPct } from './stranded-capacity.js';
import type { MetricDef, ReplayedPod } from './types.js';

/**
 * The what-if measures of a replay (whatif-runs.csv, whatif-summary.csv and the page's
 * "What if" section), in report order, each taken once of the snapshot as loaded and
 * once of the cluster at the end of every run, so every policy is compared with the
 * cluster's real placement.
 */
export const WHATIF_MEASURES: readonly MetricDef[] = [
  { id: 'pods_moved', label: 'Pods moved', unit: 'pods', higherIsBetter: false, definition: 'Replayed pods that the snapshot had on a node and that are bound to another node at the end (0 in the snapshot).' },
  { id: 'pods_unschedulable', label: 'Pods not placed', unit: 'pods', higherIsBetter: false, definition: 'Replayed pods not bound at the end (in the snapshot: the replayed pods it has pending).' },
  { id: 'nodes_empty', label: 'Nodes left empty', unit: 'count', higherIsBetter: true, definition: 'Live nodes holding no pods but DaemonSet and mirror (static) pods: nodes a drain would empty, which could be removed.' },
  { id: 'cpu_alloc_in_use_pct', label: 'CPU allocated (nodes in use)', unit: '%', higherIsBetter: true, definition: 'Bound pods\' CPU requests over the allocatable CPU of the live nodes not left empty.' },
  { id: 'mem_alloc_in_use_pct', label: 'Memory allocated (nodes in use)', unit: '%', higherIsBetter: true, definition: 'As CPU allocated (nodes in use), for memory.' },
  { id: 'stranded_cpu_pct', label: 'Stranded CPU', unit: '%', higherIsBetter: false, definition: 'Free CPU on live nodes where none of the replayed pods\' shapes (request vectors) fits, as a share of all free CPU (the catalogue\'s frag_cpu_pct, with the replayed pods as the workload).' },
  { id: 'stranded_mem_pct', label: 'Stranded memory', unit: '%', higherIsBetter: false, definition: 'As stranded CPU, for memory.' },
];

/** What measureWhatifCluster needs besides the cluster. */
export interface WhatifClusterInput {
  /** DaemonSet and mirror pods: a node holding only these counts as empty. */
  readonly nodePods: ReadonlySet<PodId>;
  /** The request vectors of the replayed pods (distinctShapes), for stranded capacity. */
  readonly shapes: readonly Float64Array[];
}

/**
 * The cluster-level what-if measures (nodes_empty, cpu_alloc_in_use_pct, mem_alloc_in_use_pct,
 * stranded_cpu_pct, stranded_mem_pct) of a cluster as it stands; the pod counts are
 * whatifPodCounts'.
 */
export function measureWhatifCluster(view: ClusterView, input: WhatifClusterInput): Record<string, number> {
  const { dims, allocatable, requested } = view;
  let empty = 0;
  const req = [0, 0];
  const alloc = [0, 0];
  for (const n of view.nodeOrder()) {
    const node = n as NodeId;
    if (view.podsOn(node).every((id) => input.nodePods.has(id))) {
      empty++;
      continue;
    }
    [CPU, MEMORY].forEach((d, k) => {
      req[k]! += requested[node * dims + d]!;
      alloc[k]! += allocatable[node * dims + d]!;
    });
  }
  const pct = (k: number) => (alloc[k]! > 0 ? (req[k]! / alloc[k]!) * 100 : Number.NaN);
  return {
    nodes_empty: empty,
    cpu_alloc_in_use_pct: pct(0),
    mem_alloc_in_use_pct: pct(1),
    stranded_cpu_pct: strandedPct(view, input.shapes, CPU),
    stranded_mem_pct: strandedPct(view, input.shapes, MEMORY),
  };
}

/** pods_moved and pods_unschedulable of a run's replayed pods. */
export function whatifPodCounts(pods: readonly ReplayedPod[]): Record<string, number> {
  let moved = 0;
  let unschedulable = 0;
  for (const p of pods) {
    if (p.outcome === 'unschedulable') unschedulable++;
    else if (p.outcome === 'moved' && p.nodeBefore !== '') moved++;
  }
  return { pods_moved: moved, pods_unschedulable: unschedulable };
}
