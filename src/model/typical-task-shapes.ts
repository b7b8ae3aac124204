import type { TaskShape } from './task-shape.js';

/** A task's shape, standing for `count` tasks of that shape (default 1). */
export type TaskOfShape = Omit<TaskShape, 'weight'> & { readonly count?: number };

/** How typicalTaskShapes picks the shapes to keep. */
export interface TypicalShapeOptions {
  /** Keep the most frequent shapes until they cover this % of tasks. @default 95 */
  readonly popularityPct?: number;
  /** Shapes added per round while below popularityPct. @default 1 */
  readonly step?: number;
  /** Count CPU-only tasks (gpuCount 0) as shapes. @default true */
  readonly includeCpuOnly?: boolean;
}

/**
 * The workload's typical task shapes, as the FGD artifact's GetTypicalPods computes them
 * (pkg/utils/frag.go, with the experiment's settings: popularity threshold 95%, step 1,
 * CPU-only pods included, no GPU weighting):
 *   1. count tasks per shape (cpu, milli-GPU per GPU, GPU count, allowed models);
 *   2. sort shapes by count, most frequent first; equal counts by the artifact's order
 *      (larger cpu, then larger milli-GPU, larger count, later model string first);
 *   3. keep the first shapes, `step` at a time, until they cover popularityPct of tasks;
 *   4. weight each kept shape by its count over the kept shapes' total (weights sum to 1).
 */
export function typicalTaskShapes(tasks: readonly TaskOfShape[], opts: TypicalShapeOptions = {}): TaskShape[] {
  const popularityPct = opts.popularityPct ?? 95;
  const step = opts.step ?? 1;
  if (!(popularityPct > 0 && popularityPct <= 100)) throw new RangeError(`popularityPct must be in (0, 100], got ${popularityPct}`);
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`step must be a positive integer, got ${step}`);
  const counts = new Map<string, { shape: Omit<TaskShape, 'weight'>; spec: string; n: number }>();
  let total = 0;
  for (const t of tasks) {
    if (opts.includeCpuOnly === false && t.gpuCount === 0) continue;
    const spec = t.gpuModels.join('|');
    const key = `${t.cpuMilli}/${t.gpuMilliPerGpu}/${t.gpuCount}/${spec}`;
    const n = t.count ?? 1;
    const e = counts.get(key);
    if (e) e.n += n;
    else counts.set(key, { shape: { cpuMilli: t.cpuMilli, gpuCount: t.gpuCount, gpuMilliPerGpu: t.gpuMilliPerGpu, gpuModels: t.gpuModels }, spec, n });
    total += n;
  }
  const sorted = [...counts.values()].sort((a, b) =>
    b.n - a.n || b.shape.cpuMilli - a.shape.cpuMilli || b.shape.gpuMilliPerGpu - a.shape.gpuMilliPerGpu
    || b.shape.gpuCount - a.shape.gpuCount || (a.spec < b.spec ? 1 : a.spec > b.spec ? -1 : 0));
  const expected = (popularityPct * total) / 100;
  let kept = 0;
  let covered = 0;
  // The artifact's loop: add `step` more shapes per round until the kept ones cover enough.
  while (covered < expected && kept < sorted.length) {
    const until = Math.min(kept + step, sorted.length);
    for (; kept < until; kept++) covered += sorted[kept]!.n;
  }
  return sorted.slice(0, kept).map((e) => ({ ...e.shape, gpuModels: [...e.shape.gpuModels], weight: e.n / covered }));
}
