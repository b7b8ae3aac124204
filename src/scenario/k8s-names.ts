import { excerpt } from '../model/errors.js';
import { isQualifiedName, isValidLabelValue } from '../model/labels.js';
import { QuantityError, milliValue, nanoValue, parseQuantity, unitValue } from '../model/quantity.js';

/**
 * Checks of the Kubernetes names and quantities a scenario file writes by hand (pool
 * capacity, template requests and limits, labels, nodeSelectors), the way the API
 * server's validation checks them. Each returns null when the value is fine, otherwise
 * the problem as text that quotes the value.
 */

/** Where a resource list sits: node capacity admits `pods`, a container does not. */
export type ResourceListKind = 'node' | 'container';

const HUGEPAGES = /^hugepages-/;

/**
 * Mirrors validateResourceName / ValidateContainerResourceName: a qualified name; without
 * a domain it must be a standard resource (cpu, memory, ephemeral-storage, hugepages-<size>,
 * and pods for nodes); `requests.` is reserved for quotas.
 */
export function resourceNameProblem(name: string, kind: ResourceListKind): string | null {
  const standard = kind === 'node' ? 'cpu, memory, ephemeral-storage, pods, hugepages-<size>' : 'cpu, memory, ephemeral-storage, hugepages-<size>';
  const bad = `not a resource name: expected a standard resource (${standard}) or a domain-qualified name like nvidia.com/gpu, got ${excerpt(name)}`;
  if (!isQualifiedName(name) || name.startsWith('requests.')) return bad;
  if (name.includes('/')) return null;
  if (name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || HUGEPAGES.test(name)) return null;
  if (name === 'pods' && kind === 'node') return null;
  return bad;
}

/** Extended resources (domain-qualified, outside kubernetes.io) and pods are counted in whole units. */
function isIntegerResource(name: string): boolean {
  return name === 'pods' || (name.includes('/') && !name.includes('kubernetes.io/'));
}

/**
 * A quantity a resource list may hold: a Kubernetes quantity, not negative, whole for
 * integer resources (fractional nvidia.com/gpu), and small enough that its value as
 * schedbench stores it (milli-units for cpu, units otherwise) is an exact integer
 * (at most Number.MAX_SAFE_INTEGER = 2^53 - 1).
 */
export function quantityProblem(resource: string, value: string | number): string | null {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const got = `got ${excerpt(value)}`;
  if (typeof value === 'number' && !Number.isFinite(value)) return `expected a quantity like 500m or 2Gi, ${got}`;
  let negative: boolean;
  try {
    negative = parseQuantity(text).negative;
  } catch (e) {
    if (e instanceof QuantityError) return `expected a quantity like 500m or 2Gi, ${got}`;
    throw e;
  }
  let scaled: number;
  try {
    scaled = resource === 'cpu' ? milliValue(text) : unitValue(text);
  } catch (e) {
    if (e instanceof QuantityError) {
      return `too large: at most ${Number.MAX_SAFE_INTEGER}${resource === 'cpu' ? 'm (milli-cpu)' : ''} (2^53 - 1, the largest exact integer), ${got}`;
    }
    throw e;
  }
  if (negative && scaled !== 0) return `must not be negative, ${got}`;
  if (isIntegerResource(resource) && nanoValue(text) % NANOS_PER_UNIT !== 0n) return `must be a whole number of ${resource}, ${got}`;
  return null;
}

const NANOS_PER_UNIT = 1_000_000_000n;

/** Mirrors ValidateLabels: a qualified-name key and a label value (63 characters, alphanumeric ends). */
export function labelProblem(key: string, value: unknown): string | null {
  if (!isQualifiedName(key)) {
    return `not a label key: expected [prefix/]name, the name at most 63 characters of a-z, A-Z, 0-9, '-', '_', '.' with alphanumeric ends, got ${excerpt(key)}`;
  }
  if (typeof value !== 'string') return `expected a string label value, got ${excerpt(value)}`;
  if (!isValidLabelValue(value)) return `not a label value: expected at most 63 characters of a-z, A-Z, 0-9, '-', '_', '.' with alphanumeric ends, got ${excerpt(value)}`;
  return null;
}
