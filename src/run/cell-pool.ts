import { setMaxListeners } from 'node:events';
import { Piscina } from 'piscina';
import { InputError } from '../model/errors.js';
import type { Cell, CellResult } from './cell.js';
import type { PlanWorld } from './plan.js';
import type { CellOutcome } from './run-cell.js';
import { CellRunner, resultOf } from './run-cell.js';

/** What the pool tells its caller as cells start and finish. */
export interface PoolEvents {
  /** `slot` (0 .. jobs - 1) starts `cell`. */
  onStart(slot: number, cell: Cell): void;
  /** `slot` finished `cell`; the result is final (it may be saved right away). */
  onDone(slot: number, cell: Cell, result: CellResult): void;
}

/**
 * Runs `cells` on `jobs` worker threads (piscina), or in this thread when jobs is 1,
 * each slot taking the next cell in plan order when its last one is done. `stopped()`
 * is asked before each cell starts: once it says yes no cell starts, the cells in flight
 * are abandoned (their threads terminated) and the function returns. A cell's
 * InputError (or user plugin's error) is rethrown here as one; results never depend on `jobs`.
 */
export async function runCellsOnPool(
  world: PlanWorld, cells: readonly Cell[], jobs: number, events: PoolEvents, stopped: () => boolean,
): Promise<void> {
  if (cells.length === 0) return;
  if (jobs <= 1) return runInline(world, cells, events, stopped);
  const threads = Math.min(jobs, cells.length);
  const pool = new Piscina({
    // Beside this module: from the sources, cell-worker.js (tsx, then cell-worker-task.ts);
    // from the CLI's bundle (src/cli/compiled-sources.js), the bundled cell-worker-task.ts.
    filename: new URL('./cell-worker.js', import.meta.url).href,
    workerData: world,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Number.POSITIVE_INFINITY,
  });
  const abort = new AbortController();
  // Every task in flight listens on the one signal: more than Node's default 10 is expected.
  setMaxListeners(threads + 1, abort.signal);
  let next = 0;
  let failure: unknown = null;
  const slot = async (s: number): Promise<void> => {
    while (failure === null && !stopped() && next < cells.length) {
      const cell = cells[next++]!;
      events.onStart(s, cell);
      let outcome: CellOutcome;
      try {
        outcome = await pool.run({ id: cell.id, task: cell.task }, { signal: abort.signal }) as CellOutcome;
      } catch (e) {
        if (abort.signal.aborted) return;
        failure ??= e;
        abort.abort();
        return;
      }
      if (failure !== null) return;
      events.onDone(s, cell, resultOf(outcome));
    }
  };
  // Polls for a stop while cells are in flight, so Ctrl-C does not wait for them.
  const watch = setInterval(() => { if (stopped()) abort.abort(); }, 50);
  try {
    await Promise.all(Array.from({ length: threads }, (_, s) => slot(s).catch((e: unknown) => { failure ??= e; abort.abort(); })));
  } finally {
    clearInterval(watch);
    await pool.destroy();
  }
  if (failure !== null) throw failure;
}

async function runInline(world: PlanWorld, cells: readonly Cell[], events: PoolEvents, stopped: () => boolean): Promise<void> {
  const runner = await CellRunner.load(world);
  for (const cell of cells) {
    // Yields to the event loop between cells, so a Ctrl-C is seen.
    await new Promise((r) => setImmediate(r));
    if (stopped()) return;
    events.onStart(0, cell);
    events.onDone(0, cell, resultOf(runner.run({ id: cell.id, task: cell.task })));
  }
}

