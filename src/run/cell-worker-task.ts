import { workerData } from 'node:worker_threads';
import type { CellTask } from './cell.js';
import type { PlanWorld } from './plan.js';
import type { CellOutcome } from './run-cell.js';
import { CellRunner } from './run-cell.js';
import { InputError } from '../model/errors.js';

/**
 * The cell runner of one worker thread: built once from the plan's world (workerData),
 * with the plan's user plugins imported in this thread, so what a worker prepares for one
 * cell (lists read, a seed's generated cluster) serves the next.
 */
const runner: CellRunner | CellOutcome = await CellRunner.load(workerData as PlanWorld).catch((e: unknown): CellOutcome => {
  // A plugin file that fails here (changed since the plan, or broken) is an input error like any cell's.
  if (e instanceof InputError) return { ok: false, error: { where: { ...e.where }, problem: e.problem } };
  throw e;
});

/** Runs one cell in this worker (piscina calls this with each task). */
export function runCellInWorker(task: { readonly id: string; readonly task: CellTask }): CellOutcome {
  return runner instanceof CellRunner ? runner.run(task) : runner;
}

// The bundled worker (src/cli/compiled-sources.js) is this module itself: piscina calls its default export.
export default runCellInWorker;
