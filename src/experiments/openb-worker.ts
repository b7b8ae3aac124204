import { parentPort, workerData } from 'node:worker_threads';
import { prepareOpenbInput } from './openb-experiment.js';
import type { OpenbJob, OpenbWorkerSetup } from './openb-pool.js';
import { OPENB_POLICIES } from './openb-policies.js';
import { runOpenbInflation } from './openb-run.js';

/**
 * Entry of an openb worker thread (see runOpenbJobs): loads the node and pod lists once,
 * then runs each (policy, seed) job it is sent and posts the result back.
 */
const setup = workerData as OpenbWorkerSetup;
const input = prepareOpenbInput(setup.nodesFile, setup.podsFile, setup.inflate, setup.tieBreak);
parentPort!.on('message', (job: OpenbJob) => {
  const result = runOpenbInflation(input, job.policy, OPENB_POLICIES.get(job.policy)!, job.seed);
  parentPort!.postMessage({ index: job.index, result });
});
