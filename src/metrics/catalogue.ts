import type { MetricDef } from './types.js';

/**
 * Every deterministic per-run metric, in report order. Each definition is what the code
 * in this folder computes; the report and the README print them.
 */
export const METRICS = [
  { id: 'pods_arrived', label: 'Pods arrived', unit: 'pods', higherIsBetter: null, definition: 'Workload pods created during the run (arrivals, plus pods bound at time 0); a pod recreated by its controller counts once.' },
  { id: 'pods_scheduled', label: 'Pods scheduled', unit: 'pods', higherIsBetter: true, definition: 'Workload pods bound at least once (one that later completed, or was evicted or preempted, still counts).' },
  { id: 'pods_unschedulable_end', label: 'Unschedulable at end', unit: 'pods', higherIsBetter: false, definition: 'Workload pods pending at the end whose last scheduling attempt failed.' },
  { id: 'pods_pending_end', label: 'Pending at end', unit: 'pods', higherIsBetter: false, definition: 'Workload pods not bound at the end (unschedulable, in backoff, or not yet tried), including the replacement of a pod that was bound and then evicted or preempted. Such a pod counts in pods_scheduled too, so pods_scheduled + pods_pending_end is pods_arrived plus the replacements pending at the end (pods_arrived = pods_scheduled + the pending pods never bound).' },
  { id: 'attempts', label: 'Scheduling attempts', unit: 'count', higherIsBetter: false, definition: 'Scheduling cycles run (first attempts and retries).' },
  { id: 'preemptions', label: 'Preemptions', unit: 'count', higherIsBetter: false, definition: 'Pods deleted as preemption victims.' },
  { id: 'preemptions_pdb_violating', label: 'Preemptions violating a PDB', unit: 'count', higherIsBetter: false, definition: 'Preemption victims whose deletion took a PodDisruptionBudget below zero allowed disruptions (the scheduler deletes victims directly, so a budget does not stop preemption; kube only prefers nodes where fewer victims violate one).' },
  { id: 'evictions', label: 'Evictions', unit: 'count', higherIsBetter: false, definition: 'Pods deleted by node failure or drain.' },
  { id: 'drain_evictions_refused', label: 'Drain evictions refused', unit: 'count', higherIsBetter: false, definition: 'Eviction requests of node drains that a PodDisruptionBudget refused (kube\'s eviction API answers 429; the drain asks again 5 s later, until the pod is gone or the node recovers).' },
  { id: 'cpu_alloc_mean_pct', label: 'CPU allocated (time mean)', unit: '%', higherIsBetter: true, definition: 'Sum of bound pods\' CPU requests over the sum of live nodes\' allocatable CPU, averaged over simulated time (each sample weighted by the time until the next).' },
  { id: 'cpu_alloc_end_pct', label: 'CPU allocated (end)', unit: '%', higherIsBetter: true, definition: 'The same ratio at the end of the run.' },
  { id: 'mem_alloc_mean_pct', label: 'Memory allocated (time mean)', unit: '%', higherIsBetter: true, definition: 'As CPU allocated (time mean), for memory.' },
  { id: 'mem_alloc_end_pct', label: 'Memory allocated (end)', unit: '%', higherIsBetter: true, definition: 'As CPU allocated (end), for memory.' },
  { id: 'gpu_alloc_mean_pct', label: 'GPU allocated (time mean)', unit: '%', higherIsBetter: true, definition: 'Allocated GPU over the GPU of live nodes in milli-GPU, counting both GPU models: the GPU-sharing model (allocatable alibabacloud.com/gpu-count GPUs of 1000 milli each, shares allocated by the pods\' GPU annotations) and the extended resource nvidia.com/gpu (a whole GPU is 1000 milli): (shared milli allocated + 1000 x nvidia.com/gpu requested) / (shared milli + 1000 x nvidia.com/gpu allocatable), averaged over simulated time; NaN when the cluster has neither.' },
  { id: 'gpu_alloc_end_pct', label: 'GPU allocated (end)', unit: '%', higherIsBetter: true, definition: 'The same ratio at the end of the run.' },
  { id: 'gpu_frag_pct', label: 'GPU fragmentation (end)', unit: '%', higherIsBetter: false, definition: 'The FGD paper\'s fragmentation rate at the end: fragmented milli-GPU (each node\'s F_n measured against the typical task shapes of the pods that arrived, covering 95% of them) over idle milli-GPU; NaN without GPUs or idle GPU.' },
  { id: 'nodes_in_use_end', label: 'Nodes in use (end)', unit: 'count', higherIsBetter: null, definition: 'Live nodes with at least one bound pod at the end.' },
  { id: 'frag_cpu_pct', label: 'Stranded CPU (end)', unit: '%', higherIsBetter: false, definition: 'Free CPU on nodes where none of the workload\'s pod shapes fits (every resource of the shape must fit in what the node has free), as a share of all free CPU, at the end. A shape is the request vector of an arrived pod.' },
  { id: 'frag_mem_pct', label: 'Stranded memory (end)', unit: '%', higherIsBetter: false, definition: 'As stranded CPU, for memory.' },
  { id: 'balance_cv', label: 'CPU imbalance (CV)', unit: 'ratio', higherIsBetter: false, definition: 'Coefficient of variation (population standard deviation over mean) of per-node CPU allocation at the end, over live nodes; 0 is perfectly even.' },
  { id: 'max_spread_skew', label: 'Max spread skew', unit: 'pods', higherIsBetter: false, definition: 'Over every workload (pods sharing an owner) and every topology key (zone, hostname): the largest difference between the most and least loaded domain in that workload\'s running pods, counting every domain of the cluster; the maximum of these at the end.' },
  { id: 'preferred_affinity_satisfied_pct', label: 'Preferred terms satisfied', unit: '%', higherIsBetter: true, definition: 'Of the preferred node-affinity and pod-(anti-)affinity terms of pods running at the end, the weight-weighted share satisfied where the pod runs; NaN when no running pod has one.' },
  { id: 'queue_delay_p50_s', label: 'Queueing delay p50', unit: 's', higherIsBetter: false, definition: 'Simulated seconds from a pod\'s arrival to its first bind, median over pods that were bound.' },
  { id: 'queue_delay_p95_s', label: 'Queueing delay p95', unit: 's', higherIsBetter: false, definition: 'As above, 95th percentile.' },
  { id: 'queue_delay_p99_s', label: 'Queueing delay p99', unit: 's', higherIsBetter: false, definition: 'As above, 99th percentile.' },
] as const satisfies readonly MetricDef[];

/** A catalogue metric's id: measureRun's values are keyed by these, so a typo does not compile. */
export type MetricId = (typeof METRICS)[number]['id'];

/** Metric ids in catalogue order. */
export const METRIC_IDS: readonly string[] = METRICS.map((m) => m.id);
