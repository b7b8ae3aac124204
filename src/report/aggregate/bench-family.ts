/**
 * The family of a bench.csv benchmark: its name without the cluster-size segment
 * (`SchedulingBasic/5000Nodes/pct=100` -> `SchedulingBasic/pct=100`), so that one family's
 * cells form a curve over cluster size.
 */
export function benchFamily(benchmark: string): string {
  return benchmark.split('/').filter((seg) => !/^\d+Nodes$/.test(seg)).join('/');
}
