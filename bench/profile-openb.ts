import { OpenbCellRunner } from '../src/run/openb-cell.js';
import { DEFAULT_OPENB_POLICIES, openbHeuristicPolicy } from '../src/run/openb-policies.js';

/**
 * Runs openb experiment cells on this thread, without the worker pool, so a CPU profile
 * shows where a run's time goes:
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile-openb.ts [policy|all] [seeds]
 * Prints each policy's milliseconds per run.
 */
const [which = 'all', seedsArg = '2'] = process.argv.slice(2);
const names = which === 'all' ? DEFAULT_OPENB_POLICIES : [which];
const runner = new OpenbCellRunner({
  nodesFile: 'scenarios/data/openb/openb_node_list_gpu_node.csv',
  podsFile: 'scenarios/data/openb/openb_pod_list_default.csv',
  inflate: 1.3,
  tieBreak: 'node-rank',
  policies: names.map((n) => {
    const p = openbHeuristicPolicy(n);
    if (p === undefined) throw new Error(`profile-openb: no openb policy ${n}`);
    return p;
  }),
});
for (const policy of names) {
  const start = performance.now();
  const seeds = Number(seedsArg);
  for (let s = 1; s <= seeds; s++) runner.run(`openb/${policy}/${s}`, { kind: 'openb', policy, seed: s });
  process.stdout.write(`${policy}: ${((performance.now() - start) / seeds).toFixed(0)} ms per run\n`);
}
