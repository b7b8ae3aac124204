import { workerData } from 'node:worker_threads';
import type { CellTask } from './cell.js';
import type { PlanWorld } from './plan.js';
import type { CellOutcome } from './run-cell.js';
import { CellRunner } from './run-cell.js';

/**
 * The cell runner of one worker thread: built once from the plan's world (workerData),
 * so what a worker prepares for one cell (lists read, a seed's generated cluster) serves
 * the next.
 */
const runner = new CellRunner(workerData as PlanWorld);

/** Runs one cell in this worker (piscina calls this with each task). */
export function runCellInWorker(task: { readonly id: string; readonly task: CellTask }): CellOutcome {
  return runner.run(task);
}
