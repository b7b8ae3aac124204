import { defaultProfile } from '../framework/profile.js';
import type { OpenbTieBreak, OpenbWorldPolicy } from './openb-world.js';

/**
 * How the experiment runs one placement policy. Which GPUs of the chosen node a task
 * gets is not set here: it is the policy plugin's own placeGpus hook (Random and FGD
 * declare one, the others get the tightest fit), the same in a scenario run. That
 * matches the artifact's run scripts (experiments/run_scripts/generate_run_scripts.py,
 * gpuSelMethod: Random "random", FGD its own choice, the rest "best").
 */
export interface OpenbPolicy {
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
  ['Random', { uniformDraw: true }],
  ['FirstFit', { uniformDraw: false }],
  ['BestFit', { uniformDraw: false }],
  ['WorstFit', { uniformDraw: false }],
  ['DotProduct', { uniformDraw: false }],
  ['GpuPacking', { uniformDraw: false }],
  ['GpuClustering', { uniformDraw: false }],
  ['FGD', { uniformDraw: false }],
]);

/** The paper's Figure 9 line-up, in its order. */
export const DEFAULT_OPENB_POLICIES: readonly string[] = ['Random', 'DotProduct', 'GpuClustering', 'GpuPacking', 'BestFit', 'FGD'];

/** Filters of every experiment profile: the GPU model and GPU fit checks, then cpu/memory. */
export const OPENB_FILTERS: readonly string[] = ['GpuModel', 'GpuFit', 'NodeResourcesFit'];

/** The tie-break rules, as the CLI spells them. */
export const OPENB_TIE_BREAKS: readonly OpenbTieBreak[] = ['node-rank', 'uniform'];

/**
 * A policy of OPENB_POLICIES as the experiment runs it: the policy is the only scorer,
 * after OPENB_FILTERS, with every node scored; undefined for any other name. FGD's task
 * shapes are the workload's typical shapes, which the cell adds.
 */
export function openbHeuristicPolicy(name: string): OpenbWorldPolicy | undefined {
  const how = OPENB_POLICIES.get(name);
  if (how === undefined) return undefined;
  return { profile: { name, filter: OPENB_FILTERS, score: [{ name, weight: 1 }], percentageOfNodesToScore: 100 }, uniformDraw: how.uniformDraw, traceShapes: true };
}

/**
 * A user's score plugin as the experiment runs a heuristic: the only scorer, after
 * OPENB_FILTERS, every node scored; its ties broken by the experiment's rule.
 */
export function openbUserPolicy(name: string): OpenbWorldPolicy {
  return { profile: { name, filter: OPENB_FILTERS, score: [{ name, weight: 1 }], percentageOfNodesToScore: 100 }, uniformDraw: false, traceShapes: false };
}

/**
 * kube-scheduler's default profile as the experiment runs it (`--policies default`, the
 * FGD paper's baseline). kube's default knows no GPU sharing, so the GPU filters of
 * OPENB_FILTERS go first; its scoring is kube's own.
 */
export function openbDefaultPolicy(): OpenbWorldPolicy {
  const p = defaultProfile('default');
  const gpu = OPENB_FILTERS.filter((f) => f !== 'NodeResourcesFit' && !p.filter.includes(f));
  return { profile: { ...p, filter: [...gpu, ...p.filter] }, uniformDraw: false, traceShapes: false };
}
