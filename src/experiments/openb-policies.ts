import type { GpuSelection } from '../cluster/gpu-pick.js';

/** How the experiment runs one placement policy. */
export interface OpenbPolicy {
  /**
   * How a shared task's GPU is chosen on the node the policy picked: the artifact run
   * script's gpuSelMethod (experiments/run_scripts/generate_run_scripts.py: Random
   * "random", DotProd "best", GpuClustering, GpuPacking and BestFit the default "best",
   * FGD its own choice); 'plugin' = ask the policy, a GpuPlacer.
   */
  readonly gpuSelection: GpuSelection | 'plugin';
  /**
   * The policy is a uniform draw among feasible nodes (it scores them all alike), so its
   * ties are always broken by a fresh seeded draw, whatever the experiment's tie-break.
   */
  readonly uniformDraw: boolean;
}

/**
 * The placement policies the openb experiment compares: each a score plugin that is the
 * profile's only scorer (the artifact's policies replace kube's default scoring).
 */
export const OPENB_POLICIES: ReadonlyMap<string, OpenbPolicy> = new Map<string, OpenbPolicy>([
  ['Random', { gpuSelection: 'random', uniformDraw: true }],
  ['FirstFit', { gpuSelection: 'best', uniformDraw: false }],
  ['BestFit', { gpuSelection: 'best', uniformDraw: false }],
  ['WorstFit', { gpuSelection: 'best', uniformDraw: false }],
  ['DotProduct', { gpuSelection: 'best', uniformDraw: false }],
  ['GpuPacking', { gpuSelection: 'best', uniformDraw: false }],
  ['GpuClustering', { gpuSelection: 'best', uniformDraw: false }],
  ['FGD', { gpuSelection: 'plugin', uniformDraw: false }],
]);

/** The paper's Figure 9 line-up, in its order. */
export const DEFAULT_OPENB_POLICIES: readonly string[] = ['Random', 'DotProduct', 'GpuClustering', 'GpuPacking', 'BestFit', 'FGD'];

/** Filters of every experiment profile: the GPU model and GPU fit checks, then cpu/memory. */
export const OPENB_FILTERS: readonly string[] = ['GpuModel', 'GpuFit', 'NodeResourcesFit'];

/**
 * How the experiment breaks ties between nodes with the best score:
 * - node-rank: a seeded random ranking of the nodes is drawn once per seed and the best
 *   ranked tied node wins, every cycle. This is what the artifact's runs do: its
 *   simulator prefixes node names with a seeded random permutation ("%04d-") and its
 *   scheduler (a kubernetes v1.20.5 fork) resolves ties by node, not by a fresh draw.
 *   The paper's numbers are reproduced only this way.
 * - uniform: kube-scheduler's selectHost, a fresh uniform draw among the tied nodes in
 *   every cycle. Tied pods then spread, which costs the coarsely scored policies
 *   (GpuPacking, GpuClustering, FGD) several points of allocation.
 */
export type OpenbTieBreak = 'node-rank' | 'uniform';

/** The tie-break rules, as the CLI spells them. */
export const OPENB_TIE_BREAKS: readonly OpenbTieBreak[] = ['node-rank', 'uniform'];
