import type { ProfileSpec } from '../framework/profile.js';

/**
 * What the cells of an openb inflation experiment run on (PlanWorld 'openb'): the two
 * trace files, the inflation, the tie-break rule and the policies as resolved profiles.
 */
export interface OpenbWorld {
  readonly nodesFile: string;
  readonly podsFile: string;
  /** Target GPU demand as a multiple of the cluster's GPU capacity (the paper: 1.3). */
  readonly inflate: number;
  /**
   * node-rank: a seeded node ranking per seed, the best-ranked tied node wins (the
   * artifact's behaviour, which reproduces the paper); uniform: a fresh seeded draw among
   * tied nodes each cycle (kube's selectHost).
   */
  readonly tieBreak: 'node-rank' | 'uniform';
  readonly policies: readonly OpenbWorldPolicy[];
}

/** One policy of the experiment. */
export interface OpenbWorldPolicy {
  readonly profile: ProfileSpec;
  /**
   * The policy scores every feasible node alike and is meant as a uniform draw (Random):
   * its ties are broken by a fresh seeded draw whatever the tie-break rule.
   */
  readonly uniformDraw: boolean;
}
