import { z } from 'zod';
import { describeIssue } from './describe-issue.js';
import { InputError, excerpt, formatPath, pathPartsOf } from './errors.js';
import type { Sym } from './ids.js';
import { labelSelectorSchema, objectMetaSchema } from './k8s-schema.js';
import type { LabelSelector } from './labels.js';
import { compileLabelSelector } from './labels.js';
import type { ModelContext } from './model-context.js';

/** An intstr.IntOrString as a PDB uses it: a count of pods, or a percentage of the expected pods. */
export type IntOrPercent =
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'percent'; readonly value: number };

/**
 * spec.unhealthyPodEvictionPolicy: when a pod that is not Ready may be evicted. Absent
 * behaves as IfHealthyBudget (only while the budget has its desired healthy pods).
 */
export type UnhealthyPodEvictionPolicy = 'IfHealthyBudget' | 'AlwaysAllow';

/** A compiled policy/v1 PodDisruptionBudget (its status is not read: the state computes it). */
export interface PodDisruptionBudget {
  readonly name: string;
  readonly namespace: Sym;
  /**
   * spec.selector, with policy/v1 semantics: a null selector selects no pod, an empty one
   * ({}) every pod of the namespace (k8s.io/api/policy/v1 types.go; the v1 lister
   * GetPodPodDisruptionBudgets: "Unlike the v1beta version, here we let an empty selector
   * match everything").
   */
  readonly selector: LabelSelector;
  /** spec.minAvailable; null when unset (at most one of it and maxUnavailable is set). */
  readonly minAvailable: IntOrPercent | null;
  /** spec.maxUnavailable; null when unset. */
  readonly maxUnavailable: IntOrPercent | null;
  readonly unhealthyPodEvictionPolicy: UnhealthyPodEvictionPolicy;
}

const INT32_MAX = 2147483647;
const intOrString = z.union([z.number(), z.string()]);

const pdbSchema = z.looseObject({
  apiVersion: z.literal('policy/v1').optional(),
  kind: z.literal('PodDisruptionBudget').optional(),
  metadata: objectMetaSchema.extend({ name: z.string().min(1, 'a PodDisruptionBudget needs metadata.name') }),
  spec: z.looseObject({
    selector: labelSelectorSchema.nullish(),
    minAvailable: intOrString.nullish(),
    maxUnavailable: intOrString.nullish(),
    unhealthyPodEvictionPolicy: z.enum(['IfHealthyBudget', 'AlwaysAllow']).nullish(),
  }).nullish(),
});

/**
 * Validates a policy/v1 PodDisruptionBudget as the API server does
 * (pkg/apis/policy/validation ValidatePodDisruptionBudgetSpec) and compiles it: at most
 * one of minAvailable and maxUnavailable; each a non-negative int32 or a percentage
 * "N%" of at most 100% (ValidatePositiveIntOrPercent, IsNotMoreThan100Percent); the
 * selector a valid LabelSelector; unhealthyPodEvictionPolicy IfHealthyBudget or
 * AlwaysAllow. status is ignored. Throws InputError naming the field.
 */
export function compilePodDisruptionBudget(
  raw: unknown, ctx: ModelContext, opts: { readonly file?: string; readonly defaultNamespace?: string } = {},
): PodDisruptionBudget {
  const name = (raw as { metadata?: { name?: unknown } } | null)?.metadata?.name;
  const object = `PodDisruptionBudget ${typeof name === 'string' ? name : '(unnamed)'}`;
  const parsed = pdbSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError({ file: opts.file, object, path: formatPath(issue.path), pathParts: issue.path }, describeIssue(issue, raw));
  }
  const fail = (path: string, problem: string): never => {
    throw new InputError({ file: opts.file, object, path, pathParts: pathPartsOf(path) }, problem);
  };
  const p = parsed.data;
  const spec = p.spec ?? {};
  const hasMin = spec.minAvailable !== null && spec.minAvailable !== undefined;
  const hasMax = spec.maxUnavailable !== null && spec.maxUnavailable !== undefined;
  if (hasMin && hasMax) fail('spec', 'minAvailable and maxUnavailable cannot be both set');
  return {
    name: p.metadata.name,
    namespace: ctx.symbols.intern(p.metadata.namespace ?? opts.defaultNamespace ?? 'default'),
    selector: compileLabelSelector(spec.selector, ctx.symbols, (path, m) => fail(`spec.selector.${path}`, m)),
    minAvailable: hasMin ? intOrPercent(spec.minAvailable!, 'spec.minAvailable', fail) : null,
    maxUnavailable: hasMax ? intOrPercent(spec.maxUnavailable!, 'spec.maxUnavailable', fail) : null,
    unhealthyPodEvictionPolicy: spec.unhealthyPodEvictionPolicy ?? 'IfHealthyBudget',
  };
}

/** ValidatePositiveIntOrPercent and IsNotMoreThan100Percent, then the parsed value. */
function intOrPercent(v: number | string, path: string, fail: (path: string, problem: string) => never): IntOrPercent {
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v > INT32_MAX) return fail(path, `must be an integer (an int32) or percentage (e.g '5%'), got ${excerpt(v)}`);
    if (v < 0) return fail(path, `must be greater than or equal to 0, got ${v}`);
    return { kind: 'int', value: v };
  }
  // validation.IsValidPercent: digits then '%'.
  if (!/^[0-9]+%$/.test(v)) return fail(path, `must be an integer or percentage (e.g '5%'), got ${excerpt(v)}`);
  const pct = Number(v.slice(0, -1));
  if (pct > 100) return fail(path, `must not be greater than 100%, got ${excerpt(v)}`);
  return { kind: 'percent', value: pct };
}

/**
 * What the disruption controller would write into a PDB's status for the current state
 * (pkg/controller/disruption/disruption.go trySync / updatePdbStatus / failSafe).
 */
export interface DisruptionStatus {
  /** status.expectedPods: matching pods (integer minAvailable) or the controllers' summed scale. */
  readonly expectedPods: number;
  readonly desiredHealthy: number;
  /** Matching pods that are bound and not terminating (the simulation's "Ready"). */
  readonly currentHealthy: number;
  /** max(0, currentHealthy - desiredHealthy), and 0 when expectedPods is 0 or the sync failed. */
  readonly disruptionsAllowed: number;
  /** Matching pods without a controller; kube leaves them out of the expected scale (event UnmanagedPods). */
  readonly unmanagedPods: number;
  /**
   * Why the controller could not compute the budget (kube's error text, which failSafe
   * puts into the DisruptionAllowed condition with reason SyncFailed); null when it could.
   */
  readonly syncFailure: string | null;
}

/** Whether an eviction of a pod may go ahead (pkg/registry/core/pod/storage/eviction.go). */
export type EvictionVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: 'budget'; readonly pdb: PodDisruptionBudget; readonly message: string }
  | { readonly allowed: false; readonly reason: 'multiple-budgets'; readonly pdbs: readonly PodDisruptionBudget[]; readonly message: string };

/**
 * intstr.GetScaledValueFromIntOrPercent: an int as it is; a percentage of `total`,
 * rounded up when `roundUp` (the disruption controller always rounds up), else down.
 */
export function scaledValue(v: IntOrPercent, total: number, roundUp: boolean): number {
  if (v.kind === 'int') return v.value;
  const exact = (v.value * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
