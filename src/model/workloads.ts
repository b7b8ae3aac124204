import { z } from 'zod';
import { describeIssue } from './describe-issue.js';
import { InputError, formatPath } from './errors.js';
import type { Sym } from './ids.js';
import { labelSelectorSchema } from './k8s-schema.js';
import { labelMapSchema } from './label-schema.js';
import type { LabelSelector, LabelSet, Requirement } from './labels.js';
import { compileLabels, compileLabelSelector, OP_IN, selectorMatches } from './labels.js';
import type { ModelContext } from './model-context.js';
import type { CompiledPod } from './pod.js';

/** The kinds of workload kube-scheduler's DefaultSelector looks at. */
export type WorkloadKind = 'Service' | 'ReplicationController' | 'ReplicaSet' | 'StatefulSet';

/**
 * A compiled workload: what selects a set of pods in one namespace. Services and
 * ReplicationControllers select with a label map (kept as `labels`, because kube merges
 * them as label sets); ReplicaSets and StatefulSets with a metav1.LabelSelector.
 */
export interface Workload {
  readonly kind: WorkloadKind;
  readonly namespace: Sym;
  readonly name: string;
  /** The selector as a LabelSelector (a map becomes `key In [value]` requirements). */
  readonly selector: LabelSelector;
  /**
   * Service / ReplicationController: spec.selector as a LabelSet; null when the map is
   * absent (a Service without selector selects nothing). Always null for the other kinds.
   */
  readonly labels: LabelSet | null;
}

const meta = z.looseObject({ name: z.string().min(1, 'a workload needs metadata.name'), namespace: z.string().optional() });
const workloadSchema = z.discriminatedUnion('kind', [
  z.looseObject({ kind: z.literal('Service'), metadata: meta, spec: z.looseObject({ selector: labelMapSchema.nullish() }).nullish() }),
  z.looseObject({ kind: z.literal('ReplicationController'), metadata: meta, spec: z.looseObject({ selector: labelMapSchema.nullish() }).nullish() }),
  z.looseObject({ kind: z.literal('ReplicaSet'), metadata: meta, spec: z.looseObject({ selector: labelSelectorSchema.nullish() }) }),
  z.looseObject({ kind: z.literal('StatefulSet'), metadata: meta, spec: z.looseObject({ selector: labelSelectorSchema.nullish() }) }),
]);

/**
 * Validates a v1 Service, v1 ReplicationController, apps/v1 ReplicaSet or apps/v1
 * StatefulSet and compiles it; throws InputError naming the field.
 */
export function compileWorkload(raw: unknown, ctx: ModelContext, opts: { file?: string; defaultNamespace?: string } = {}): Workload {
  const m = (raw as { kind?: unknown; metadata?: { name?: unknown } } | null);
  const objName = `${typeof m?.kind === 'string' ? m.kind : 'workload'} ${typeof m?.metadata?.name === 'string' ? m.metadata.name : '(unnamed)'}`;
  const parsed = workloadSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError({ file: opts.file, object: objName, path: formatPath(issue.path), pathParts: issue.path }, describeIssue(issue, raw));
  }
  const w = parsed.data;
  const { symbols } = ctx;
  const namespace = symbols.intern(w.metadata.namespace ?? opts.defaultNamespace ?? 'default');
  const fail = (path: string, problem: string): never => {
    throw new InputError({ file: opts.file, object: objName, path: `spec.selector.${path}` }, problem);
  };
  switch (w.kind) {
    case 'Service':
    case 'ReplicationController': {
      const map = w.spec?.selector;
      const labels = map === null || map === undefined ? null : compileLabels(map, symbols);
      return { kind: w.kind, namespace, name: w.metadata.name, selector: labels === null ? { nothing: true, requirements: [] } : labelsAsSelector(labels), labels };
    }
    case 'ReplicaSet':
    case 'StatefulSet':
      return { kind: w.kind, namespace, name: w.metadata.name, selector: compileLabelSelector(w.spec.selector, symbols, fail), labels: null };
    default: {
      const never: never = w;
      throw new Error(`unhandled workload ${String(never)}`);
    }
  }
}

/** labels.Set.AsSelector: one `key In [value]` requirement per label, in key order. */
export function labelsAsSelector(labels: LabelSet): LabelSelector {
  const reqs: Requirement[] = [];
  for (let i = 0; i < labels.length; i += 2) {
    reqs.push({ key: labels[i] as Sym, op: OP_IN, values: Int32Array.of(labels[i + 1]!), bound: 0 });
  }
  return { nothing: false, requirements: reqs };
}

/**
 * The workloads of one cluster: Services, ReplicationControllers, ReplicaSets and
 * StatefulSets by namespace. It answers which workloads select or own a pod and builds
 * the selector kube-scheduler's system default spreading uses for a pod.
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

  /** The pod's controller, when it is one of the kinds kept here and is known. */
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

  /** Every workload that selects the pod (its Services) or owns it (its controller). */
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
