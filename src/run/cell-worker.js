// Entry of a worker thread of the cell pool (cell-pool.ts), a plain module loaded by
// file name. Loader hooks registered in the main thread (the schedbench bin's, tsx's
// CLI, vitest's) do not reach a worker thread on Node 20: register tsx in this thread,
// then load the cell runner the normal way.
import { register } from 'tsx/esm/api';

register();
const { runCellInWorker } = await import('./cell-worker-task.ts');
export default runCellInWorker;
