import type { RunMetrics, WhatifRun } from '../metrics/types.js';
import type { OpenbRunData } from '../report/index.js';

/**
 * What one cell of a plan runs. A cell is a pure function of its task and the plan's
 * world (the resolved scenarios, or the openb lists): wherever it runs (this process, a
 * worker thread, a shard on another machine) it returns the same result, timing aside.
 *   scenario  one policy of one scenario on one seed, in the simulator;
 *   openb     one policy on one seed of the FGD paper's one-shot inflation experiment.
 */
export type CellTask =
  | { readonly kind: 'scenario'; readonly scenario: number; readonly policy: string; readonly seed: number }
  | { readonly kind: 'openb'; readonly policy: string; readonly seed: number };

/** A cell of a plan: its stable id (see cellId) and what it runs. */
export interface Cell {
  readonly id: string;
  readonly task: CellTask;
}

/** The openb experiment's own measures of one cell: a row of openb-runs.csv less its key. */
export type OpenbCellRow = Omit<OpenbRunData, 'scenario' | 'policy' | 'seed'>;

/**
 * What a cell returns: plain data with everything every report table needs from it, so
 * the report can be written from cell results alone (after a merge of shards, or after
 * --resume). `run.timing` and `wallMs` are wall clock and never part of a deterministic
 * output.
 */
export interface CellResult {
  readonly id: string;
  readonly run: RunMetrics;
  /** Only for openb cells. */
  readonly openb?: OpenbCellRow;
  /** Only for the cells of a scenario that replays its snapshot (workload.replay). */
  readonly whatif?: WhatifRun;
  readonly wallMs: number;
}

/**
 * A cell's id: scenario, policy and seed, each percent-encoded and joined by '/', so ids
 * are readable in messages and distinct for distinct cells whatever the names hold.
 */
export function cellId(scenario: string, policy: string, seed: number): string {
  return [scenario, policy, String(seed)].map(encodeURIComponent).join('/');
}
