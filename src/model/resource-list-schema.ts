import { z } from 'zod';
import { excerpt } from './errors.js';
import { isQualifiedName } from './labels.js';
import { QuantityError, QuantityRangeError, nanoToMilliValue, nanoToValue, nanoValueOf, parseQuantity } from './quantity.js';

/**
 * Resource names and quantities of a v1.ResourceList (node capacity and allocatable,
 * container requests and limits, overhead), checked as the API server's validation
 * checks them (validateResourceName, ValidateContainerResourceName,
 * ValidateResourceQuantityValue) plus the one limit of schedbench's own: a quantity
 * must be an exact integer once scaled (milli-units for cpu, units otherwise), at most
 * Number.MAX_SAFE_INTEGER = 2^53 - 1, since the simulator keeps amounts as float64.
 * Scenario files and Kubernetes objects share these checks.
 */

/** Where a resource list sits: a node's admits `pods` and any qualified name; a container's only standard resources or domain names. */
export type ResourceListKind = 'node' | 'container';

/** The largest exact amount: 2^53 - 1 milli-cpu, bytes or units. */
export const MAX_EXACT_AMOUNT = Number.MAX_SAFE_INTEGER;

const HUGEPAGES = /^hugepages-/;
/** Names nearly every list holds, accepted without the qualified-name regexes. */
const COMMON_NAMES: ReadonlySet<string> = new Set(['cpu', 'memory', 'pods', 'ephemeral-storage']);
/**
 * Quantities most files are made of ("500m", "2", "512Mi", "16Gi"): at most six digits
 * and a suffix that keeps them below 2^53 in any unit (but cpu in Gi), never negative,
 * and whole unless the suffix is m. They need no BigInt arithmetic to be checked.
 */
const PLAIN_QUANTITY = /^\d{1,6}(m|k|Ki|Mi|Gi)?$/;
const NANOS_PER_UNIT = 1_000_000_000n;

/**
 * Why `name` is not a resource name, or null: a qualified name (validateResourceName's
 * syntax), not the quota prefix `requests.`.
 * CAVEAT: kube's API validation also refuses an unqualified name in a container other
 * than cpu, memory, ephemeral-storage and hugepages-<size> (`foo`); kube-scheduler's own
 * tests use such names and the scheduler ignores them, so they are accepted here
 * (`kind` is kept for callers that want the stricter rule, see isStandardResourceName).
 */
export function resourceNameProblem(name: string, kind: ResourceListKind): string | null {
  if (COMMON_NAMES.has(name)) return null;
  if (isQualifiedName(name) && !name.startsWith('requests.')) return null;
  return notAResourceName(name, kind === 'node' ? 'a resource name such as cpu, memory, pods' : `a standard resource (${STANDARD_NAMES.container})`);
}

/**
 * Why `name` is not a resource name under the API server's full rule, or null: that of
 * resourceNameProblem, and an unqualified name must be a standard one (see
 * isStandardResourceName). For files written for schedbench (scenario files), where no
 * kube-scheduler test needs `foo`.
 */
export function standardResourceNameProblem(name: string, kind: ResourceListKind): string | null {
  if (resourceNameProblem(name, kind) === null && isStandardResourceName(name, kind)) return null;
  return notAResourceName(name, `a standard resource (${STANDARD_NAMES[kind]})`);
}

/** The standard unqualified resource names a list of each kind accepts, as messages list them. */
const STANDARD_NAMES: Readonly<Record<ResourceListKind, string>> = {
  node: 'cpu, memory, ephemeral-storage, pods, hugepages-<size>',
  container: 'cpu, memory, ephemeral-storage, hugepages-<size>',
};

function notAResourceName(name: string, expected: string): string {
  return `not a resource name: expected ${expected} or a domain-qualified name like nvidia.com/gpu, got ${excerpt(name)}`;
}

/**
 * Whether an unqualified `name` is one the API server accepts in a list of `kind`
 * (ValidateContainerResourceName: cpu, memory, ephemeral-storage, hugepages-<size>;
 * nodes also pods). Domain-qualified names are always accepted.
 */
export function isStandardResourceName(name: string, kind: ResourceListKind): boolean {
  if (name.includes('/')) return true;
  if (name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || HUGEPAGES.test(name)) return true;
  return kind === 'node' && name === 'pods';
}

/** Mirrors v1helper.IsPrefixedNativeResource: the name is in the kubernetes.io/ domain. */
export function isPrefixedNativeResource(name: string): boolean {
  return name.includes('kubernetes.io/');
}

/** Mirrors v1helper.IsNativeResource: no domain, or the kubernetes.io/ domain. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || isPrefixedNativeResource(name);
}

/**
 * Mirrors helper.IsIntegerResourceName for the names a pod or node carries: pods and
 * extended resources (domain-qualified, outside kubernetes.io) count whole units.
 */
export function isIntegerResource(name: string): boolean {
  return name === 'pods' || !isNativeResource(name);
}

/**
 * Mirrors v1helper.IsOvercommitAllowed: only native resources other than hugepages may
 * have a request below the limit; for the others request and limit must be equal.
 */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !HUGEPAGES.test(name);
}

/**
 * Why `value` is not a quantity `resource` may hold, or null: a Kubernetes quantity, not
 * negative, whole for integer resources (a fractional nvidia.com/gpu), and at most
 * MAX_EXACT_AMOUNT once scaled. The problem quotes the value.
 */
export function quantityProblem(resource: string, value: unknown): string | null {
  const got = `got ${excerpt(value)}`;
  if (typeof value !== 'string' && typeof value !== 'number') return `expected a quantity like 500m or 2Gi, ${got}`;
  if (typeof value === 'number' && !Number.isFinite(value)) return `expected a quantity like 500m or 2Gi, ${got}`;
  const text = quantityText(value);
  // 999999Gi cores would be 2^60 milli-cpu: cpu in Gi takes the exact path.
  if (PLAIN_QUANTITY.test(text) && !(text.endsWith('m') && isIntegerResource(resource)) && !(resource === 'cpu' && text.endsWith('Gi'))) return null;
  const tooLarge = `too large: at most ${MAX_EXACT_AMOUNT}${resource === 'cpu' ? 'm (milli-cpu)' : ''} (2^53 - 1, the largest integer schedbench holds exactly), ${got}`;
  let nano: bigint;
  let scaled: number;
  try {
    nano = nanoValueOf(parseQuantity(text));
    scaled = resource === 'cpu' ? nanoToMilliValue(nano) : nanoToValue(nano);
  } catch (e) {
    if (e instanceof QuantityRangeError) return tooLarge;
    if (e instanceof QuantityError) return `${e.message}; expected a quantity like 500m or 2Gi`;
    throw e;
  }
  if (nano < 0n && scaled !== 0) return `must not be negative, ${got}`;
  if (nano % NANOS_PER_UNIT !== 0n && isIntegerResource(resource)) {
    return `must be a whole number of ${resource} (${resource === 'pods' ? 'pods are' : 'extended resources are'} counted in whole units), ${got}`;
  }
  return null;
}

/** The quantity text kube parses: a JSON number as written, a string trimmed of spaces. */
export function quantityText(value: string | number): string {
  return typeof value === 'number' ? String(value) : value.trim();
}

/** A resource name as a zod schema (see resourceNameProblem). */
export function resourceNameSchema(kind: ResourceListKind) {
  return z.string().superRefine((name, ctx) => {
    const problem = resourceNameProblem(name, kind);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/**
 * A v1.ResourceList: names and quantities checked (see resourceNameProblem, or the
 * stricter `nameProblem` given, and quantityProblem), read into a null-prototype record
 * of quantity texts, so that no name is dropped or inherited.
 */
export function resourceListSchema(kind: ResourceListKind, nameProblem: (name: string, kind: ResourceListKind) => string | null = resourceNameProblem) {
  return z.custom<Record<string, unknown>>((v) => v !== null && typeof v === 'object' && !Array.isArray(v), {
    message: 'expected a map of resource names to quantities',
  }).transform((list, ctx) => {
    const out = Object.create(null) as Record<string, string>;
    for (const name of Object.keys(list)) {
      const q = list[name];
      const problem = nameProblem(name, kind) ?? quantityProblem(name, q);
      if (problem !== null) {
        ctx.addIssue({ code: 'custom', path: [name], message: problem });
        return z.NEVER;
      }
      out[name] = quantityText(q as string | number);
    }
    return out;
  });
}
