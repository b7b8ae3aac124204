import { mean, standardDeviation } from 'simple-statistics';
import type { ClusterView } from '../cluster/cluster-view.js';
import type { NodeId, Sym } from '../model/ids.js';
import { CPU, MEMORY } from '../model/resources.js';
import type { SimResult } from '../sim/types.js';
import type { CompiledPod } from '../model/pod.js';
import { groupOutcomes } from './group-outcomes.js';
import type { ControllerLookup } from './group-outcomes.js';
import { gpuAllocPct, gpuAmounts, gpuFragPct, nodeGpuAmounts, NVIDIA_GPU_RESOURCE } from './gpu-measures.js';
import { preferredSatisfiedPct } from './preferred-terms.js';
import { queueDelaysS, sortedQuantile } from './queue-delay.js';
import { maxSpreadSkew } from './spread-skew.js';
import { distinctShapes, strandedPct } from './stranded-capacity.js';
import { timeWeightedMean } from './time-weighted-mean.js';
import { largestZoneSharePct, provisionedByZone } from './provisioned-volumes.js';
import { statefulReplacementWaitsS } from './stateful-replacement-wait.js';
import { NODE_VOLUME_LIMITS, VOLUME_BINDING, VOLUME_RESTRICTIONS, VOLUME_ZONE } from '../model/volume-plugin-names.js';
import type { StorageFacts } from './storage-observer.js';
import { volumePendingEnd } from './volume-pending.js';
import type { VolumePending } from './volume-pending.js';
import type { MetricId } from './catalogue.js';
import type { Placement, RunKey, RunMetrics, TimePoint, ZoneVolumes } from './types.js';

/** What measureRun needs from one finished run. */
export interface RunOutcome {
  readonly key: RunKey;
  readonly result: SimResult;
  /** The cluster at the end of the run. */
  readonly view: ClusterView;
  /** The pods that arrived (the workload's shapes come from these). */
  readonly arrivedPods: readonly CompiledPod[];
  /** Keep per-pod placements (large). */
  readonly withPlacements: boolean;
  /**
   * What the run's StorageObserver (one of the simulation's observers) saw; the storage
   * metrics (pods_volume_pending_end to stateful_replacement_wait_max_s) are NaN without it.
   */
  readonly storage?: StorageFacts;
  /**
   * The cluster's workload objects (the run's WorkloadSet): with them, outcomes-by-group
   * puts a Deployment's pods in one group, `Deployment/<name>`, across its ReplicaSets;
   * without them each ReplicaSet is its own group.
   */
  readonly workloads?: ControllerLookup;
}

const SPREAD_KEYS = ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'];

/** Computes every catalogue metric (see catalogue.ts for definitions) plus series and timing. */
export function measureRun(o: RunOutcome): RunMetrics {
  const { result, view } = o;
  const nvidiaDim = view.model.resources.lookup(NVIDIA_GPU_RESOURCE);
  const pct = (req: Float64Array, alloc: Float64Array, d: number) => (alloc[d]! > 0 ? (req[d]! / alloc[d]!) * 100 : Number.NaN);
  const timeseries: TimePoint[] = result.samples.map((s) => ({
    tS: s.atS,
    running: s.running,
    pending: s.pending,
    cpuAllocPct: pct(s.requested, s.allocatable, CPU),
    memAllocPct: pct(s.requested, s.allocatable, MEMORY),
    gpuAllocPct: gpuAllocPct({
      tableTotalMilli: s.gpuMilliTotal,
      tableFreeMilli: s.gpuMilliFree,
      nvidiaRequested: nvidiaDim === undefined ? 0 : s.requested[nvidiaDim] ?? 0,
      nvidiaAllocatable: nvidiaDim === undefined ? 0 : s.allocatable[nvidiaDim] ?? 0,
    }),
  }));
  const times = timeseries.map((t) => t.tS);

  const nodes = [...view.nodeOrder()] as NodeId[];
  const { dims, allocatable, requested } = view;
  const share = (n: NodeId, d: number) => (allocatable[n * dims + d]! > 0 ? (requested[n * dims + d]! / allocatable[n * dims + d]!) * 100 : Number.NaN);
  const nodeUtilization = nodes.map((n) => ({
    node: view.model.symbols.text(view.nodeName[n] as Sym), cpuPct: share(n, CPU), memPct: share(n, MEMORY), gpuPct: gpuAllocPct(nodeGpuAmounts(view, n)),
  }));
  const totals = (d: number) => {
    let req = 0;
    let alloc = 0;
    for (const n of nodes) {
      if (d >= dims) continue;
      req += requested[n * dims + d]!;
      alloc += allocatable[n * dims + d]!;
    }
    return alloc > 0 ? (req / alloc) * 100 : Number.NaN;
  };

  const shapes = distinctShapes(o.arrivedPods.map((p) => p.requests));
  const delays = queueDelaysS(result.pods);
  const pending = o.storage === undefined ? undefined : volumePendingEnd(result, o.storage);
  const zones = o.storage === undefined ? undefined : provisionedByZone(o.storage);
  // Keyed by the catalogue's ids: a misspelt or missing metric fails to compile.
  const values: Record<MetricId, number> = {
    pods_arrived: result.counts.arrived,
    pods_scheduled: workloadPodsEverBound(result),
    pods_unschedulable_end: unschedulableAtEnd(result),
    pods_pending_end: result.counts.pending,
    attempts: result.cycles,
    preemptions: result.preemptedPods,
    preemptions_pdb_violating: result.pdbViolatingVictims,
    evictions: result.evictedPods,
    drain_evictions_refused: result.drainEvictionsRefused,
    cpu_alloc_mean_pct: timeWeightedMean(times, timeseries.map((t) => t.cpuAllocPct), result.endS),
    cpu_alloc_end_pct: totals(CPU),
    mem_alloc_mean_pct: timeWeightedMean(times, timeseries.map((t) => t.memAllocPct), result.endS),
    mem_alloc_end_pct: totals(MEMORY),
    gpu_alloc_mean_pct: timeWeightedMean(times, timeseries.map((t) => t.gpuAllocPct), result.endS),
    gpu_alloc_end_pct: gpuAllocPct(gpuAmounts(view)),
    gpu_frag_pct: gpuFragPct(view, o.arrivedPods),
    nodes_in_use_end: nodes.filter((n) => view.podsOn(n).length > 0).length,
    frag_cpu_pct: strandedPct(view, shapes, CPU),
    frag_mem_pct: strandedPct(view, shapes, MEMORY),
    balance_cv: coefficientOfVariation(nodeUtilization.map((u) => u.cpuPct).filter(Number.isFinite)),
    max_spread_skew: maxSpreadSkew(view, SPREAD_KEYS.map((k) => view.model.symbols.intern(k))),
    preferred_affinity_satisfied_pct: preferredSatisfiedPct(view),
    queue_delay_p50_s: sortedQuantile(delays, 0.5),
    queue_delay_p95_s: sortedQuantile(delays, 0.95),
    queue_delay_p99_s: sortedQuantile(delays, 0.99),
    ...storageValues(result, o.storage, pending, zones),
  };

  const cycles = Float64Array.from(result.cycleNs).sort();
  let wallNs = 0;
  for (const c of cycles) wallNs += c;
  const placements: Placement[] | null = o.withPlacements
    ? result.pods.map((r) => ({ pod: r.name, node: r.node ?? '', arrivalS: r.arrivalS, bindS: r.bindS, outcome: r.outcome, attempts: r.attempts }))
    : null;
  return {
    key: o.key,
    values,
    timing: {
      cycles: result.cycles,
      cycleP50Us: sortedQuantile(cycles, 0.5) / 1000,
      cycleP99Us: sortedQuantile(cycles, 0.99) / 1000,
      podsPerS: wallNs > 0 ? (cycles.length / wallNs) * 1e9 : Number.NaN,
    },
    timeseries,
    nodeUtilization,
    queueDelayQuantilesS: Array.from({ length: 101 }, (_, i) => sortedQuantile(delays, i / 100)),
    placements,
    groups: groupOutcomes(result, o.arrivedPods, o.workloads),
    // Absent, not empty, without the observer: empty lists would say "no pod, no volume".
    ...(pending !== undefined && zones !== undefined ? { volumes: { pendingByReason: pending.byReason, provisionedByZone: zones } } : {}),
  };
}

/** The storage metrics, from what the run's StorageObserver saw (pending and zones computed from it); NaN each without it. */
function storageValues(result: SimResult, facts: StorageFacts | undefined, pending: VolumePending | undefined, zones: readonly ZoneVolumes[] | undefined) {
  if (facts === undefined || pending === undefined || zones === undefined) {
    return {
      pods_volume_pending_end: Number.NaN, volume_binding_pending_end: Number.NaN, volume_zone_pending_end: Number.NaN,
      volume_restrictions_pending_end: Number.NaN, node_volume_limits_pending_end: Number.NaN, volumes_provisioned: Number.NaN,
      volumes_provisioned_max_zone_pct: Number.NaN, stateful_replacement_wait_mean_s: Number.NaN, stateful_replacement_wait_max_s: Number.NaN,
    };
  }
  const waits = statefulReplacementWaitsS(facts, result.endS);
  return {
    pods_volume_pending_end: pending.pods,
    volume_binding_pending_end: pending.byPlugin.get(VOLUME_BINDING)!,
    volume_zone_pending_end: pending.byPlugin.get(VOLUME_ZONE)!,
    volume_restrictions_pending_end: pending.byPlugin.get(VOLUME_RESTRICTIONS)!,
    node_volume_limits_pending_end: pending.byPlugin.get(NODE_VOLUME_LIMITS)!,
    volumes_provisioned: facts.provisioned.length,
    volumes_provisioned_max_zone_pct: largestZoneSharePct(zones),
    stateful_replacement_wait_mean_s: waits.length === 0 ? Number.NaN : mean(waits),
    stateful_replacement_wait_max_s: waits.length === 0 ? Number.NaN : Math.max(...waits),
  };
}

/**
 * Workload pods whose last incarnation is pending with a failure on record. A workload
 * pod's last incarnation is its one record not replaced (replacedBy -1): no map by
 * workload pod is needed to find it.
 */
function unschedulableAtEnd(result: SimResult): number {
  let n = 0;
  for (const r of result.pods) if (r.replacedBy === -1 && r.outcome === 'pending' && r.lastDiagnosis !== null) n++;
  return n;
}

/** Workload pods bound at least once, in any incarnation (flags by workload pod id, which is a pod id). */
function workloadPodsEverBound(result: SimResult): number {
  let top = -1;
  for (const r of result.pods) if (r.workloadPodId > top) top = r.workloadPodId;
  const bound = new Uint8Array(top + 1);
  let n = 0;
  for (const r of result.pods) {
    if (r.bindS === null || bound[r.workloadPodId] === 1) continue;
    bound[r.workloadPodId] = 1;
    n++;
  }
  return n;
}

/** Population standard deviation over mean; NaN for an empty list or a zero mean. */
function coefficientOfVariation(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const m = mean(xs);
  return m === 0 ? Number.NaN : standardDeviation(xs) / m;
}
