import type { ScenarioFacts } from '../report/types.js';
import type { Scenario } from '../scenario/types.js';
import type { Cell } from './cell.js';
import type { PluginFileRef } from './load-user-plugins.js';
import type { OpenbWorld } from './openb-world.js';

/**
 * What the cells of a plan run on, handed once to each worker: the resolved scenarios,
 * or the openb experiment's lists and settings. Plain data (structured-clonable).
 */
export type PlanWorld = (
  | { readonly kind: 'scenarios'; readonly scenarios: readonly Scenario[] }
  | { readonly kind: 'openb'; readonly openb: OpenbWorld }
) & {
  /** The user's plugin files the policies use, each loaded once per thread (checked against its digest). */
  readonly plugins: readonly PluginFileRef[];
};

/**
 * What the report writer needs besides the cell results; kept in every shard's plan.json
 * so `merge` can write the report without the scenario files.
 */
export interface PlanReport {
  /** scenarios: the report of `run` and bench; openb: that report plus the experiment's tables. */
  readonly kind: 'scenarios' | 'openb';
  readonly title: string;
  readonly createdFor: readonly string[];
  /** Baseline policy per scenario name, in scenario order. */
  readonly baselines: readonly (readonly [string, string])[];
  /** Run facts for the page, label/value; nothing wall-clock. */
  readonly info: readonly (readonly [string, string])[];
  /** Per scenario, its description and what each policy configures (the page's policy table). */
  readonly scenarios?: readonly ScenarioFacts[];
}

/**
 * A sweep: its cells in a fixed order, with stable ids, and a hash of everything that
 * decides their results (see planHash). Whatever runs the cells, in whatever split, the
 * report written from their results is the same.
 */
export interface Plan {
  readonly hash: string;
  readonly cells: readonly Cell[];
  readonly report: PlanReport;
  readonly world: PlanWorld;
}
