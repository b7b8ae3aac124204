import type { ProfileSpec } from '../framework/profile.js';
import type { ScenarioInput } from './scenario-schema.js';

/** A validated scenario with everything it refers to resolved (see loadScenario). */
export interface Scenario {
  /** The file it was read from. */
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly labels: readonly string[];
  readonly seeds: readonly number[];
  readonly durationS: number;
  readonly sampleEveryS: number;
  /** A generator spec, or absolute paths of Kubernetes object files. */
  readonly cluster: ScenarioInput['cluster'];
  /** Workloads with CSV-backed distributions read into values. */
  readonly workload: ScenarioInput['workload'];
  readonly policies: readonly ProfileSpec[];
  readonly baseline: string;
  readonly nodeEvents: NonNullable<ScenarioInput['nodeEvents']>;
  readonly placements: boolean;
}
