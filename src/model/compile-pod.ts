import { describeIssue } from './describe-issue.js';
import { InputError, excerpt, formatPath, pathPartsOf } from './errors.js';
import type { PodId, Sym } from './ids.js';
import { NO_SYM } from './ids.js';
import type { LabelSelectorInput, PodAffinityTermInput, PodInput } from './k8s-schema.js';
import { podSchema } from './k8s-schema.js';
import type { LabelSelector, LabelSet, Requirement } from './labels.js';
import {
  compileLabelSelector, compileLabels, labelValue, OP_IN, OP_NOT_IN, SELECT_NOTHING, withRequirements,
} from './labels.js';
import type { ModelContext } from './model-context.js';
import { compileNodeSelector, compileNodeSelectorTerm } from './node-selector.js';
import { controllerRefOf } from './owner-objects.js';
import type { CompiledPod, PodAffinityTerm, PodResources, SpreadConstraint, WeightedPodAffinityTerm } from './pod.js';
import { DO_NOT_SCHEDULE, SCHEDULE_ANYWAY } from './pod.js';
import type { AdmittedPriority, PriorityClasses } from './priority-class.js';
import { podResources, samePodResources, statusResources } from './pod-requests.js';
import { compileHostPort } from './ports.js';
import { compilePodVolumes } from './pod-volumes.js';
import { QuantityError } from './quantity.js';
import { compileTolerations } from './taints.js';
import type { GpuRequest } from './gpu-request.js';
import { makeGpuRequest, NO_GPU } from './gpu-request.js';
import { GPU_COUNT_RESOURCE, GPU_MILLI_RESOURCE, GPU_MODEL_LABEL } from './gpu-resources.js';
import type { SymbolTable } from './symbols.js';

/** Options for reading pods. */
export interface CompilePodOptions {
  /** Where the object came from, for error messages. */
  readonly file?: string;
  /** Namespace of a pod without metadata.namespace. @default "default" */
  readonly defaultNamespace?: string;
  /**
   * Reject what the API server's validation rejects but the scheduler tolerates (an empty
   * pod-affinity topologyKey). Off only for kube-scheduler's own unit-test vectors,
   * which bypass the API server. @default true
   */
  readonly apiValidation?: boolean;
  /**
   * The cluster's PriorityClasses: priority, priorityClassName and preemptionPolicy are
   * resolved as the Priority admission plugin resolves them (PriorityClasses.admit),
   * and a pod naming an unknown class is refused. Without it the pod's own fields are
   * taken as they are (spec.priority ?? 0).
   * @default undefined
   */
  readonly priorityClasses?: PriorityClasses;
}

/** Validates an unknown value as a v1 Pod and compiles it; throws InputError naming the field. */
export function compilePod(raw: unknown, ctx: ModelContext, opts: CompilePodOptions = {}): CompiledPod {
  const meta = (raw as { metadata?: { name?: unknown; namespace?: unknown } } | null)?.metadata;
  const ns = typeof meta?.namespace === 'string' ? meta.namespace : (opts.defaultNamespace ?? 'default');
  const objName = `pod ${ns === '' ? '' : `${ns}/`}${typeof meta?.name === 'string' ? meta.name : '(unnamed)'}`;
  const where = (path: string) => ({ file: opts.file, object: objName, path, pathParts: pathPartsOf(path) });
  const parsed = podSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError({ ...where(formatPath(issue.path)), pathParts: issue.path }, describeIssue(issue, raw));
  }
  const fail = (path: string, problem: string): never => { throw new InputError(where(path), problem); };
  const spec = parsed.data.spec;
  const admitted: AdmittedPriority = opts.priorityClasses !== undefined
    ? opts.priorityClasses.admit(spec, fail)
    : { className: spec.priorityClassName ?? '', priority: spec.priority ?? 0, preemptionPolicy: spec.preemptionPolicy ?? 'PreemptLowerPriority' };
  return compileValidPod(parsed.data, ns, ctx, fail, opts.apiValidation ?? true, admitted);
}

function compileValidPod(
  p: PodInput, ns: string, ctx: ModelContext, fail: (path: string, problem: string) => never, apiValidation: boolean, admitted: AdmittedPriority,
): CompiledPod {
  const { symbols, resources } = ctx;
  const spec = p.spec;
  const labels = compileLabels(p.metadata?.labels, symbols);
  const namespace = symbols.intern(ns);

  let counted: PodResources;
  let specResources: PodResources | null = null;
  try {
    // NodeInfo reads the container statuses (UseStatusResources); the spec alone is
    // kept too when they change anything (see CompiledPod.specResources).
    const status = statusResources(spec, p.status);
    counted = podResources(spec, status, resources);
    if (status !== null) {
      const fromSpec = podResources(spec, null, resources);
      if (!samePodResources(fromSpec, counted)) specResources = fromSpec;
    }
  } catch (e) {
    // Each quantity is within 2^53 once scaled (the schema checked); their sum may not be.
    if (e instanceof QuantityError) fail('spec.containers', `the pod's requests add up to more than ${Number.MAX_SAFE_INTEGER} (2^53 - 1, the largest integer schedbench holds exactly) in one resource`);
    throw e;
  }

  const na = spec.affinity?.nodeAffinity;
  const requiredNodeAffinity = na?.requiredDuringSchedulingIgnoredDuringExecution
    ? compileNodeSelector(na.requiredDuringSchedulingIgnoredDuringExecution, symbols,
      (path, m) => fail(`spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.${path}`, m))
    : null;
  const preferredNodeAffinity = (na?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t, i) => ({
    weight: t.weight,
    term: compileNodeSelectorTerm(t.preference, symbols,
      (path, m) => fail(`spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}].preference.${path}`, m)),
  }));
  const nodeSelector = spec.nodeSelector && Object.keys(spec.nodeSelector).length > 0
    ? compileNodeSelectorTerm(
      { matchExpressions: Object.entries(spec.nodeSelector).map(([key, v]) => ({ key, operator: 'In' as const, values: [v] })) },
      symbols, (path, m) => fail(`spec.nodeSelector.${path}`, m))
    : null;

  const termCtx: TermContext = { ctx, labels, ns: namespace, fail, apiValidation };
  const pa = spec.affinity?.podAffinity;
  const paa = spec.affinity?.podAntiAffinity;
  const base = 'spec.affinity';

  return {
    id: ctx.newPodId() as PodId,
    name: p.metadata?.name ?? '',
    namespace,
    labels,
    annotations: frozenAnnotations(p.metadata?.annotations),
    priority: admitted.priority,
    priorityClassName: admitted.className,
    preemptionPolicy: admitted.preemptionPolicy,
    ...counted,
    specResources,
    nodeName: spec.nodeName ? symbols.intern(spec.nodeName) : NO_SYM,
    nodeSelector,
    requiredNodeAffinity,
    preferredNodeAffinity,
    tolerations: compileTolerations(spec.tolerations, symbols, (path, m) => fail(`spec.tolerations${path}`, m)),
    affinityRequired: requiredTerms(pa?.requiredDuringSchedulingIgnoredDuringExecution, termCtx, `${base}.podAffinity.requiredDuringSchedulingIgnoredDuringExecution`),
    affinityPreferred: preferredTerms(pa?.preferredDuringSchedulingIgnoredDuringExecution, termCtx, `${base}.podAffinity.preferredDuringSchedulingIgnoredDuringExecution`),
    antiAffinityRequired: requiredTerms(paa?.requiredDuringSchedulingIgnoredDuringExecution, termCtx, `${base}.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution`),
    antiAffinityPreferred: preferredTerms(paa?.preferredDuringSchedulingIgnoredDuringExecution, termCtx, `${base}.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution`),
    spread: (spec.topologySpreadConstraints ?? []).map((c, i) => compileSpread(c, termCtx, `spec.topologySpreadConstraints[${i}]`)),
    hostPorts: hostPorts(p, ctx),
    images: [...(spec.initContainers ?? []), ...spec.containers]
      .filter((c) => c.image !== null && c.image !== undefined && c.image !== '')
      .map((c) => symbols.intern(normalizedImageName(c.image!))),
    containerCount: (spec.initContainers ?? []).length + spec.containers.length,
    gpu: gpuFromAnnotations(p.metadata?.annotations, symbols, fail),
    owner: controllerRefOf(p.metadata?.ownerReferences),
    terminating: p.metadata?.deletionTimestamp !== null && p.metadata?.deletionTimestamp !== undefined,
    preemptedByScheduler: preemptedByScheduler(p.status),
    gated: (spec.schedulingGates ?? []).length > 0,
    nominatedNodeName: p.status?.nominatedNodeName ? symbols.intern(p.status.nominatedNodeName) : NO_SYM,
    volumes: compilePodVolumes(spec.volumes, p.metadata?.name ?? '', fail),
  };
}

const NO_ANNOTATIONS: Readonly<Record<string, string>> = Object.freeze({});

/** metadata.annotations as a frozen record (user plugins read them; nothing else changes them). */
function frozenAnnotations(a: Readonly<Record<string, string>> | null | undefined): Readonly<Record<string, string>> {
  return a === null || a === undefined || Object.keys(a).length === 0 ? NO_ANNOTATIONS : Object.freeze({ ...a });
}

/**
 * Whether status.conditions says the scheduler preempted the pod: kube's
 * podTerminatingByPreemption reads only the first condition of type DisruptionTarget,
 * and asks for status True and reason PreemptionByScheduler. (The schema checked that
 * every condition has a string type.)
 */
function preemptedByScheduler(status: PodInput['status']): boolean {
  const c = (status?.conditions ?? []).find((x) => x.type === 'DisruptionTarget');
  return c !== undefined && c.status === 'True' && c.reason === 'PreemptionByScheduler';
}

interface TermContext {
  readonly ctx: ModelContext;
  readonly labels: LabelSet;
  readonly ns: Sym;
  readonly fail: (path: string, problem: string) => never;
  readonly apiValidation: boolean;
}

function requiredTerms(terms: readonly PodAffinityTermInput[] | null | undefined, tc: TermContext, path: string): PodAffinityTerm[] {
  return (terms ?? []).map((t, i) => compileAffinityTerm(t, tc, `${path}[${i}]`));
}

function preferredTerms(
  terms: readonly { weight: number; podAffinityTerm: PodAffinityTermInput }[] | null | undefined, tc: TermContext, path: string,
): WeightedPodAffinityTerm[] {
  return (terms ?? []).map((t, i) => ({
    weight: t.weight,
    term: compileAffinityTerm(t.podAffinityTerm, tc, `${path}[${i}].podAffinityTerm`),
  }));
}

/**
 * Compiles a pod-affinity term the way kube-scheduler's framework.AffinityTerm reads it:
 * no namespaces and no namespaceSelector means the pod's own namespace; matchLabelKeys
 * and mismatchLabelKeys are merged into the selector as the API server merges them
 * (key In / NotIn the incoming pod's value, for keys the pod has).
 */
function compileAffinityTerm(t: PodAffinityTermInput, tc: TermContext, path: string): PodAffinityTerm {
  const { symbols } = tc.ctx;
  if (tc.apiValidation && t.topologyKey === '') tc.fail(`${path}.topologyKey`, 'topologyKey must not be empty');
  const sel = compileSel(t.labelSelector, tc, `${path}.labelSelector`);
  const extra: Requirement[] = [
    ...labelKeyRequirements(t.matchLabelKeys, OP_IN, tc),
    ...labelKeyRequirements(t.mismatchLabelKeys, OP_NOT_IN, tc),
  ];
  const namespaces = t.namespaces ?? [];
  const hasNsSelector = t.namespaceSelector !== null && t.namespaceSelector !== undefined;
  return {
    selector: withRequirements(sel, extra),
    namespaces: namespaces.length === 0 && !hasNsSelector
      ? Int32Array.of(tc.ns)
      : Int32Array.from(new Set(namespaces.map((n) => symbols.intern(n)))),
    namespaceSelector: hasNsSelector ? compileSel(t.namespaceSelector, tc, `${path}.namespaceSelector`) : SELECT_NOTHING,
    topologyKey: symbols.intern(t.topologyKey),
  };
}

function compileSpread(
  c: NonNullable<PodInput['spec']['topologySpreadConstraints']>[number], tc: TermContext, path: string,
): SpreadConstraint {
  const sel = compileSel(c.labelSelector, tc, `${path}.labelSelector`);
  if (c.minDomains !== null && c.minDomains !== undefined && c.whenUnsatisfiable !== 'DoNotSchedule') {
    tc.fail(`${path}.minDomains`, 'minDomains may only be set with whenUnsatisfiable: DoNotSchedule');
  }
  return {
    maxSkew: c.maxSkew,
    topologyKey: tc.ctx.symbols.intern(c.topologyKey),
    whenUnsatisfiable: c.whenUnsatisfiable === 'DoNotSchedule' ? DO_NOT_SCHEDULE : SCHEDULE_ANYWAY,
    selector: withRequirements(sel, labelKeyRequirements(c.matchLabelKeys, OP_IN, tc)),
    minDomains: c.minDomains ?? 1,
    honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
    honorNodeTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
  };
}

function compileSel(sel: LabelSelectorInput | null | undefined, tc: TermContext, path: string): LabelSelector {
  return compileLabelSelector(sel, tc.ctx.symbols, (p, m) => tc.fail(`${path}.${p}`, m));
}

function labelKeyRequirements(keys: readonly string[] | null | undefined, op: typeof OP_IN | typeof OP_NOT_IN, tc: TermContext): Requirement[] {
  const out: Requirement[] = [];
  for (const k of keys ?? []) {
    const key = tc.ctx.symbols.intern(k);
    const v = labelValue(tc.labels, key);
    if (v !== NO_SYM) out.push({ key, op, values: Int32Array.of(v), bound: 0 });
  }
  return out;
}

function hostPorts(p: PodInput, ctx: ModelContext) {
  const out = [];
  // kube-scheduler util.GetHostPorts: restartable (sidecar) init containers, then regular ones.
  const sidecars = (p.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  for (const c of [...sidecars, ...p.spec.containers]) {
    for (const port of c.ports ?? []) {
      if ((port.hostPort ?? 0) > 0) out.push(compileHostPort(port.hostIP, port.protocol, port.hostPort!, ctx.symbols));
    }
  }
  return out;
}

/**
 * Mirrors imagelocality.normalizedImageName: an image without a tag or digest is
 * ":latest". (A ':' after the last '/' is a tag; a digest contains '@'.)
 */
export function normalizedImageName(name: string): string {
  if (name.lastIndexOf(':') <= name.lastIndexOf('/')) return `${name}:latest`;
  return name;
}

/**
 * The GPU request from the GPU-sharing annotations the openb trace's simulator uses:
 * alibabacloud.com/gpu-count (GPUs), alibabacloud.com/gpu-milli (milli-GPU on each,
 * default 1000) and alibabacloud.com/gpu-card-model (allowed models, `|`-separated).
 */
function gpuFromAnnotations(
  annotations: Readonly<Record<string, string>> | null | undefined, symbols: SymbolTable, fail: (path: string, problem: string) => never,
): GpuRequest {
  const count = annotations?.[GPU_COUNT_RESOURCE];
  if (count === undefined) return NO_GPU;
  const at = (k: string) => `metadata.annotations["${k}"]`;
  if (!/^\d+$/.test(count)) fail(at(GPU_COUNT_RESOURCE), `expected a whole number of GPUs, got ${excerpt(count)}`);
  const milliText = annotations?.[GPU_MILLI_RESOURCE] ?? '1000';
  if (!/^\d+$/.test(milliText)) fail(at(GPU_MILLI_RESOURCE), `expected milli-GPU from 1 to 1000, got ${excerpt(milliText)}`);
  const models = (annotations?.[GPU_MODEL_LABEL] ?? '').split('|').filter((m) => m !== '');
  try {
    return makeGpuRequest(Number(count), Number(count) === 0 ? 0 : Number(milliText), Int32Array.from(models, (m) => symbols.intern(m)));
  } catch (e) {
    return fail(at(GPU_MILLI_RESOURCE), (e as Error).message);
  }
}
