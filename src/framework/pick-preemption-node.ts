/** A victim as node selection sees it. */
export interface VictimInfo {
  readonly priority: number;
  /** When the victim started running (its bind time), simulated seconds. */
  readonly startTimeS: number;
}

/** One node where preemption would let the preemptor fit. */
export interface PreemptionChoice {
  /** Victims ordered most important first (priority descending, then earlier start). */
  readonly victims: readonly VictimInfo[];
  /** Victims whose deletion would violate a PodDisruptionBudget (kube's numViolatingVictim). */
  readonly numPdbViolations: number;
}

/** kube adds MaxInt32+1 to every priority so sums of negative priorities compare sensibly. */
const PRIORITY_OFFSET = 2 ** 31;

/**
 * Chooses among preemption candidates as kube-scheduler's pickOneNodeForPreemption does
 * (framework/preemption/preemption.go), applying each criterion to the survivors of the
 * previous one and stopping when one candidate is left:
 *   1. fewest PDB violations;
 *   2. lowest priority of the most important victim;
 *   3. smallest sum of (victim priority + 2^31);
 *   4. fewest victims;
 *   5. latest earliest-start-time among the victims of the highest priority;
 *   6. the first remaining candidate in the given order.
 * Returns the index of the chosen candidate, or -1 when there are none.
 */
export function pickPreemptionNode(candidates: readonly PreemptionChoice[]): number {
  if (candidates.length === 0) return -1;
  let alive: number[] = candidates.map((_, i) => i);
  for (const score of SCORES) {
    let best = -Infinity;
    let next: number[] = [];
    for (const i of alive) {
      const s = score(candidates[i]!);
      if (s > best) {
        best = s;
        next = [];
      }
      if (s === best) next.push(i);
    }
    if (next.length === 1) return next[0]!;
    alive = next;
  }
  return alive[0]!;
}

/** The criteria in kube's order; higher is better. */
const SCORES: readonly ((c: PreemptionChoice) => number)[] = [
  (c) => -c.numPdbViolations,
  (c) => (c.victims.length === 0 ? Infinity : -c.victims[0]!.priority),
  (c) => {
    let sum = 0;
    for (const v of c.victims) sum += v.priority + PRIORITY_OFFSET;
    return -sum;
  },
  (c) => -c.victims.length,
  (c) => earliestStartOfHighestPriority(c.victims),
];

/**
 * The earliest start time among the victims that share the highest priority
 * (util.GetEarliestPodStartTime); -Infinity for no victims.
 */
export function earliestStartOfHighestPriority(victims: readonly VictimInfo[]): number {
  if (victims.length === 0) return -Infinity;
  let maxPriority = victims[0]!.priority;
  let earliest = victims[0]!.startTimeS;
  for (const v of victims) {
    if (v.priority === maxPriority) {
      if (v.startTimeS < earliest) earliest = v.startTimeS;
    } else if (v.priority > maxPriority) {
      maxPriority = v.priority;
      earliest = v.startTimeS;
    }
  }
  return earliest;
}
