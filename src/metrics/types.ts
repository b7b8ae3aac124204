/**
 * What runs measured, as plain data: metrics never hold references into the simulator or
 * the cluster, so the report (which imports only these types) cannot reach back upstream.
 */

/** One run: a scenario replayed under one policy with one seed. */
export interface RunKey {
  readonly scenario: string;
  readonly policy: string;
  readonly seed: number;
}

/** Units a metric can be in (shown in reports). */
export type MetricUnit = 'pods' | 'count' | '%' | 's' | 'ratio';

/** A deterministic per-run metric: its id (a CSV column), meaning and direction. */
export interface MetricDef {
  /** snake_case id, the runs.csv column. */
  readonly id: string;
  readonly label: string;
  readonly unit: MetricUnit;
  /** true: higher is better; false: lower is better; null: neither. */
  readonly higherIsBetter: boolean | null;
  /** How it is computed, in a sentence or two; printed in the report and the README. */
  readonly definition: string;
}

/** One sample of the cluster over simulated time. */
export interface TimePoint {
  readonly tS: number;
  readonly running: number;
  readonly pending: number;
  readonly cpuAllocPct: number;
  readonly memAllocPct: number;
  /** NaN when the cluster has no GPUs. */
  readonly gpuAllocPct: number;
}

/** Wall-clock measurements of one run (never part of a deterministic output). */
export interface RunTiming {
  readonly cycles: number;
  readonly cycleP50Us: number;
  readonly cycleP99Us: number;
  /** Scheduling cycles per second of scheduler wall time. */
  readonly podsPerS: number;
}

/** One pod's placement (placements.csv, opt-in). */
export interface Placement {
  readonly pod: string;
  readonly node: string;
  readonly arrivalS: number;
  readonly bindS: number | null;
  readonly outcome: string;
  readonly attempts: number;
}

/**
 * What became of one group of workload pods in one run: the pods of one workload (a
 * Deployment's pods as `Deployment/<name>`, other pods by their controller `<kind>/<name>`,
 * "(no owner)" for bare pods) or of one priority band (the priority value, with its
 * PriorityClass when it has one). So a policy that helps batch by hurting services shows it.
 */
export interface GroupOutcome {
  readonly by: 'workload' | 'priority';
  readonly group: string;
  /** Workload pods of the group (one per arrival or initial pod, whatever its incarnations). */
  readonly pods: number;
  /** Of those, pending at the end after a failed attempt (as pods_unschedulable_end). */
  readonly unschedulableEnd: number;
  /** Queueing delay quantiles over the group's bound pods (as queue_delay_*); NaN when none was bound. */
  readonly delayP50S: number;
  readonly delayP95S: number;
  readonly delayP99S: number;
}

/** Everything one run measured. */
export interface RunMetrics {
  readonly key: RunKey;
  /** Metric id -> value, for every id of the metric catalogue (NaN when undefined). */
  readonly values: Readonly<Record<string, number>>;
  readonly timing: RunTiming;
  readonly timeseries: readonly TimePoint[];
  /**
   * Per live node at the end, in percent: requested over allocatable CPU and memory, and
   * allocated GPU as gpu_alloc_end_pct measures it over the whole cluster (gpuAllocPct; NaN
   * for a node without GPUs).
   */
  readonly nodeUtilization: readonly { readonly node: string; readonly cpuPct: number; readonly memPct: number; readonly gpuPct: number }[];
  /** Queueing delay (first bind minus arrival, simulated seconds) at quantiles 0, 0.01, ..., 1. */
  readonly queueDelayQuantilesS: readonly number[];
  readonly placements: readonly Placement[] | null;
  /** Outcomes by workload, then by priority band, each in order of first arrival; absent from older cell results. */
  readonly groups?: readonly GroupOutcome[];
  /**
   * Pods pending at the end because of volumes, per plugin and reason, and the volumes
   * provisioned per zone (volumes-pending-by-reason.csv, volumes-by-zone.csv); absent when
   * the run had no storage observer (and from older cell results).
   */
  readonly volumes?: RunVolumes;
}

/**
 * A run's storage outcome row by row (the catalogue's storage metrics are its totals):
 * pendingByReason in VOLUME_PLUGINS order (VolumeBinding, VolumeZone, VolumeRestrictions,
 * NodeVolumeLimits: not kube's default profile order, but the tables' order since they
 * were first written) then by reason text; provisionedByZone by zone text, '' for nodes
 * without a zone label.
 */
export interface RunVolumes {
  readonly pendingByReason: readonly VolumePendingReason[];
  readonly provisionedByZone: readonly ZoneVolumes[];
}

/** A metric across the seeds of one scenario x policy, compared with the baseline policy. */
export interface MetricSummary {
  readonly scenario: string;
  readonly policy: string;
  readonly metric: string;
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n - 1); NaN for n < 2. */
  readonly sd: number;
  /** 95% confidence interval of the mean, Student t with n - 1 degrees of freedom. */
  readonly ci95Low: number;
  readonly ci95High: number;
  readonly baseline: string;
  /** (mean - baseline mean) / |baseline mean| in percent; NaN for the baseline itself or a zero baseline. */
  readonly relDiffPct: number;
  /** Two-sided p-value of the test against the baseline; NaN for the baseline itself. */
  readonly pValue: number;
  /** Which test gave pValue. */
  readonly test: string;
}

/**
 * What became of one pod a replay placed again (whatif.csv):
 *   same           bound, at the end, to the node the snapshot had it on;
 *   moved          bound to another node (for a pod pending in the snapshot: bound at all);
 *   unschedulable  not bound at the end (never placed, or preempted and not placed again).
 */
export type ReplayOutcome = 'same' | 'moved' | 'unschedulable';

/** One replayed pod of one run (a row of whatif.csv less the run's key). */
export interface ReplayedPod {
  readonly namespace: string;
  readonly pod: string;
  /**
   * The pod's workload: its controller, or that controller's own controller when the
   * snapshot holds the controller and names one (a ReplicaSet's Deployment, a Job's CronJob).
   */
  readonly ownerKind: string;
  readonly owner: string;
  /** The node the snapshot has the pod on; '' for a pod pending there. */
  readonly nodeBefore: string;
  /** The node it is bound to at the end of the run; '' when it is not bound. */
  readonly nodeAfter: string;
  readonly outcome: ReplayOutcome;
}

/**
 * A replay run's what-if data: every replayed pod, and the what-if measures
 * (WHATIF_MEASURES, by id) of the snapshot as loaded (`dump`) and of the cluster at the
 * end of the run (`after`).
 */
export interface WhatifRun {
  readonly pods: readonly ReplayedPod[];
  readonly dump: Readonly<Record<string, number>>;
  readonly after: Readonly<Record<string, number>>;
}

/**
 * One what-if measure of one policy across seeds, against the snapshot's own placement:
 * the statistics summary.csv gives a metric against the baseline policy, with the
 * snapshot's value in the baseline's place.
 */
export interface WhatifSummary {
  readonly policy: string;
  readonly measure: string;
  /** Seeds with a value. */
  readonly n: number;
  /** The snapshot's value (mean over the seeds with a value; the same in every run). */
  readonly dump: number;
  readonly mean: number;
  /** Sample standard deviation (n - 1); NaN for n < 2. */
  readonly sd: number;
  readonly ci95Low: number;
  readonly ci95High: number;
  /** mean - dump. */
  readonly diff: number;
  /** (mean - dump) / |dump| in percent; NaN for a zero dump value. */
  readonly relDiffPct: number;
  /** Two-sided p-value of the sign-flip test on the per-seed differences from the dump; NaN when not run. */
  readonly pValue: number;
}

/**
 * Workload pods pending at the end on one volume reason (one row of a per-reason table):
 * kube's reason text (a Filter reason, or the PreFilter message) and the volume plugin
 * that gave it. A pod refused for several reasons counts in each of their rows.
 */
export interface VolumePendingReason {
  readonly plugin: string;
  readonly reason: string;
  readonly pods: number;
}

/** The volumes provisioned during a run in one zone ('' for nodes without a zone label). */
export interface ZoneVolumes {
  readonly zone: string;
  readonly volumes: number;
}
