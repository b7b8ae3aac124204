import { InputError, excerpt } from './errors.js';
import type { Sym } from './ids.js';
import type { LabelSelector, LabelSet } from './labels.js';
import { OP_IN, selectorMatches } from './labels.js';
import type { ModelContext } from './model-context.js';
import { compileController } from './owner-objects.js';
import type { CompiledPod } from './pod.js';
import { compileService } from './service.js';
import type { Workload, WorkloadKind } from './workload.js';
import { isWorkloadKind, WORKLOAD_API_VERSIONS } from './workload.js';

export type { ControllerKind, Workload, WorkloadKind } from './workload.js';
export { labelsAsSelector } from './workload.js';

/** Options for compileWorkload. */
export interface CompileWorkloadOptions {
  /** Where the object came from, for error messages. */
  readonly file?: string;
  /** Namespace of an object without metadata.namespace. @default "default" */
  readonly defaultNamespace?: string;
  /**
   * Refuse what the API server's validation refuses (a missing or empty apps/v1
   * selector, a selector that does not match the pod template's labels, an apiVersion
   * other than the kind's). Off only for objects taken from kube-scheduler's own unit
   * tests, which bypass the API server. @default true
   */
  readonly apiValidation?: boolean;
}

/**
 * Validates a workload object and compiles it; throws InputError naming the field. The
 * kinds: v1 Service and ReplicationController, apps/v1 ReplicaSet, StatefulSet,
 * Deployment and DaemonSet, batch/v1 Job (service.ts, owner-objects.ts). An apiVersion,
 * when written, must be the kind's (extensions/v1beta1 and apps/v1beta2 are no longer
 * served).
 */
export function compileWorkload(raw: unknown, ctx: ModelContext, opts: CompileWorkloadOptions = {}): Workload {
  const o = raw as { kind?: unknown; apiVersion?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
  const kind = o?.kind;
  const object = `${typeof kind === 'string' ? kind : 'workload'} ${typeof o?.metadata?.name === 'string' ? o.metadata.name : '(unnamed)'}`;
  const apiValidation = opts.apiValidation ?? true;
  if (typeof kind !== 'string' || !isWorkloadKind(kind)) {
    throw new InputError({ file: opts.file, object, path: 'kind', pathParts: ['kind'] }, `got ${excerpt(kind)}; supported values: ${Object.keys(WORKLOAD_API_VERSIONS).map((k) => excerpt(k)).join(', ')}`);
  }
  const apiVersion = o?.apiVersion;
  if (apiValidation && apiVersion !== undefined && apiVersion !== WORKLOAD_API_VERSIONS[kind]) {
    throw new InputError({ file: opts.file, object, path: 'apiVersion', pathParts: ['apiVersion'] }, `expected ${excerpt(WORKLOAD_API_VERSIONS[kind])} for a ${kind}, got ${excerpt(apiVersion)}`);
  }
  const ns = o?.metadata?.namespace;
  const door = { file: opts.file, object, namespace: typeof ns === 'string' ? ns : (opts.defaultNamespace ?? 'default'), apiValidation };
  return kind === 'Service' ? compileService(raw, ctx, door) : compileController(raw, kind, ctx, door);
}

/**
 * The workloads of one cluster: Services and controllers (ReplicationControllers,
 * ReplicaSets, StatefulSets, Deployments, Jobs, DaemonSets) by namespace. It answers
 * which workloads select or own a pod, builds the selector kube-scheduler's system
 * default spreading uses for a pod, and gives the disruption controller the scale of a
 * pod's controller.
 */
export class WorkloadSet {
  private readonly services = new Map<Sym, Workload[]>();
  private readonly controllers = new Map<string, Workload>();
  private gen = 0;

  constructor(private readonly ctx: ModelContext) {}

  /** Bumped on every change, so callers can cache per-pod answers. */
  get generation(): number {
    return this.gen;
  }

  /** Adds a workload, replacing one of the same kind, namespace and name. */
  add(w: Workload): void {
    this.remove(w.kind, w.namespace, w.name);
    if (w.kind === 'Service') {
      let list = this.services.get(w.namespace);
      if (list === undefined) this.services.set(w.namespace, (list = []));
      list.push(w);
    } else {
      this.controllers.set(controllerKey(w.kind, w.namespace, w.name), w);
    }
    this.gen++;
  }

  /** Removes a workload; false when there was none. */
  remove(kind: WorkloadKind, namespace: Sym, name: string): boolean {
    let removed = false;
    if (kind === 'Service') {
      const list = this.services.get(namespace);
      const i = list === undefined ? -1 : list.findIndex((s) => s.name === name);
      if (i >= 0) { list!.splice(i, 1); removed = true; }
    } else {
      removed = this.controllers.delete(controllerKey(kind, namespace, name));
    }
    if (removed) this.gen++;
    return removed;
  }

  /** The workload of this kind, namespace and name, or null. */
  get(kind: WorkloadKind, namespace: Sym, name: string): Workload | null {
    if (kind === 'Service') return this.services.get(namespace)?.find((s) => s.name === name) ?? null;
    return this.controllers.get(controllerKey(kind, namespace, name)) ?? null;
  }

  /** Whether a workload selects the pod: same namespace and its selector matches. */
  selects(w: Workload, pod: CompiledPod): boolean {
    return w.namespace === pod.namespace && selectorMatches(w.selector, pod.labels, this.ctx.symbols);
  }

  /**
   * The Services whose selector matches the pod, in the order they were added. Mirrors
   * helper.GetPodServices: a Service without selector matches nothing.
   */
  podServices(pod: CompiledPod): Workload[] {
    const out: Workload[] = [];
    for (const s of this.services.get(pod.namespace) ?? []) {
      if (s.labels !== null && this.selects(s, pod)) out.push(s);
    }
    return out;
  }

  /**
   * The pod's controller as helper.DefaultSelector sees it: a known v1
   * ReplicationController, apps/v1 ReplicaSet or apps/v1 StatefulSet; null for any other
   * owner (Deployments own ReplicaSets, not pods; Jobs and DaemonSets do not count).
   */
  controllerOf(pod: CompiledPod): Workload | null {
    const owner = pod.owner;
    if (owner === null) return null;
    const kind = owner.kind;
    // helper.DefaultSelector matches the owner's group/version/kind: v1 RC, apps/v1 RS and SS.
    const apiVersion = kind === 'ReplicationController' ? 'v1' : 'apps/v1';
    if (kind !== 'ReplicationController' && kind !== 'ReplicaSet' && kind !== 'StatefulSet') return null;
    if (owner.apiVersion !== apiVersion) return null;
    return this.controllers.get(controllerKey(kind, pod.namespace, owner.name)) ?? null;
  }

  /** Every workload that selects the pod (its Services) or owns it (its controller, as controllerOf). */
  workloadsOf(pod: CompiledPod): Workload[] {
    const out = this.podServices(pod);
    const c = this.controllerOf(pod);
    if (c !== null) out.push(c);
    return out;
  }

  /**
   * The selector kube-scheduler spreads a pod's workload by when the pod has no
   * topology spread constraints of its own. Mirrors helper.DefaultSelector
   * (plugins/helper/spread.go): the label maps of the matching Services merged, as
   * `key In [value]`; then the owning ReplicationController's map merged into that set,
   * or the owning ReplicaSet's / StatefulSet's requirements appended. A result without
   * requirements means "no workload": the caller applies no default constraints.
   */
  defaultSelector(pod: CompiledPod): LabelSelector {
    const merged = new Map<Sym, Sym>();
    for (const s of this.podServices(pod)) mergeInto(merged, s.labels!);
    const c = this.controllerOf(pod);
    if (c !== null && c.kind === 'ReplicationController') {
      if (c.labels !== null) mergeInto(merged, c.labels);
      return mapAsSelector(merged);
    }
    const base = mapAsSelector(merged);
    // A nil ReplicaSet selector parses to Nothing, whose Requirements() reports !ok: kube adds nothing.
    if (c !== null && !c.selector.nothing && c.selector.requirements.length > 0) {
      return { nothing: false, requirements: [...base.requirements, ...c.selector.requirements] };
    }
    return base;
  }
}

function controllerKey(kind: WorkloadKind, namespace: Sym, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}

function mergeInto(m: Map<Sym, Sym>, labels: LabelSet): void {
  for (let i = 0; i < labels.length; i += 2) m.set(labels[i] as Sym, labels[i + 1] as Sym);
}

/** labels.Set.AsSelector over a map: requirements sorted by key (as labels.Set sorts them). */
function mapAsSelector(m: Map<Sym, Sym>): LabelSelector {
  const keys = [...m.keys()].sort((a, b) => a - b);
  return {
    nothing: false,
    requirements: keys.map((k) => ({ key: k, op: OP_IN, values: Int32Array.of(m.get(k)!), bound: 0 })),
  };
}
