/**
 * The workload generator's spec. Declared once, as the scenario schema
 * (src/scenario/scenario-schema.ts, where its fields are documented); the types are
 * inferred from it, with every duration distribution resolved (no `empirical-csv`).
 */
export type {
  ArrivalSpec, DeploymentSpec, JobSpec, PodTemplateSpec, WorkloadItemSpec, WorkloadSpec,
} from '../scenario/scenario-schema.js';

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
