import type { RunRow } from '../types.js';

/**
 * Policies that ran identically to an earlier one: the same seeds, and on every seed the
 * same value of every metric of `ids` (NaN equal to NaN). Maps each such policy to the
 * first policy of `policies` it matches; their lines in a chart would lie exactly on top
 * of each other, so the page says so instead of letting one hide the other.
 */
export function identicalPolicies(runs: readonly RunRow[], policies: readonly string[], ids: readonly string[]): Map<string, string> {
  const fingerprint = new Map<string, string>();
  for (const p of policies) {
    const mine = runs.filter((r) => r.policy === p).sort((a, b) => a.seed - b.seed);
    if (mine.length === 0) continue;
    // JSON keeps NaN apart from numbers only through the String() below; both sides agree.
    fingerprint.set(p, JSON.stringify(mine.map((r) => [r.seed, ids.map((id) => String(r.values[id] ?? Number.NaN))])));
  }
  const out = new Map<string, string>();
  policies.forEach((p, i) => {
    const f = fingerprint.get(p);
    if (f === undefined) return;
    const twin = policies.slice(0, i).find((q) => !out.has(q) && fingerprint.get(q) === f);
    if (twin !== undefined) out.set(p, twin);
  });
  return out;
}
