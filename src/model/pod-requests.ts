import type { ContainerInput, PodInput } from './k8s-schema.js';
import { nanoToMilliValue, nanoToValue, nanoValue } from './quantity.js';
import type { ResourceTable } from './resources.js';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST, PODS } from './resources.js';

/** Resource dimension -> integer amount; a key that is absent is "missing", not zero. */
type Amounts = Map<number, number>;

/**
 * A v1.ResourceList while it is being summed: resource name -> exact amount in nano
 * units (quantities are exact multiples of 1n once parsed, so BigInt sums are exact).
 */
type ResourceList = Map<string, bigint>;

type PodSpec = PodInput['spec'];

const NANO_PER_MILLI = 1_000_000n;
const NANO_PER_UNIT = 1_000_000_000n;
/** schedutil.DefaultMilliCPURequest / DefaultMemoryRequest, as quantities. */
const DEFAULT_CPU_NANO = BigInt(DEFAULT_MILLI_CPU_REQUEST) * NANO_PER_MILLI;
const DEFAULT_MEMORY_NANO = BigInt(DEFAULT_MEMORY_REQUEST) * NANO_PER_UNIT;

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
 *     replace the container totals for cpu, memory and hugepages-*;
 *   spec.overhead is added last.
 *
 * Quantities are summed exactly and scaled once per pod (MilliValue for cpu, Value for
 * everything else), as kube sums v1.ResourceList quantities before NodeInfo converts.
 *
 * `nonZero` gives what NodeInfo adds to NonZeroRequested for a pod bound to a node
 * (framework.PodInfo.CalculateResource): containers missing a cpu / memory request
 * count 100m / 200Mi (NonMissingContainerRequests), except that a pod with pod-level
 * requests gets the default only for a resource its requests lack altogether.
 * The incoming pod is scored with incomingPodScoringRequests instead.
 *
 * The API server's defaulting is applied first, as for any stored pod: a container's
 * requests default to its limits, and pod-level requests default from pod-level limits
 * (pkg/apis/core/v1 SetDefaults_Pod).
 */
export function podRequests(spec: PodSpec, resources: ResourceTable, nonZero: boolean): Amounts {
  const plain = computePodRequests(spec, null);
  if (!nonZero) return toAmounts(plain, resources);
  const nonMissing = nodeInfoNonMissing(plain, podLevelRequests(spec) !== null);
  return toAmounts(nonMissing.size > 0 ? computePodRequests(spec, nonMissing) : plain, resources);
}

/**
 * The incoming pod's requests as NodeResourcesFit / LeastAllocated / MostAllocated /
 * RequestedToCapacityRatio score it (resourceAllocationScorer.calculatePodResourceRequest
 * with useRequested false): every container missing a cpu / memory request counts
 * 100m / 200Mi, whether or not the pod has pod-level requests.
 * CAVEAT: differs from podRequests(.., true) only for a pod with pod-level requests
 * that set neither that resource nor leave it missing in every container.
 */
export function incomingPodScoringRequests(spec: PodSpec, resources: ResourceTable): Amounts {
  return toAmounts(computePodRequests(spec, defaultNonMissing()), resources);
}

/** Mirrors resourcehelper.PodRequests (no status resources, pod-level resources on). */
function computePodRequests(spec: PodSpec, nonMissing: ResourceList | null): ResourceList {
  const reqs = aggregateContainerRequests(spec, nonMissing);
  const podLevel = podLevelRequests(spec);
  if (podLevel !== null) {
    for (const [name, v] of podLevel) if (isSupportedPodLevelResource(name)) reqs.set(name, v);
  }
  add(reqs, quantities(spec.overhead));
  return reqs;
}

/** Mirrors aggregateContainerResourcesByFn with the spec's (defaulted) requests. */
function aggregateContainerRequests(spec: PodSpec, nonMissing: ResourceList | null): ResourceList {
  const total: ResourceList = new Map();
  for (const c of spec.containers) add(total, containerRequests(c, nonMissing));

  const sidecars: ResourceList = new Map();
  const initNeed: ResourceList = new Map();
  for (const c of spec.initContainers ?? []) {
    const req = containerRequests(c, nonMissing);
    let need: ResourceList;
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
  return total;
}

/** A container's requests after defaulting to its limits, plus NonMissingContainerRequests. */
function containerRequests(c: ContainerInput, nonMissing: ResourceList | null): ResourceList {
  const out = quantities({ ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) });
  if (nonMissing !== null) for (const [name, v] of nonMissing) if (!out.has(name)) out.set(name, v);
  return out;
}

/**
 * spec.resources.requests after the API server's defaultPodRequests, or null when the
 * pod sets no supported pod-level request (resourcehelper.IsPodLevelRequestsSet).
 */
function podLevelRequests(spec: PodSpec): ResourceList | null {
  const requests = quantities(spec.resources?.requests);
  const limits = quantities(spec.resources?.limits);
  if (limits.size > 0) {
    // defaultPodRequests: overcommittable resources (cpu, memory) default to the
    // containers' aggregate when they request them, then anything supported to the limit.
    const aggregate = aggregateContainerRequests(spec, null);
    for (const [name, v] of aggregate) {
      if (!requests.has(name) && (name === 'cpu' || name === 'memory')) requests.set(name, v);
    }
    for (const [name, v] of limits) if (!requests.has(name) && isSupportedPodLevelResource(name)) requests.set(name, v);
  }
  for (const name of requests.keys()) if (isSupportedPodLevelResource(name)) return requests;
  return null;
}

/** Mirrors getNonMissingContainerRequests in pkg/scheduler/framework (NodeInfo's view). */
function nodeInfoNonMissing(requests: ResourceList, podLevelSet: boolean): ResourceList {
  if (!podLevelSet) return defaultNonMissing();
  const out: ResourceList = new Map();
  if (!requests.has('cpu')) out.set('cpu', DEFAULT_CPU_NANO);
  if (!requests.has('memory')) out.set('memory', DEFAULT_MEMORY_NANO);
  return out;
}

function defaultNonMissing(): ResourceList {
  return new Map([['cpu', DEFAULT_CPU_NANO], ['memory', DEFAULT_MEMORY_NANO]]);
}

/** resourcehelper.IsSupportedPodLevelResource: cpu, memory and hugepages-*. */
function isSupportedPodLevelResource(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name.startsWith('hugepages-');
}

function quantities(list: Readonly<Record<string, string>> | null | undefined): ResourceList {
  const out: ResourceList = new Map();
  if (list === null || list === undefined) return out;
  for (const [name, q] of Object.entries(list)) out.set(name, nanoValue(q));
  return out;
}

function add(into: ResourceList, from: ResourceList): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0n) + v);
}

function max(into: ResourceList, from: ResourceList): void {
  for (const [k, v] of from) {
    const cur = into.get(k);
    if (cur === undefined || cur < v) into.set(k, v);
  }
}

/** Scales a summed list per dimension: MilliValue for cpu, Value otherwise. */
function toAmounts(list: ResourceList, resources: ResourceTable): Amounts {
  const out: Amounts = new Map();
  for (const [name, v] of list) {
    // A pod's "pods" amount is always exactly 1, set by toVector; kube's Resource.Add
    // sends a "pods" request to AllowedPodNumber, which NodeInfo never reads for pods.
    if (name === 'pods') continue;
    out.set(resources.intern(name), name === 'cpu' ? nanoToMilliValue(v) : nanoToValue(v));
  }
  return out;
}

/** Dense request vector (length = resources.size) with requests[PODS] = 1. */
export function toVector(a: Amounts, resources: ResourceTable): Float64Array {
  const v = new Float64Array(resources.size);
  for (const [k, amount] of a) v[k] = amount;
  v[PODS] = 1;
  return v;
}
