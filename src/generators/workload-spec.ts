import type { Distribution } from './distribution.js';

/** How a workload's pods arrive over simulated time. */
export type ArrivalSpec =
  /** Every pod at `atS`. @default atS 0 */
  | { readonly process: 'all-at-once'; readonly atS?: number }
  /** Exponential inter-arrival times at `ratePerS`, starting at `startS`. */
  | { readonly process: 'poisson'; readonly ratePerS: number; readonly startS?: number }
  /** `size` pods every `everyS` seconds, starting at `startS`. */
  | { readonly process: 'burst'; readonly size: number; readonly everyS: number; readonly startS?: number }
  /**
   * A non-homogeneous Poisson process whose rate follows a day curve:
   * rate(t) = meanRatePerS * (1 + amplitude * sin(2π (t - peakAtS) / periodS + π/2)),
   * peaking at `peakAtS`. @default amplitude 0.5, periodS 86400, peakAtS 50400 (14:00)
   */
  | { readonly process: 'diurnal'; readonly meanRatePerS: number; readonly amplitude?: number; readonly periodS?: number; readonly peakAtS?: number; readonly startS?: number };

/**
 * The pod template of a workload, in Kubernetes' own shape (a v1.PodSpec fragment plus
 * labels), so users write what they would write in a manifest.
 */
export interface PodTemplateSpec {
  readonly labels?: Readonly<Record<string, string>>;
  /** Requests of the single container (cpu, memory, nvidia.com/gpu, ...). Absent = BestEffort. */
  readonly requests?: Readonly<Record<string, string | number>>;
  readonly limits?: Readonly<Record<string, string | number>>;
  readonly priority?: number;
  /** Any further v1.PodSpec fields: tolerations, nodeSelector, affinity, topologySpreadConstraints, ... */
  readonly spec?: Readonly<Record<string, unknown>>;
}

/** A Deployment (its ReplicaSet owns the pods): `replicas` pods; they run until the end unless `durationS` is given. */
export interface DeploymentSpec {
  readonly kind: 'Deployment';
  readonly name: string;
  readonly namespace?: string;
  readonly replicas: number;
  readonly template: PodTemplateSpec;
  readonly arrival: ArrivalSpec;
  readonly durationS?: Distribution;
}

/**
 * A Job: `completions` pods, at most `parallelism` running at once (the simulator holds
 * the rest back), each running for a draw of `durationS`.
 */
export interface JobSpec {
  readonly kind: 'Job';
  readonly name: string;
  readonly namespace?: string;
  readonly completions: number;
  /** @default completions */
  readonly parallelism?: number;
  readonly template: PodTemplateSpec;
  readonly arrival: ArrivalSpec;
  readonly durationS: Distribution;
}

export type WorkloadItemSpec = DeploymentSpec | JobSpec;

export interface WorkloadSpec {
  readonly workloads: readonly WorkloadItemSpec[];
  /**
   * Share (0..1) of every workload's pods created BestEffort: the same template without
   * requests or limits. Drawn per pod from the stream 'best-effort/<workload>'. @default 0
   */
  readonly bestEffortShare?: number;
}

/** One pod's arrival: which template, when, for how long. */
export interface PlannedArrival {
  readonly atS: number;
  /** Index into WorkloadPlan.templates. */
  readonly template: number;
  readonly name: string;
  /** null: runs until the simulation ends. */
  readonly durationS: number | null;
}

/** What generateWorkload returns: one pod template per workload, arrivals sorted by time. */
export interface WorkloadPlan {
  /** v1.Pod objects (the name is replaced per arrival); compile each once. A workload may have two (its BestEffort variant). */
  readonly templates: readonly unknown[];
  /** Per template (parallel to templates): the workload's kind, name and Job parallelism (null = unlimited). */
  readonly workloads: readonly { readonly kind: 'Deployment' | 'Job'; readonly name: string; readonly parallelism: number | null }[];
  readonly arrivals: readonly PlannedArrival[];
}
