/**
 * The workload generator's spec. Declared once, as the scenario schema
 * (src/scenario/scenario-schema.ts, where its fields are documented); the types are
 * inferred from it, with every duration distribution resolved (no `empirical-csv`).
 */
export type {
  ArrivalSpec, DeploymentSpec, DisruptionBudgetSpec, FromSnapshotSpec, FullPodTemplate, JobSpec, PodTemplateSpec, ShortPodTemplate,
  StatefulSetSpec, WorkloadItemSpec, WorkloadSpec,
} from '../scenario/scenario-schema.js';

/** One pod's arrival: which template, when, for how long. */
export interface PlannedArrival {
  readonly atS: number;
  /** Index into WorkloadPlan.templates. */
  readonly template: number;
  readonly name: string;
  /** null: runs until the simulation ends. */
  readonly durationS: number | null;
  /** A StatefulSet's pod: its own spec.volumes (its claims), in place of the template's; absent for other pods. */
  readonly volumes?: readonly Record<string, unknown>[];
}

/** The kinds of object the generator creates around a workload's pods. */
export type WorkloadObjectKind = 'Deployment' | 'ReplicaSet' | 'Job' | 'StatefulSet' | 'PersistentVolumeClaim' | 'Service' | 'PodDisruptionBudget';

/**
 * One Kubernetes object around a workload's pods, as the API server would hold it
 * (apps/v1 Deployment, ReplicaSet and StatefulSet, v1 PersistentVolumeClaim, batch/v1
 * Job, v1 Service, policy/v1 PodDisruptionBudget): raw JSON-shaped data, for the model
 * to compile like a snapshot's objects.
 */
export interface WorkloadObject {
  readonly apiVersion: string;
  readonly kind: WorkloadObjectKind;
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly ownerReferences?: readonly { readonly apiVersion: string; readonly kind: string; readonly name: string; readonly controller: boolean; readonly blockOwnerDeletion: boolean }[];
  };
  readonly spec: Readonly<Record<string, unknown>>;
}

/** What generateWorkload returns: one pod template per workload, arrivals sorted by time. */
export interface WorkloadPlan {
  /** v1.Pod objects (the name is replaced per arrival); compile each once. A workload may have two (its BestEffort variant). */
  readonly templates: readonly unknown[];
  /**
   * Per template (parallel to templates): the workload's kind (a `fromSnapshot` one's: its
   * object's), name and Job parallelism (null = unlimited).
   */
  readonly workloads: readonly { readonly kind: 'Deployment' | 'Job' | 'StatefulSet'; readonly name: string; readonly parallelism: number | null }[];
  /**
   * The objects around the pods, workload by workload in spec order, owners before what
   * they own: Deployment then its ReplicaSet, the Job, or the StatefulSet then its claims
   * (replica by replica); then the Service (`service: true`) and the
   * PodDisruptionBudget (`pdb`). A pure function of the spec, not of the seed.
   */
  readonly objects: readonly WorkloadObject[];
  readonly arrivals: readonly PlannedArrival[];
}
