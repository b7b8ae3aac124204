/**
 * Two-sided p-value of the paired permutation (sign-flip) test on per-seed differences
 * d_i = policy_i - baseline_i: under the null hypothesis each difference is as likely to
 * have either sign, so p is the share of the 2^n sign assignments whose |sum| is at least
 * the observed |sum|. Exact for n <= 16 (all assignments enumerated); beyond that the
 * first 2^16 assignments of a Gray-code walk would be biased, so it returns NaN and
 * callers report the test as not run. Runs with the same seed share cluster and workload,
 * which is why the test is paired. Zero differences count as both signs (they add 0).
 */
export function signFlipPValue(diffs: readonly number[]): number {
  const n = diffs.length;
  if (n === 0 || n > 16 || diffs.some((d) => !Number.isFinite(d))) return Number.NaN;
  const observed = Math.abs(diffs.reduce((a, b) => a + b, 0));
  // A tolerance for float sums: an assignment equal to the observed one must count.
  const eps = 1e-9 * Math.max(1, ...diffs.map(Math.abs));
  const total = 2 ** n;
  let extreme = 0;
  for (let mask = 0; mask < total; mask++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (mask & (1 << i)) !== 0 ? -diffs[i]! : diffs[i]!;
    if (Math.abs(s) >= observed - eps) extreme++;
  }
  return extreme / total;
}

/**
 * The smallest p-value signFlipPValue can give for n paired seeds: 2 / 2^n, when every
 * difference has the same sign and no other assignment sums as far from 0 (6 seeds:
 * 0.03125). Below that no data can go, so with 5 seeds or fewer nothing is significant
 * at 0.05; NaN where the test is not run (n = 0 or n > 16).
 */
export function signFlipFloor(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 16) return Number.NaN;
  return 2 / 2 ** n;
}
