import type { ContainerInput, ContainerStatusInput, PodInput } from './k8s-schema.js';
import type { PodResources } from './pod.js';
import { nanoToMilliValue, nanoToValue, nanoValue } from './quantity.js';
import type { ResourceTable } from './resources.js';
import { CPU, DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST, MEMORY, PODS } from './resources.js';

/** Resource dimension -> integer amount; a key that is absent is "missing", not zero. */
type Amounts = Map<number, number>;

/**
 * A v1.ResourceList while it is being summed: resource name -> exact amount in nano
 * units (quantities are exact multiples of 1n once parsed, so BigInt sums are exact).
 */
type ResourceList = Map<string, bigint>;

type PodSpec = PodInput['spec'];
type PodStatus = NonNullable<PodInput['status']>;

const NANO_PER_MILLI = 1_000_000n;
const NANO_PER_UNIT = 1_000_000_000n;
/** schedutil.DefaultMilliCPURequest / DefaultMemoryRequest, as quantities. */
const DEFAULT_CPU_NANO = BigInt(DEFAULT_MILLI_CPU_REQUEST) * NANO_PER_MILLI;
const DEFAULT_MEMORY_NANO = BigInt(DEFAULT_MEMORY_REQUEST) * NANO_PER_UNIT;

/**
 * What resourcehelper.PodRequests reads of a pod's status when kube-scheduler passes
 * UseStatusResources (InPlacePodVerticalScaling, GA and on in 1.35): the container
 * statuses by name and whether the resize is infeasible.
 */
export interface StatusResources {
  /**
   * status.containerStatuses, then status.initContainerStatuses, by name; a later
   * status of the same name replaces an earlier one, as in kube's map. Only statuses
   * that report `resources` are kept: kube reads a status only when it does.
   */
  readonly byName: ReadonlyMap<string, ContainerStatusInput>;
  /**
   * IsPodResizeInfeasible: the first PodResizePending condition has reason Infeasible.
   * (Kubernetes 1.33+ reports resizes in conditions; kube-scheduler no longer reads the
   * deprecated status.resize.)
   */
  readonly resizeInfeasible: boolean;
}

/**
 * The status resources of a pod, or null when they change no container's requests
 * (no container status reports `resources`, or each one that does gives its container
 * what the spec asks): the spec alone then gives the same numbers, computed once.
 */
export function statusResources(spec: PodSpec, status: PodStatus | null | undefined): StatusResources | null {
  const statuses = status?.containerStatuses ?? [];
  const initStatuses = status?.initContainerStatuses ?? [];
  if (statuses.length + initStatuses.length === 0) return null;
  const byName = new Map<string, ContainerStatusInput>();
  for (const cs of statuses) byName.set(cs.name, cs);
  for (const cs of initStatuses) byName.set(cs.name, cs);
  for (const [name, cs] of byName) if (cs.resources === null || cs.resources === undefined) byName.delete(name);
  if (byName.size === 0) return null;
  const resizePending = (status?.conditions ?? []).find((c) => c.type === 'PodResizePending');
  const read: StatusResources = { byName, resizeInfeasible: resizePending?.reason === 'Infeasible' };
  for (const c of spec.containers) if (changesRequests(c, read)) return read;
  for (const c of spec.initContainers ?? []) if (c.restartPolicy === 'Always' && changesRequests(c, read)) return read;
  return null;
}

/** Whether `status` gives container `c` other requests than its spec. */
function changesRequests(c: ContainerInput, status: StatusResources): boolean {
  const cs = status.byName.get(c.name ?? '');
  if (cs === undefined) return false;
  // Fast path, no quantity arithmetic: a running container's status repeats its spec.
  if (!status.resizeInfeasible && repeatsSpec(c, cs.resources?.requests) && repeatsSpec(c, cs.allocatedResources)) return false;
  const spec = containerRequests(c, null);
  const withStatus = containerRequests(c, status);
  if (spec.size !== withStatus.size) return true;
  for (const [name, v] of withStatus) if (spec.get(name) !== v) return true;
  return false;
}

/**
 * Everything kube-scheduler derives from a pod's requests, with the status read as
 * NodeInfo reads it (`status` from statusResources, or null for the spec alone):
 *
 *   requests: PodRequests, what NodeInfo adds to Requested for the pod on its node;
 *   nonZero*: what NodeInfo adds to NonZeroRequested (podRequests(.., true));
 *   score*: the pod's cpu and memory as the resource scorers read them
 *     (incomingPodScoringRequests); they too use UseStatusResources in kube.
 */
export function podResources(spec: PodSpec, status: StatusResources | null, resources: ResourceTable): PodResources {
  const nonZero = podRequests(spec, status, resources, true);
  const scoring = incomingPodScoringRequests(spec, status, resources);
  return {
    requests: toVector(podRequests(spec, status, resources, false), resources),
    nonZeroCpuMilli: nonZero.get(CPU) ?? 0,
    nonZeroMemBytes: nonZero.get(MEMORY) ?? 0,
    scoreCpuMilli: scoring.get(CPU) ?? 0,
    scoreMemBytes: scoring.get(MEMORY) ?? 0,
  };
}

/** Whether two results of podResources hold the same numbers. */
export function samePodResources(a: PodResources, b: PodResources): boolean {
  if (a.nonZeroCpuMilli !== b.nonZeroCpuMilli || a.nonZeroMemBytes !== b.nonZeroMemBytes) return false;
  if (a.scoreCpuMilli !== b.scoreCpuMilli || a.scoreMemBytes !== b.scoreMemBytes) return false;
  if (a.requests.length !== b.requests.length) return false;
  for (let i = 0; i < a.requests.length; i++) if (a.requests[i] !== b.requests[i]) return false;
  return true;
}

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
 * With `status` (UseStatusResources), a regular or sidecar container whose status
 * reports `resources` counts max(spec requests, status resources.requests,
 * allocatedResources) per resource, or while the resize is infeasible only the larger
 * of the two status lists (determineContainerReqs, per container, as in 1.35; kube
 * master takes the max of the three sums instead, kubernetes/kubernetes#140047). A
 * regular init container always counts its spec. Pod-level status (status.resources,
 * status.allocatedResources) is read only under InPlacePodLevelResourcesVerticalScaling,
 * alpha and off in 1.35, so not here.
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
export function podRequests(spec: PodSpec, status: StatusResources | null, resources: ResourceTable, nonZero: boolean): Amounts {
  const plain = computePodRequests(spec, status, null);
  if (!nonZero) return toAmounts(plain, resources);
  const nonMissing = nodeInfoNonMissing(plain, podLevelRequests(spec) !== null);
  return toAmounts(nonMissing.size > 0 ? computePodRequests(spec, status, nonMissing) : plain, resources);
}

/**
 * The pod's requests as NodeResourcesFit / LeastAllocated / MostAllocated /
 * RequestedToCapacityRatio score it (resourceAllocationScorer.calculatePodResourceRequest
 * with useRequested false, UseStatusResources on): every container missing a cpu /
 * memory request counts 100m / 200Mi, whether or not the pod has pod-level requests.
 * CAVEAT: differs from podRequests(.., true) only for a pod with pod-level requests
 * that set neither that resource nor leave it missing in every container.
 */
export function incomingPodScoringRequests(spec: PodSpec, status: StatusResources | null, resources: ResourceTable): Amounts {
  return toAmounts(computePodRequests(spec, status, defaultNonMissing()), resources);
}

/** Mirrors resourcehelper.PodRequests (pod-level resources on, pod-level status off). */
function computePodRequests(spec: PodSpec, status: StatusResources | null, nonMissing: ResourceList | null): ResourceList {
  const reqs = aggregateContainerRequests(spec, status, nonMissing);
  const podLevel = podLevelRequests(spec);
  if (podLevel !== null) {
    for (const [name, v] of podLevel) if (isSupportedPodLevelResource(name)) reqs.set(name, v);
  }
  add(reqs, quantities(spec.overhead));
  return reqs;
}

/** Mirrors AggregateContainerRequests (1.35: status per container, see podRequests). */
function aggregateContainerRequests(spec: PodSpec, status: StatusResources | null, nonMissing: ResourceList | null): ResourceList {
  const total: ResourceList = new Map();
  for (const c of spec.containers) add(total, withNonMissing(containerRequests(c, status), nonMissing));

  const sidecars: ResourceList = new Map();
  const initNeed: ResourceList = new Map();
  for (const c of spec.initContainers ?? []) {
    const sidecar = c.restartPolicy === 'Always';
    // kube reads the status of restartable init containers only.
    const req = withNonMissing(containerRequests(c, sidecar ? status : null), nonMissing);
    let need: ResourceList;
    if (sidecar) {
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

/**
 * A container's requests: its spec's (defaulted to its limits), or with `status`
 * determineContainerReqs' choice when its status reports resources.
 */
function containerRequests(c: ContainerInput, status: StatusResources | null): ResourceList {
  const spec = quantities({ ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) });
  const cs = status?.byName.get(c.name ?? '');
  if (cs === undefined) return spec;
  const out: ResourceList = status!.resizeInfeasible ? new Map() : spec;
  max(out, quantities(cs.resources?.requests));
  max(out, quantities(cs.allocatedResources));
  return out;
}

/** Whether every quantity of `list` is written exactly as the container's (defaulted) request for it. */
function repeatsSpec(c: ContainerInput, list: Readonly<Record<string, string>> | null | undefined): boolean {
  if (list === null || list === undefined) return true;
  const requests = c.resources?.requests;
  const limits = c.resources?.limits;
  for (const name of Object.keys(list)) if (list[name] !== (requests?.[name] ?? limits?.[name])) return false;
  return true;
}

/** Mirrors applyNonMissing: a resource the container does not request at all gets the default. */
function withNonMissing(req: ResourceList, nonMissing: ResourceList | null): ResourceList {
  if (nonMissing !== null) for (const [name, v] of nonMissing) if (!req.has(name)) req.set(name, v);
  return req;
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
    // The API server defaults the spec it stores: no status is involved.
    const aggregate = aggregateContainerRequests(spec, null, null);
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
