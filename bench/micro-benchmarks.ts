import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { writeFileAtomic } from '../src/report/write-file-atomic.js';
import { limitPlace } from './limit-loop.js';
import { runBatchCell } from './run-batch.js';
import type { CellResult, Placer } from './run-cell.js';
import { runCell } from './run-cell.js';
import type { AffinityWorkload } from './scheduler-perf-affinity.js';
import { affinityWorkload } from './scheduler-perf-affinity.js';
import type { SetupOptions } from './setup.js';
import { mixedRequests, schedulingBasic, schedulingBasicWithUserScore } from './scheduling-basic.js';

/** One micro-benchmark cell: a name, its cluster and pods, and how it is timed. */
export interface MicroCell {
  readonly name: string;
  readonly setup: SetupOptions;
  /** tinybench: one pod per sample (runCell); batch: whole pools in a row (runBatchCell). */
  readonly kind: 'tinybench' | 'batch';
  /** The decision procedure of a tinybench cell; scheduleOne when absent. */
  readonly place?: Placer;
}

/** Cluster sizes of the SchedulingBasic and Limit cells. */
const SIZES = [500, 5000, 20000] as const;

/** The name of the limit cell of a cluster size. */
export function limitCellName(nodes: number): string {
  return `Limit/${nodes}Nodes`;
}

/**
 * Every micro-benchmark cell, in run order. The Limit/<N>Nodes cells (the limit loop of
 * limit-loop.ts on MixedRequests' cluster and pods at N nodes) come first, so every
 * other cell has its limit at the same size measured in the same run.
 */
export function microCells(): MicroCell[] {
  const cells: MicroCell[] = [];
  for (const nodes of SIZES) {
    cells.push({ name: limitCellName(nodes), setup: mixedRequests(nodes, Math.min(1000, nodes), 100), kind: 'tinybench', place: (state, _s, pod) => limitPlace(state, pod) });
  }
  for (const nodes of SIZES) {
    for (const pct of [0, 100]) {
      cells.push({ name: `SchedulingBasic/${nodes}Nodes/pct=${pct === 0 ? 'adaptive' : pct}`, setup: schedulingBasic(nodes, Math.min(1000, nodes), pct), kind: 'tinybench' });
    }
  }
  // A simple-contract user score plugin: compare with SchedulingBasic/5000Nodes/pct=100.
  cells.push({ name: 'SchedulingBasic+FewestPods/5000Nodes/pct=100', setup: schedulingBasicWithUserScore(5000, 1000, 100), kind: 'tinybench' });
  cells.push({ name: 'MixedRequests/5000Nodes/pct=100', setup: mixedRequests(5000, 1000, 100), kind: 'tinybench' });
  const workloads: AffinityWorkload[] = ['SchedulingPodAntiAffinity', 'SchedulingPodAffinity', 'TopologySpreading', 'PreferredTopologySpreading'];
  for (const w of workloads) {
    for (const existing of [5000, 50000]) {
      cells.push({ name: `${w}/5000Nodes/${existing}ExistingPods`, setup: affinityWorkload(w, 5000, existing, 5000), kind: 'batch' });
    }
  }
  return cells;
}

/**
 * Runs `cells` one after another (tinybench cells for `timeMs` each), with a line per
 * cell on stderr, then prints the table with each cell's ratio to the limit loop at its
 * size (limit pods/s over the cell's pods/s: how many times slower than the limit).
 */
export async function runMicroBenchmarks(cells: readonly MicroCell[], timeMs: number): Promise<CellResult[]> {
  const results: CellResult[] = [];
  for (const c of cells) {
    process.stderr.write(`bench: ${c.name} ...\n`);
    const r = c.kind === 'tinybench' ? await runCell(c.name, c.setup, timeMs, c.place) : await runBatchCell(c.name, c.setup, 2);
    results.push(r);
    process.stderr.write(`bench: ${c.name}: ${r.podsPerS.toFixed(0)} pods/s, p50 ${r.p50Us.toFixed(1)} µs, p99 ${r.p99Us.toFixed(1)} µs\n`);
  }
  console.table(results.map((r) => {
    const ratio = limitRatio(results, r);
    return {
      benchmark: r.name, 'pods/s': Math.round(r.podsPerS), 'p50 µs': r.p50Us.toFixed(1), 'p99 µs': r.p99Us.toFixed(1), samples: r.samples,
      'x limit': ratio === null ? '' : ratio.toFixed(1),
    };
  }));
  return results;
}

/** How many times slower than the limit loop at its size `r` ran; null without that limit cell. */
export function limitRatio(results: readonly CellResult[], r: CellResult): number | null {
  const limit = results.find((l) => l.name === limitCellName(r.nodes));
  return limit === undefined ? null : limit.podsPerS / r.podsPerS;
}

/** reports/bench/bench.csv: the latest micro-benchmark figures, for quick comparison. */
export function writeLatestBenchCsv(results: readonly CellResult[]): void {
  const dir = join('reports', 'bench');
  mkdirSync(dir, { recursive: true });
  const csv = stringify(results.map((r) => ({
    benchmark: r.name, nodes: r.nodes, existing_pods: r.existingPods, percentage_of_nodes_to_score: r.percentageOfNodesToScore,
    pods_per_s: r.podsPerS.toFixed(1), p50_us: r.p50Us.toFixed(2), p99_us: r.p99Us.toFixed(2), mean_us: r.meanUs.toFixed(2), samples: r.samples,
  })), { header: true });
  writeFileAtomic(join(dir, 'bench.csv'), csv);
}
