import type { ProfileSpec } from '../framework/profile.js';
import type { PriorityClassSpec, ReplayScope, ScenarioInput, StorageSpec, WorkloadSpec } from './scenario-schema.js';

/**
 * Where a scenario's nodes come from, tagged by `kind` (clusterSchema documents each):
 * `generate` (a ClusterSpec), `snapshot` (object files; their pending pods arrive at t=0)
 * or `openb` (a node list CSV). Paths are absolute.
 */
export type ScenarioCluster = ScenarioInput['cluster'];

/**
 * Where a scenario's pods come from, tagged by `kind` (workloadSchema documents each):
 * `generate` (a WorkloadSpec with CSV-backed distributions read into values), `replay`
 * (a snapshot cluster's own pods placed again, within `scope`, plus the pods of `spec`),
 * `openb-replayed` (an openb pod list replayed in time) or `openb-inflated` (the FGD
 * paper's inflated task sequence). Paths are absolute.
 */
export type ScenarioWorkload =
  | Exclude<ScenarioInput['workload'], { kind: 'generate' | 'replay' }>
  | { readonly kind: 'generate'; readonly spec: WorkloadSpec }
  | { readonly kind: 'replay'; readonly scope: ReplayScope; readonly spec: WorkloadSpec };

/** A validated scenario with everything it refers to resolved (see loadScenario). */
export interface Scenario {
  /** The file it was read from. */
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly labels: readonly string[];
  /** The user's plugin files the policies may use: the scenario's own and those of --plugin, absolute paths. */
  readonly plugins: readonly string[];
  readonly seeds: readonly number[];
  readonly durationS: number;
  readonly sampleEveryS: number;
  readonly cluster: ScenarioCluster;
  readonly workload: ScenarioWorkload;
  readonly policies: readonly ProfileSpec[];
  readonly baseline: string;
  readonly nodeEvents: NonNullable<ScenarioInput['nodeEvents']>;
  /** The scenario's PriorityClasses (the system classes are not listed; every cluster has them). */
  readonly priorityClasses: readonly PriorityClassSpec[];
  /**
   * The storage section of a generated cluster (classes, volumes, CSI drivers); absent
   * when the file has none (optional so that scenarios built in code, such as a what-if's,
   * need not say so).
   */
  readonly storage?: StorageSpec;
  readonly placements: boolean;
}
