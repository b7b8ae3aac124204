import type { ProfileSpec } from '../framework/profile.js';
import type { OpenbNode, OpenbPod } from '../generators/traces/openb.js';

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

/**
 * What the cells of an openb inflation experiment run on (PlanWorld 'openb'): the two
 * trace files, the inflation, the tie-break rule and the policies as resolved profiles.
 */
export interface OpenbWorld {
  readonly nodesFile: string;
  readonly podsFile: string;
  /** Target GPU demand as a multiple of the cluster's GPU capacity (the paper: 1.3). */
  readonly inflate: number;
  /** How ties between the best nodes are broken (see OpenbTieBreak). */
  readonly tieBreak: OpenbTieBreak;
  readonly policies: readonly OpenbWorldPolicy[];
  /**
   * The two files as read and checked by the plan (buildOpenbPlan), handed to each worker
   * with the rest so it does not parse them again; absent, a runner reads the files. Not
   * part of the plan hash, which takes the files' digests.
   */
  readonly lists?: OpenbLists;
}

/** The rows of the node list and the pod list. */
export interface OpenbLists {
  readonly nodes: readonly OpenbNode[];
  readonly pods: readonly OpenbPod[];
}

/** One policy of the experiment. */
export interface OpenbWorldPolicy {
  readonly profile: ProfileSpec;
  /**
   * The policy scores every feasible node alike and is meant as a uniform draw (Random):
   * its ties are broken by a fresh seeded draw whatever the tie-break rule.
   */
  readonly uniformDraw: boolean;
  /**
   * Give FGD in this profile the trace's typical task shapes (the paper's FGD). Policies
   * from files are used as written: FGD there learns shapes as pods arrive, as in a
   * scenario.
   */
  readonly traceShapes: boolean;
}
