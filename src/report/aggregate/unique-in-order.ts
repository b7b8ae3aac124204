/** The distinct values of a list, in order of first appearance (policies, scenarios). */
export function uniqueInOrder<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}
