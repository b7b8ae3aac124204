import { generateCluster } from '../generators/generate-cluster.js';
import { generateWorkload } from '../generators/generate-workload.js';
import { Rng } from '../generators/rng.js';
import { compileNode } from '../model/compile-node.js';
import { compilePod } from '../model/compile-pod.js';
import { InputError, excerpt } from '../model/errors.js';
import { ModelContext } from '../model/model-context.js';
import type { ClusterSpec, WorkloadItemSpec } from './scenario-schema.js';

/** Where a problem sits in the scenario file, and what it is. */
export type FailAt = (path: readonly (string | number)[], problem: string) => never;

/**
 * Runs one generated node per pool and each workload's pod template through
 * compileNode/compilePod (the model's own validation of v1 objects), so that what the
 * model refuses (a toleration with `operator: Maybe`, a bad affinity term) is refused when
 * the scenario loads, at the scenario's own path, not in the middle of a run.
 */
export function checkGenerated(
  cluster: ClusterSpec | null, workloads: readonly WorkloadItemSpec[], fail: FailAt,
): void {
  const ctx = new ModelContext();
  cluster?.pools.forEach((pool, i) => {
    const at = ['cluster', 'generate', 'pools', i];
    const [node] = generateCluster({ pools: [{ ...pool, count: 1 }], topology: cluster.topology }, Rng.fromSeed(0));
    try {
      compileNode(node, ctx);
    } catch (e) {
      const path = nodePath(e);
      fail([...at, ...path], problemOf(e, pool, path));
    }
  });
  workloads.forEach((w, i) => {
    const at = ['workload', 'workloads', i, 'template'];
    const one: WorkloadItemSpec = w.kind === 'Deployment' ? { ...w, replicas: 1 } : { ...w, completions: 1 };
    const plan = generateWorkload({ workloads: [one] }, Rng.fromSeed(0));
    try {
      compilePod(plan.templates[0], ctx);
    } catch (e) {
      const path = podPath(e);
      fail([...at, ...path], problemOf(e, w.template, path));
    }
  });
}

/** The model's problem, with the value the file holds there when the model did not quote it. */
function problemOf(e: unknown, root: unknown, path: readonly (string | number)[]): string {
  if (!(e instanceof Error)) throw e;
  const problem = (e instanceof InputError ? e.problem : e.message).replace(/^Invalid (option|input): /, '');
  if (/\bgot\b/.test(problem) || path.length === 0) return problem;
  let v: unknown = root;
  for (const k of path) v = v !== null && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<string | number, unknown>)[k] : undefined;
  return `${problem}, got ${excerpt(v)}`;
}

/** The path inside the v1 object the model named, as keys and indexes. */
function partsOf(e: unknown): (string | number)[] {
  if (!(e instanceof InputError)) return [];
  if (e.where.pathParts !== undefined) return e.where.pathParts.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const out: (string | number)[] = [];
  for (const m of (e.where.path ?? '').matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** A node's path as the pool's: status.allocatable -> capacity, metadata.labels -> labels, spec.taints -> taints. */
function nodePath(e: unknown): (string | number)[] {
  const p = partsOf(e);
  if (p[0] === 'status' && (p[1] === 'allocatable' || p[1] === 'capacity')) return ['capacity', ...p.slice(2)];
  if (p[0] === 'metadata' && p[1] === 'labels') return ['labels', ...p.slice(2)];
  if (p[0] === 'spec' && p[1] === 'taints') return ['taints', ...p.slice(2)];
  if (p[0] === 'status' && p[1] === 'images') return ['images', ...p.slice(2)];
  return [];
}

/** A pod's path as the template's: spec.* stays, the container's resources -> requests/limits, labels -> labels. */
function podPath(e: unknown): (string | number)[] {
  const p = partsOf(e);
  if (p[0] === 'spec' && p[1] === 'containers') {
    const r = p.indexOf('resources');
    return r >= 0 && (p[r + 1] === 'requests' || p[r + 1] === 'limits') ? p.slice(r + 1) : [];
  }
  if (p[0] === 'spec') return p;
  if (p[0] === 'metadata' && p[1] === 'labels') return ['labels', ...p.slice(2)];
  return [];
}
