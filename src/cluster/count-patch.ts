/**
 * Small patches over per-domain counts that a what-if must not copy or write (they may be
 * the live pod indexes' own tallies): PodTopologySpread's and InterPodAffinity's
 * addPod/removePod keep their changes as a short list of (slot, domain, change) entries,
 * and Filter adds them to the counts it reads. A slot is whatever the state indexes its
 * counts by (a constraint, a term).
 */

/** A change of counts[slot][domain]. */
export interface CountDelta {
  readonly slot: number;
  readonly domain: number;
  readonly count: number;
}

/** The change of (slot, domain), 0 when none. */
export function deltaAt(patch: readonly CountDelta[], slot: number, domain: number): number {
  for (const e of patch) if (e.slot === slot && e.domain === domain) return e.count;
  return 0;
}

/** A copy of `patch` with `by` added to (slot, domain); entries back at 0 are dropped. */
export function bumped(patch: readonly CountDelta[], slot: number, domain: number, by: number): readonly CountDelta[] {
  const out: CountDelta[] = [];
  let found = false;
  for (const e of patch) {
    if (e.slot !== slot || e.domain !== domain) out.push(e);
    else {
      found = true;
      if (e.count + by !== 0) out.push({ slot, domain, count: e.count + by });
    }
  }
  if (!found) out.push({ slot, domain, count: by });
  return out;
}

/** counts[d], or 0 past its end (a tally sized before a domain was first seen). */
export function countAt(counts: Int32Array, d: number): number {
  return d < counts.length ? counts[d]! : 0;
}

/** a[i], or -1 past its end (a domain-of-node array or a label column sized before node i existed). */
export function domainAt(a: Int32Array, i: number): number {
  return i < a.length ? a[i]! : -1;
}
