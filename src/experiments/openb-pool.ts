import { Worker } from 'node:worker_threads';
import type { OpenbRunInput, OpenbRunResult } from './openb-run.js';
import { runOpenbInflation } from './openb-run.js';
import type { OpenbTieBreak } from './openb-policies.js';
import { OPENB_POLICIES } from './openb-policies.js';

/** One (policy, seed) run to do; `index` is its place in the results. */
export interface OpenbJob {
  readonly index: number;
  readonly policy: string;
  readonly seed: number;
}

/** What a worker needs to build the same input as the main thread. */
export interface OpenbWorkerSetup {
  readonly nodesFile: string;
  readonly podsFile: string;
  readonly inflate: number;
  readonly tieBreak: OpenbTieBreak;
  /** URL of tsx's ESM API, so the worker can load TypeScript wherever the CLI runs from. */
  readonly tsxApi: string;
  /** URL of openb-worker.ts. */
  readonly entry: string;
}

// Worker threads do not inherit tsx's loader: register it, then load the TypeScript entry.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  (await import(workerData.tsxApi)).register();
  await import(workerData.entry);
})().catch((e) => { console.error(e); process.exit(1); });
`;

/**
 * Runs the jobs and returns their results in job order, whatever order they finish in:
 * inline when `workers` is 1, else on that many worker threads (each loads the lists
 * once and takes the next job when it is done). Every run is a pure function of its
 * (policy, seed) and the files, so results are identical either way; only wall time
 * differs. `onRun` sees results as they finish.
 */
export async function runOpenbJobs(
  input: OpenbRunInput, setup: Omit<OpenbWorkerSetup, 'tsxApi' | 'entry'>, jobs: readonly OpenbJob[], workers: number,
  onRun?: (r: OpenbRunResult) => void,
): Promise<OpenbRunResult[]> {
  const results = new Array<OpenbRunResult>(jobs.length);
  if (workers <= 1 || jobs.length <= 1) {
    for (const j of jobs) {
      results[j.index] = runOpenbInflation(input, j.policy, OPENB_POLICIES.get(j.policy)!, j.seed);
      onRun?.(results[j.index]!);
    }
    return results;
  }
  const workerData: OpenbWorkerSetup = {
    ...setup, tsxApi: import.meta.resolve('tsx/esm/api'), entry: new URL('./openb-worker.ts', import.meta.url).href,
  };
  const pool = Array.from({ length: Math.min(workers, jobs.length) }, () => new Worker(BOOTSTRAP, { eval: true, workerData }));
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (w: Worker) => {
        if (next < jobs.length) w.postMessage(jobs[next++]);
      };
      for (const w of pool) {
        w.on('message', (m: { index: number; result: OpenbRunResult }) => {
          results[m.index] = m.result;
          onRun?.(m.result);
          if (++done === jobs.length) resolve();
          else feed(w);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (done < jobs.length) reject(new Error(`openb worker exited with code ${code} before finishing`));
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
