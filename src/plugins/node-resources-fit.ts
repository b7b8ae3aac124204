import { z } from 'zod';
import { leastAllocatedScore } from '../framework/least-allocated.js';
import { mostAllocatedScore } from '../framework/most-allocated.js';
import { ProfileError } from '../framework/profile-error.js';
import type { PodResourceRequests, ResourceSpec } from '../framework/resource-allocation.js';
import { fillAllocatableRequested, podResourceRequests, scoredResources } from '../framework/resource-allocation.js';
import { parsePluginArgs, resourceSpecSchema } from '../framework/resource-args.js';
import { isExtendedResourceName, isScalarResourceName } from '../framework/resource-names.js';
import { KERNEL_LEAST, KERNEL_MOST, resourceKernel } from '../framework/resource-kernel.js';
import type { ShapePoint } from '../framework/requested-to-capacity-ratio.js';
import { requestedToCapacityRatioScorer, SHAPE_SCORE_SCALE } from '../framework/requested-to-capacity-ratio.js';
import type { Plugin, PluginEnv, Reason, Verdict } from '../framework/types.js';
import { PASS } from '../framework/types.js';
import { sameNumbers } from '../framework/same-values.js';
import { isQualifiedName } from '../model/labels.js';
import type { ClusterView } from '../cluster/cluster-view.js';
import type { NodeId } from '../model/ids.js';
import type { ResourceTable } from '../model/resources.js';
import { CPU, EPHEMERAL_STORAGE, MEMORY, PODS } from '../model/resources.js';

/**
 * NodeResourcesFit, mirroring kube-scheduler's noderesources/fit.go (v1.35):
 *
 * Filter: the node must have room for one more pod ("Too many pods") and, for every
 * resource the pod requests (cpu, memory, ephemeral-storage, each scalar resource not
 * ignored by ignoredResources / ignoredResourceGroups), allocatable - requested must
 * cover the request ("Insufficient <name>"). A request larger than the node's whole
 * allocatable makes the node UnschedulableAndUnresolvable: evicting pods cannot help.
 *
 * Score: the scoringStrategy (LeastAllocated by default, MostAllocated or
 * RequestedToCapacityRatio) over its resources, with the 100m / 200Mi non-zero defaults
 * for cpu and memory. PreScore never skips.
 */
export const NAME = 'NodeResourcesFit';

// Bit i of a verdict is REASONS[i]. Each resource has a resolvable and an unresolvable
// bit with the same text; scalar resources share one pair and describe() names them.
const TOO_MANY_PODS = 1 << 0;
const REASONS: readonly Reason[] = [
  { text: 'Too many pods', unresolvable: false },
  { text: 'Insufficient cpu', unresolvable: false },
  { text: 'Insufficient cpu', unresolvable: true },
  { text: 'Insufficient memory', unresolvable: false },
  { text: 'Insufficient memory', unresolvable: true },
  { text: 'Insufficient ephemeral-storage', unresolvable: false },
  { text: 'Insufficient ephemeral-storage', unresolvable: true },
  { text: 'Insufficient extended resource', unresolvable: false },
  { text: 'Insufficient extended resource', unresolvable: true },
];
/** Per dimension: 0 = not checked, else the index of its resolvable reason bit. */
const NOT_CHECKED = 0;
const CPU_BIT = 1;
const MEMORY_BIT = 3;
const EPHEMERAL_BIT = 5;
const SCALAR_BIT = 7;
const CPU_INSUFFICIENT = 1 << CPU_BIT;
const CPU_UNRESOLVABLE = 1 << (CPU_BIT + 1);
const MEMORY_INSUFFICIENT = 1 << MEMORY_BIT;
const MEMORY_UNRESOLVABLE = 1 << (MEMORY_BIT + 1);
const SCALAR_BITS = (1 << SCALAR_BIT) | (1 << (SCALAR_BIT + 1));
/** FitPre.others of a pod asking only cpu and memory (never written). */
const NO_OTHERS = new Int32Array(0);

const STRATEGIES = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'] as const;
type Strategy = (typeof STRATEGIES)[number];
const DEFAULT_RESOURCES: readonly ResourceSpec[] = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }];

const argsSchema = z.strictObject({
  apiVersion: z.string().nullish(),
  kind: z.literal('NodeResourcesFitArgs').nullish(),
  ignoredResources: z.array(z.string()).nullish(),
  ignoredResourceGroups: z.array(z.string()).nullish(),
  scoringStrategy: z.strictObject({
    type: z.string().nullish(),
    resources: z.array(resourceSpecSchema).nullish(),
    requestedToCapacityRatio: z.strictObject({
      shape: z.array(z.strictObject({ utilization: z.number().int(), score: z.number().int() })).nullish(),
    }).nullish(),
  }).nullish(),
});

/** NodeResourcesFitArgs after kube's defaulting (SetDefaults_NodeResourcesFitArgs) and validation. */
interface FitConfig {
  readonly ignoredResources: ReadonlySet<string>;
  readonly ignoredResourceGroups: ReadonlySet<string>;
  readonly strategy: Strategy;
  readonly resources: readonly ResourceSpec[];
  /** Shape points scaled to 0..100 (RequestedToCapacityRatio only). */
  readonly shape: readonly ShapePoint[];
}

/** What PreFilter computed: the requests Filter checks, one entry per checked dimension. */
interface FitPre {
  readonly count: number;
  readonly dims: Int32Array;
  readonly amounts: Float64Array;
  /** The entry's resolvable reason bit; the unresolvable one is the next bit. */
  readonly bits: Int32Array;
  /** The cpu and memory requests checked (0: not requested), read without the entries. */
  readonly cpu: number;
  readonly memory: number;
  /** The other checked entries: their indexes into dims, amounts and bits. */
  readonly others: Int32Array;
}

/** Builds NodeResourcesFit from its args; throws ProfileError for invalid args. */
export function create(args: unknown, _env: PluginEnv): Plugin {
  const cfg = resolveArgs(args);
  const sr = scoredResources(cfg.resources, false);
  const scorer = cfg.strategy === 'LeastAllocated' ? leastAllocatedScore
    : cfg.strategy === 'MostAllocated' ? mostAllocatedScore
      : requestedToCapacityRatioScorer(cfg.shape);
  // RequestedToCapacityRatio's shape has no kernel: it is scored plugin by plugin.
  const kernelStrategy = cfg.strategy === 'LeastAllocated' ? KERNEL_LEAST : cfg.strategy === 'MostAllocated' ? KERNEL_MOST : -1;
  // Scratch rows for score(): filled per node, never reallocated.
  const requested = new Float64Array(sr.count);
  const allocatable = new Float64Array(sr.count);
  const checkBit: number[] = [];
  /** PreFilter states by request vector (see preFilter). */
  const preOfRequests = new WeakMap<Float64Array, FitPre>();

  /** The reason bit a dimension is checked under, computed when the dimension is new. */
  const bitOf = (table: ResourceTable, dim: number): number => {
    while (checkBit.length < table.size) checkBit.push(checkedBit(table.name(checkBit.length), checkBit.length, cfg));
    return checkBit[dim]!;
  };

  return {
    name: NAME,
    reasons: REASONS,

    preFilter(cx, pod) {
      // computePodResourceRequest sizes the incoming pod from its spec alone (a resize in
      // progress counts in the node's sums and in scoring, not here).
      const req = (pod.specResources ?? pod).requests;
      // The state is a function of the request vector alone (a dimension's check bit never
      // changes once known), and pods of one template share that vector: built once each.
      const known = preOfRequests.get(req);
      if (known !== undefined) return known;
      const table = cx.view.model.resources;
      // SetMaxResource floors requests at 0, so only positive requests are checked.
      let count = 0;
      for (let r = 0; r < req.length; r++) if (req[r]! > 0 && bitOf(table, r) !== NOT_CHECKED) count++;
      const dims = new Int32Array(count);
      const amounts = new Float64Array(count);
      const bits = new Int32Array(count);
      let cpu = 0;
      let memory = 0;
      let otherCount = 0;
      for (let r = 0, k = 0; r < req.length; r++) {
        if (!(req[r]! > 0 && checkBit[r] !== NOT_CHECKED)) continue;
        dims[k] = r;
        amounts[k] = req[r]!;
        bits[k] = checkBit[r]!;
        if (r === CPU) cpu = req[r]!;
        else if (r === MEMORY) memory = req[r]!;
        else otherCount++;
        k++;
      }
      const others = otherCount === 0 ? NO_OTHERS : new Int32Array(otherCount);
      for (let k = 0, o = 0; k < count; k++) if (dims[k] !== CPU && dims[k] !== MEMORY) others[o++] = k;
      const pre: FitPre = { count, dims, amounts, bits, cpu, memory, others };
      preOfRequests.set(req, pre);
      return pre;
    },

    filter: (cx, _pod, node, pre) => fitVerdict(cx.view, node, pre),
    // Verdicts depend on the node's row and the checked requests only.
    reuseVerdicts: (a, b) => sameNumbers(a.dims, b.dims) && sameNumbers(a.amounts, b.amounts),

    filterMany(cx, _pod, nodes, count, pre, verdicts) {
      const view = cx.view;
      if (pre.others.length > 0) {
        for (let i = 0; i < count; i++) verdicts[i] = fitVerdict(view, nodes[i] as NodeId, pre);
        return;
      }
      // fitVerdict for a pod asking only cpu and memory, with the row's arrays hoisted.
      const dims = view.dims;
      const alloc = view.allocatable;
      const used = view.requested;
      const cpu = pre.cpu;
      const memory = pre.memory;
      for (let i = 0; i < count; i++) {
        const base = nodes[i]! * dims;
        let verdict = used[base + PODS]! + 1 > alloc[base + PODS]! ? TOO_MANY_PODS : PASS;
        const cpuAlloc = alloc[base + CPU]!;
        if (cpu > 0 && cpu > cpuAlloc - used[base + CPU]!) verdict |= cpu > cpuAlloc ? CPU_UNRESOLVABLE : CPU_INSUFFICIENT;
        const memAlloc = alloc[base + MEMORY]!;
        if (memory > 0 && memory > memAlloc - used[base + MEMORY]!) verdict |= memory > memAlloc ? MEMORY_UNRESOLVABLE : MEMORY_INSUFFICIENT;
        verdicts[i] = verdict;
      }
    },

    // Only the scalar resources share a reason bit, so only they need the node's row.
    describeVariesByNode: (verdict) => (verdict & SCALAR_BITS) !== 0,

    describe(cx, _pod, node, verdict, pre) {
      const out: string[] = [];
      if ((verdict & TOO_MANY_PODS) !== 0) out.push('Too many pods');
      const view = cx.view;
      const base = node * view.dims;
      for (let i = 0; i < pre.count; i++) {
        const r = pre.dims[i]!;
        const a = r < view.dims ? view.allocatable[base + r]! : 0;
        const u = r < view.dims ? view.requested[base + r]! : 0;
        if (pre.amounts[i]! > a - u) out.push(`Insufficient ${view.model.resources.name(r)}`);
      }
      return out;
    },

    preScore(cx, pod) {
      return podResourceRequests(cx.view, pod, sr);
    },

    score(cx, _pod, node, pre) {
      fillAllocatableRequested(cx.view, node, sr, pre, requested, allocatable);
      return scorer(requested, allocatable, sr.weights, sr.count);
    },

    reuseScores: (a, b) => sameNumbers(a.dims, b.dims) && sameNumbers(a.requests, b.requests),

    resourceKernel: (pre) => (kernelStrategy < 0 ? null : resourceKernel(kernelStrategy, sr, pre)),

    scoreMany(cx, _pod, feasible, pre, out) {
      const view = cx.view;
      for (let i = 0; i < feasible.count; i++) {
        fillAllocatableRequested(view, feasible.ids[i] as NodeId, sr, pre, requested, allocatable);
        out[i] = scorer(requested, allocatable, sr.weights, sr.count);
      }
    },
  } satisfies Plugin<FitPre, PodResourceRequests>;
}

/**
 * Filter's check for one node: pod count, then every checked (positive) request against
 * what is left, which is negative on an overcommitted node.
 */
function fitVerdict(view: ClusterView, node: NodeId, pre: FitPre): Verdict {
  const dims = view.dims;
  const base = node * dims;
  const alloc = view.allocatable;
  const used = view.requested;
  let verdict: Verdict = PASS;
  if (used[base + PODS]! + 1 > alloc[base + PODS]!) verdict |= TOO_MANY_PODS;
  const cpuAlloc = alloc[base + CPU]!;
  if (pre.cpu > 0 && pre.cpu > cpuAlloc - used[base + CPU]!) verdict |= pre.cpu > cpuAlloc ? CPU_UNRESOLVABLE : CPU_INSUFFICIENT;
  const memAlloc = alloc[base + MEMORY]!;
  if (pre.memory > 0 && pre.memory > memAlloc - used[base + MEMORY]!) verdict |= pre.memory > memAlloc ? MEMORY_UNRESOLVABLE : MEMORY_INSUFFICIENT;
  for (let j = 0; j < pre.others.length; j++) {
    const i = pre.others[j]!;
    const r = pre.dims[i]!;
    const want = pre.amounts[i]!;
    // Dimensions interned after this node's row was laid out are 0 on it.
    const a = r < dims ? alloc[base + r]! : 0;
    const u = r < dims ? used[base + r]! : 0;
    if (want > a - u) verdict |= 1 << (want > a ? pre.bits[i]! + 1 : pre.bits[i]!);
  }
  return verdict;
}

/**
 * The reason bit Filter checks a dimension under, or NOT_CHECKED: "pods" is counted
 * separately, names kube's Resource drops (not scalar) are never checked, and ignored
 * extended resources are skipped (fitsRequest).
 */
function checkedBit(name: string, dim: number, cfg: FitConfig): number {
  if (dim === CPU) return CPU_BIT;
  if (dim === MEMORY) return MEMORY_BIT;
  if (dim === EPHEMERAL_STORAGE) return EPHEMERAL_BIT;
  if (dim === PODS || !isScalarResourceName(name)) return NOT_CHECKED;
  if (isExtendedResourceName(name)
    && (cfg.ignoredResources.has(name) || cfg.ignoredResourceGroups.has(name.split('/')[0]!))) return NOT_CHECKED;
  return SCALAR_BIT;
}

/**
 * Decodes, defaults (weights 0 -> 1, no resources -> cpu:1 memory:1, no strategy ->
 * LeastAllocated) and validates NodeResourcesFitArgs as ValidateNodeResourcesFitArgs does.
 */
function resolveArgs(raw: unknown): FitConfig {
  const a = parsePluginArgs(argsSchema, raw);
  const ignoredResources = a.ignoredResources ?? [];
  ignoredResources.forEach((r, i) => {
    if (!isQualifiedName(r)) throw new ProfileError(`ignoredResources[${i}]`, `${JSON.stringify(r)} is not a valid resource name (a qualified name such as example.com/foo)`);
  });
  const ignoredResourceGroups = a.ignoredResourceGroups ?? [];
  ignoredResourceGroups.forEach((g, i) => {
    if (g.includes('/')) throw new ProfileError(`ignoredResourceGroups[${i}]`, `resource group name can't contain '/', got ${JSON.stringify(g)}`);
    if (!isQualifiedName(g)) throw new ProfileError(`ignoredResourceGroups[${i}]`, `${JSON.stringify(g)} is not a valid resource group name`);
  });

  const ss = a.scoringStrategy;
  const type = ss === null || ss === undefined ? 'LeastAllocated' : (ss.type ?? '');
  if (!(STRATEGIES as readonly string[]).includes(type)) {
    throw new ProfileError('scoringStrategy.type', `unsupported scoring strategy ${JSON.stringify(type)}; supported: ${STRATEGIES.map((s) => JSON.stringify(s)).join(', ')}`);
  }
  const given = ss?.resources ?? [];
  const resources = given.length === 0 ? DEFAULT_RESOURCES : given.map((r) => ({ name: r.name, weight: r.weight ? r.weight : 1 }));
  resources.forEach((r, i) => {
    if (r.weight <= 0 || r.weight > 100) {
      throw new ProfileError(`scoringStrategy.resources[${i}].weight`, `resource weight of ${r.name} not in valid range (0, 100], got ${r.weight}`);
    }
  });

  const rtcr = ss?.requestedToCapacityRatio;
  let shape: ShapePoint[] = [];
  if ((rtcr !== null && rtcr !== undefined) || type === 'RequestedToCapacityRatio') {
    const points = rtcr?.shape ?? [];
    validateShape(points, 'scoringStrategy.requestedToCapacityRatio.shape');
    shape = points.map((p) => ({ utilization: p.utilization, score: p.score * SHAPE_SCORE_SCALE }));
  }
  return {
    ignoredResources: new Set(ignoredResources),
    ignoredResourceGroups: new Set(ignoredResourceGroups),
    strategy: type as Strategy,
    resources,
    shape,
  };
}

/** Mirrors validateFunctionShape: non-empty, utilization strictly increasing in 0..100, score 0..10. */
function validateShape(shape: readonly { utilization: number; score: number }[], path: string): void {
  if (shape.length === 0) throw new ProfileError(path, 'at least one point must be specified');
  for (let i = 1; i < shape.length; i++) {
    if (shape[i - 1]!.utilization >= shape[i]!.utilization) {
      throw new ProfileError(`${path}[${i}].utilization`, 'values must be sorted in increasing order');
    }
  }
  shape.forEach((p, i) => {
    if (p.utilization < 0 || p.utilization > 100) throw new ProfileError(`${path}[${i}].utilization`, `${p.utilization} not in valid range [0, 100]`);
    if (p.score < 0 || p.score > 10) throw new ProfileError(`${path}[${i}].score`, `${p.score} not in valid range [0, 10]`);
  });
}
