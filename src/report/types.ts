/**
 * The report's vocabulary: what a report is made from (ReportData), the rows of each CSV
 * file (one flat row type per table) and the tables read back from a report folder.
 * Rows carry plain numbers; NaN stands for "undefined" and is written as an empty cell.
 */
import type { MetricDef, MetricSummary, ReplayedPod, RunMetrics, WhatifRun, WhatifSummary } from '../metrics/types.js';

/** One row of bench/'s bench.csv (wall-clock micro-benchmarks; read, never computed here). */
export interface BenchRow {
  readonly benchmark: string;
  readonly nodes: number;
  readonly existingPods: number;
  readonly percentageOfNodesToScore: number;
  readonly podsPerS: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly meanUs: number;
  readonly samples: number;
}

/** Title and context of a report, kept in report.json so a rebuilt page says the same. */
export interface ReportInfo {
  readonly title: string;
  /** What the report was made for: scenario names or files, in the caller's order. */
  readonly createdFor: readonly string[];
  /** Extra run facts as label/value pairs (version, options, ...), printed as given. */
  readonly info: readonly (readonly [string, string])[];
}

/** Everything the run command hands the report. */
export interface ReportData {
  readonly title: string;
  readonly createdFor: readonly string[];
  /** The metric catalogue, in report order; runs.csv gets one column per entry. */
  readonly metrics: readonly MetricDef[];
  /** Rows are written in this order, so it must itself be deterministic. */
  readonly runs: readonly RunMetrics[];
  readonly summary: readonly MetricSummary[];
  /** bench.csv rows to copy into the report (scaling chart); usually read with readBenchCsv. */
  readonly bench?: readonly BenchRow[];
  /** Extra run facts as label/value pairs; keep wall-clock facts out for reproducible output. */
  readonly info?: readonly (readonly [string, string])[];
  /**
   * The GPU allocation experiment (`schedbench openb`), when the report is one: adds
   * openb-runs.csv, openb-summary.csv and openb-curve.csv and a section of the page, and
   * the folder gets the marker kind 'openb'. Its runs must be the runs of `runs` (same
   * policies and seeds); summary and curve are computed from them here.
   */
  readonly openb?: { readonly runs: readonly OpenbRunData[] };
  /**
   * Each scenario's description and its policies' settings (scenarios.csv, policies.csv
   * and the page's "About" part of each scenario); absent in reports that predate them.
   */
  readonly scenarios?: readonly ScenarioFacts[];
  /**
   * A replay of a snapshot's own pods (`schedbench whatif`, a scenario with
   * workload.replay): adds whatif.csv, whatif-runs.csv and whatif-summary.csv and the
   * page's "What if" section. `summary` is computed by the caller (summarizeWhatif), as
   * `summary` is; `measures` are the what-if measures' definitions (WHATIF_MEASURES), in
   * report order.
   */
  readonly whatif?: {
    readonly runs: readonly WhatifRunData[];
    readonly summary: readonly WhatifSummary[];
    readonly measures: readonly MetricDef[];
  };
}

/**
 * A policy as the report describes it: the shape of the framework's ProfileSpec (the report
 * may not import the framework), the settings the run resolved, not the user's shorthand.
 */
export interface PolicyProfile {
  readonly name: string;
  readonly filter: readonly string[];
  readonly score: readonly { readonly name: string; readonly weight: number }[];
  readonly args?: Readonly<Record<string, unknown>>;
  /** 0 or absent: kube-scheduler's adaptive default. */
  readonly percentageOfNodesToScore?: number;
  /** PostFilter plugins; absent: DefaultPreemption (kube's default), empty: preemption off. */
  readonly postFilter?: readonly string[];
}

/** What a scenario is about and what each of its policies configures, for the page. */
export interface ScenarioFacts {
  readonly scenario: string;
  readonly description: string;
  readonly policies: readonly PolicyProfile[];
}

/** One replay run as the runner hands it to the report. */
export interface WhatifRunData extends WhatifRun {
  readonly policy: string;
  readonly seed: number;
}

/** One run of the openb experiment as the runner hands it to the report. */
export interface OpenbRunData {
  readonly scenario: string;
  readonly policy: string;
  readonly seed: number;
  /** Tasks that arrived, and how many of them were bound. */
  readonly tasks: number;
  readonly scheduled: number;
  /** Arrived GPU demand at the end, % of the GPU capacity. */
  readonly arrivedPctEnd: number;
  /** GPU allocation % when arrived demand first reached 100 % of capacity; null: never reached. */
  readonly allocAt100Pct: number | null;
  readonly allocEndPct: number;
  readonly gpusUnallocatedEnd: number;
  readonly fragRateEndPct: number;
  /** curve[k]: GPU allocation % when arrived GPU demand first reached k % of capacity; null: never reached; index 0 unused. */
  readonly curve: readonly (number | null)[];
}

/** A run's identity, as the first three columns of most tables. */
export interface RunRowKey {
  readonly scenario: string;
  readonly policy: string;
  readonly seed: number;
}

/** runs.csv: one run's metric values by metric id. */
export interface RunRow extends RunRowKey {
  readonly values: Readonly<Record<string, number>>;
}

/** timeseries.csv: one cluster sample of one run. */
export interface TimeseriesRow extends RunRowKey {
  readonly tS: number;
  readonly running: number;
  readonly pending: number;
  readonly cpuAllocPct: number;
  readonly memAllocPct: number;
  readonly gpuAllocPct: number;
}

/** node-utilization.csv: one node's requested/allocatable at the end of one run. */
export interface NodeUtilizationRow extends RunRowKey {
  readonly node: string;
  readonly cpuPct: number;
  readonly memPct: number;
  /** Allocated over total milli-GPU (a whole nvidia.com/gpu as 1000); NaN for a node without GPUs. */
  readonly gpuPct: number;
}

/** queue-delay.csv: one quantile of one run's queueing delay. */
export interface QueueDelayRow extends RunRowKey {
  readonly quantile: number;
  readonly delayS: number;
}

/** outcomes-by-group.csv: one workload's or priority band's outcome in one run (see GroupOutcome). */
export interface GroupOutcomeRow extends RunRowKey {
  readonly by: string;
  readonly group: string;
  readonly pods: number;
  readonly unschedulableEnd: number;
  readonly delayP50S: number;
  readonly delayP95S: number;
  readonly delayP99S: number;
}

/**
 * volumes-pending-by-reason.csv: workload pods of one run pending at the end on one
 * volume plugin's reason (metrics' VolumePendingReason); a pod refused for several
 * reasons counts in each of their rows.
 */
export interface VolumePendingRow extends RunRowKey {
  readonly plugin: string;
  readonly reason: string;
  readonly pods: number;
}

/** volumes-by-zone.csv: the volumes provisioned in one zone during one run ('' for nodes without a zone label). */
export interface VolumeZoneRow extends RunRowKey {
  readonly zone: string;
  readonly volumes: number;
}

/** placements.csv: one pod of one run (bindS NaN when never bound). */
export interface PlacementRow extends RunRowKey {
  readonly pod: string;
  readonly node: string;
  readonly arrivalS: number;
  readonly bindS: number;
  readonly outcome: string;
  readonly attempts: number;
}

/** timing.csv: one run's scheduler wall-clock figures. */
export interface TimingRow extends RunRowKey {
  readonly cycles: number;
  readonly cycleP50Us: number;
  readonly cycleP99Us: number;
  readonly podsPerS: number;
}

/** openb-runs.csv: one run of the openb experiment (NaN: never reached 100 % arrived). */
export interface OpenbRunRow {
  readonly policy: string;
  readonly seed: number;
  readonly tasks: number;
  readonly scheduled: number;
  readonly unscheduled: number;
  readonly arrivedGpuEndPct: number;
  readonly gpuAllocAt100Pct: number;
  readonly gpuAllocEndPct: number;
  readonly gpusUnallocatedEnd: number;
  readonly gpuFragRateEndPct: number;
}

/** openb-summary.csv: one policy's means over seeds (gpuAllocAt100Pct over the seeds that got there, NaN if none). */
export interface OpenbSummaryRow {
  readonly policy: string;
  readonly seeds: number;
  readonly gpuAllocAt100Pct: number;
  readonly gpuAllocEndPct: number;
  readonly gpusUnallocatedEnd: number;
  readonly gpuFragRateEndPct: number;
}

/** openb-curve.csv: one policy's mean GPU allocation when arrived demand reached arrivedPct %. */
export interface OpenbCurveRow {
  readonly policy: string;
  readonly arrivedPct: number;
  /** How many seeds reached arrivedPct (the mean is over those). */
  readonly seeds: number;
  readonly gpuAllocPct: number;
}

/** The openb experiment's three tables. */
export interface OpenbTables {
  readonly runs: readonly OpenbRunRow[];
  readonly summary: readonly OpenbSummaryRow[];
  readonly curve: readonly OpenbCurveRow[];
}

/**
 * whatif.csv: one replayed pod of one run (ReplayedPod with the run's policy and seed).
 * The outcome is text as read from the file; check-whatif-tables checks it.
 */
export interface WhatifPodRow extends Omit<ReplayedPod, 'outcome'> {
  readonly policy: string;
  readonly seed: number;
  readonly outcome: string;
}

/** whatif-runs.csv: one what-if measure of one run, beside the snapshot's value. */
export interface WhatifRunRow {
  readonly policy: string;
  readonly seed: number;
  readonly measure: string;
  readonly dump: number;
  readonly value: number;
}

/** scenarios.csv: what a scenario compares, in its author's words. */
export interface ScenarioRow {
  readonly scenario: string;
  readonly description: string;
}

/**
 * policies.csv: one setting of one policy (setting: filter, score, preemption,
 * percentageOfNodesToScore, or args.<plugin>; value: as the page prints it).
 */
export interface PolicySettingRow {
  readonly scenario: string;
  readonly policy: string;
  readonly setting: string;
  readonly value: string;
}

/** A replay's three tables. */
export interface WhatifTables {
  readonly pods: readonly WhatifPodRow[];
  readonly runs: readonly WhatifRunRow[];
  readonly summary: readonly WhatifSummary[];
}

/**
 * Every table of a report, as the page is drawn from it (null: file absent). A field is
 * one table, or a set of tables one experiment carries (openb, whatif: all or none).
 * Each table has exactly one declaration in REPORT_TABLES (report-table-list.ts), which
 * the compiler checks both ways.
 */
export interface ReportTables {
  readonly runs: readonly RunRow[];
  readonly summary: readonly MetricSummary[];
  readonly timeseries: readonly TimeseriesRow[] | null;
  readonly nodeUtilization: readonly NodeUtilizationRow[] | null;
  readonly queueDelay: readonly QueueDelayRow[] | null;
  /** Per workload and priority band; null in a report without them. */
  readonly groups: readonly GroupOutcomeRow[] | null;
  /** Pods pending because of volumes, per reason; null in a report whose runs had none. */
  readonly volumesPending: readonly VolumePendingRow[] | null;
  /** Volumes provisioned per zone; null in a report whose runs provisioned none. */
  readonly volumesByZone: readonly VolumeZoneRow[] | null;
  readonly placements: readonly PlacementRow[] | null;
  readonly timing: readonly TimingRow[] | null;
  readonly bench: readonly BenchRow[] | null;
  /** The openb experiment's tables; null unless the report is an openb report. */
  readonly openb: OpenbTables | null;
  /** A replay's tables; null unless the report holds one. */
  readonly whatif: WhatifTables | null;
  /** Scenario descriptions and policy settings; null in a report without them. */
  readonly scenarios: readonly ScenarioRow[] | null;
  readonly policies: readonly PolicySettingRow[] | null;
}
