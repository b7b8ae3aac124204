import { generateCluster } from '../generators/generate-cluster.js';
import { generateWorkload } from '../generators/generate-workload.js';
import { Rng } from '../generators/rng.js';
import { compileNode } from '../model/compile-node.js';
import { compilePod } from '../model/compile-pod.js';
import { InputError, excerpt } from '../model/errors.js';
import { ModelContext } from '../model/model-context.js';
import type { ClusterSpec, PodTemplateSpec, WorkloadItemSpec } from './scenario-schema.js';

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
    // A fromSnapshot workload's template is the snapshot's: checked, at its line there, when resolved.
    if (w.kind === 'FromSnapshot') return;
    const at = ['workload', 'workloads', i, 'template'];
    try {
      compileFirstPod(w, ctx);
    } catch (e) {
      const path = podPath(e, w.template);
      fail([...at, ...path], problemOf(e, w.template, path));
    }
  });
}

/**
 * Compiles the first pod the generator makes of a workload, with its labels, annotations
 * and owner, through compilePod (the model's validation of a v1.Pod, as for the pods of
 * a cluster file); throws what the model throws.
 */
export function compileFirstPod(w: WorkloadItemSpec, ctx: ModelContext): void {
  const one: WorkloadItemSpec = w.kind === 'Job' ? { ...w, completions: 1 } : { ...w, replicas: 1 };
  const plan = generateWorkload({ workloads: [one] }, Rng.fromSeed(0));
  compilePod(plan.templates[0], ctx);
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

/**
 * The path inside the v1 object the model named, as keys and indexes. A label or
 * annotation key holds dots and slashes (`metadata.annotations["alibabacloud.com/gpu-count"]`),
 * which a path split at dots cuts apart: such a key is put back together.
 */
export function partsOf(e: unknown): (string | number)[] {
  if (!(e instanceof InputError)) return [];
  let out: (string | number)[] = [];
  if (e.where.pathParts !== undefined) out = e.where.pathParts.map((p) => (typeof p === 'symbol' ? String(p) : p));
  else for (const m of (e.where.path ?? '').matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  if (out[0] === 'metadata' && (out[1] === 'labels' || out[1] === 'annotations') && out.length > 2) {
    return [out[0], out[1], out.slice(2).join('.').replace(/^"(.*)"$/, '$1')];
  }
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

/**
 * A pod's path as the template's. A full template (`pod`): the pod's metadata and spec
 * are the template's. The short form: spec.* stays, the container's resources ->
 * requests/limits, metadata.labels -> labels or metadata.labels (where the file has
 * them), metadata.annotations stays.
 */
function podPath(e: unknown, template: PodTemplateSpec): (string | number)[] {
  const p = partsOf(e);
  if (template.pod !== undefined) return p[0] === 'spec' || p[0] === 'metadata' ? ['pod', ...p] : [];
  if (p[0] === 'spec' && p[1] === 'containers') {
    const r = p.indexOf('resources');
    return r >= 0 && (p[r + 1] === 'requests' || p[r + 1] === 'limits') ? p.slice(r + 1) : [];
  }
  if (p[0] === 'spec') return p;
  if (p[0] === 'metadata' && p[1] === 'labels') return template.labels !== undefined ? ['labels', ...p.slice(2)] : p;
  if (p[0] === 'metadata' && p[1] === 'annotations') return p;
  return [];
}
