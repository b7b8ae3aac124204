import type { ContainerInput, PodInput } from './k8s-schema.js';
import { milliValue, unitValue } from './quantity.js';
import type { ResourceTable } from './resources.js';
import { CPU, DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST, MEMORY, PODS } from './resources.js';

/** Resource dimension -> integer amount; a key that is absent is "missing", not zero. */
type Amounts = Map<number, number>;

/**
 * A pod's requests the way kube-scheduler computes them (k8s.io/component-helpers
 * resource.PodRequests, used by NodeInfo and noderesources):
 *
 *   containers: summed;
 *   init containers: each one's need is its own request plus the restartable (sidecar,
 *     restartPolicy: Always) init containers before it; sidecars are also added to the
 *     running total like regular containers; the result is max(running total, every
 *     init container's need) per resource;
 *   pod-level spec.resources.requests (PodLevelResources, on by default since 1.34)
 *     replace the container totals for cpu, memory and hugepages;
 *   spec.overhead is added last.
 *
 * `nonZero` applies kube-scheduler's scoring defaults (100m CPU, 200Mi memory) to every
 * container whose request for them is missing (NonMissingContainerRequests).
 *
 * Requests default to limits where only a limit is given, as the API server's defaulting
 * does for stored pods.
 *
 * CAVEAT: amounts are scaled to integers per container before summing; Kubernetes sums
 * exact quantities first. They differ only for sub-millicore CPU or sub-byte requests.
 */
export function podRequests(spec: PodInput['spec'], resources: ResourceTable, nonZero: boolean): Amounts {
  const total: Amounts = new Map();
  for (const c of spec.containers) add(total, containerRequests(c, resources, nonZero));

  const sidecars: Amounts = new Map();
  const initNeed: Amounts = new Map();
  for (const c of spec.initContainers ?? []) {
    const req = containerRequests(c, resources, nonZero);
    let need: Amounts;
    if (c.restartPolicy === 'Always') {
      add(total, req);
      add(sidecars, req);
      need = sidecars;
    } else {
      need = new Map(req);
      add(need, sidecars);
    }
    max(initNeed, need);
  }
  max(total, initNeed);

  const podLevel = spec.resources?.requests ?? spec.resources?.limits;
  if (podLevel !== null && podLevel !== undefined) {
    const merged = { ...(spec.resources?.limits ?? {}), ...(spec.resources?.requests ?? {}) };
    for (const [name, q] of Object.entries(merged)) {
      if (name === 'cpu' || name === 'memory' || name.startsWith('hugepages-')) {
        total.set(resources.intern(name), scaled(name, q));
      }
    }
  }
  add(total, amounts(spec.overhead, resources));
  return total;
}

/** requests + limits-as-defaults for one container, plus scoring defaults if asked. */
function containerRequests(c: ContainerInput, resources: ResourceTable, nonZero: boolean): Amounts {
  const merged = { ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) };
  const out = amounts(merged, resources);
  if (nonZero) {
    if (!out.has(CPU)) out.set(CPU, DEFAULT_MILLI_CPU_REQUEST);
    if (!out.has(MEMORY)) out.set(MEMORY, DEFAULT_MEMORY_REQUEST);
  }
  return out;
}

function amounts(list: Readonly<Record<string, string>> | null | undefined, resources: ResourceTable): Amounts {
  const out: Amounts = new Map();
  if (list === null || list === undefined) return out;
  for (const [name, q] of Object.entries(list)) {
    if (name === 'pods') continue; // a pod's "pods" request is always exactly 1, set by the caller
    out.set(resources.intern(name), scaled(name, q));
  }
  return out;
}

/** A quantity in the dimension's unit: millicores for cpu, whole units otherwise. */
function scaled(name: string, q: string): number {
  return name === 'cpu' ? milliValue(q) : unitValue(q);
}

function add(into: Amounts, from: Amounts): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

function max(into: Amounts, from: Amounts): void {
  for (const [k, v] of from) if (!into.has(k) || into.get(k)! < v) into.set(k, v);
}

/** Dense request vector (length = resources.size) with requests[PODS] = 1. */
export function toVector(a: Amounts, resources: ResourceTable): Float64Array {
  const v = new Float64Array(resources.size);
  for (const [k, amount] of a) v[k] = amount;
  v[PODS] = 1;
  return v;
}
