import type { ClusterState } from '../cluster/cluster-state.js';
import { isWorkloadKind } from '../model/workload.js';
import { excerpt, InputError } from '../model/errors.js';
import type { NodeId, PodId, Sym } from '../model/ids.js';
import { NO_SYM } from '../model/ids.js';
import type { LoadedObject } from '../model/load-objects.js';
import { lineOf } from '../model/load-objects.js';
import type { CompiledPod } from '../model/pod.js';
import { withSpecResources } from '../model/pod.js';
import type { ReplayScope } from '../scenario/scenario-schema.js';
import type { PodArrival } from '../sim/types.js';

/**
 * The controllers that would recreate a deleted pod of theirs elsewhere: what a replay
 * takes off and places again. DaemonSet pods are tied to their node and stay.
 */
const REPLAYED_OWNER_KINDS: ReadonlySet<string> = new Set(['ReplicaSet', 'StatefulSet', 'Job', 'ReplicationController']);

/**
 * The kubelet marks the API server's copy of a static pod (a mirror pod) with this
 * annotation (kubelet types.ConfigMirrorAnnotationKey); its owner reference names the Node.
 */
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

/** What a replay reads of a pod object that its compiled form does not keep. */
export interface PodReplayFacts {
  /** metadata.creationTimestamp in ms since the epoch; Infinity when the object has none. */
  readonly createdMs: number;
  /** A mirror pod: the kubernetes.io/config.mirror annotation is set. */
  readonly mirror: boolean;
}

/**
 * The replay facts of the pods among a snapshot's objects, by `namespace/name`. Pods that
 * finished are left out, as loadCluster leaves them out. A creationTimestamp that is not
 * an RFC 3339 time, or a pod name twice in one namespace (the API server allows neither),
 * is an InputError naming the file, the line and the pod.
 */
export function podReplayFacts(objects: readonly LoadedObject[]): Map<string, PodReplayFacts> {
  const out = new Map<string, PodReplayFacts>();
  for (const o of objects) {
    if (o.kind !== 'Pod') continue;
    const pod = o.object as { metadata?: { name?: unknown; namespace?: unknown; creationTimestamp?: unknown; annotations?: unknown }; status?: { phase?: unknown } } | null;
    const phase = pod?.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const meta = pod?.metadata;
    const key = `${typeof meta?.namespace === 'string' ? meta.namespace : 'default'}/${String(meta?.name)}`;
    const where = (field: string[]) => ({ file: o.source.file, line: lineOf(o, field), object: `pod ${key}` });
    if (out.has(key)) throw new InputError(where(['metadata', 'name']), 'a second pod of this name in its namespace (a replay places each pod once)');
    const stamp = meta?.creationTimestamp;
    let createdMs = Infinity;
    if (stamp !== undefined && stamp !== null) {
      createdMs = typeof stamp === 'string' && /^\d{4}-\d\d-\d\dT/.test(stamp) ? Date.parse(stamp) : Number.NaN;
      if (Number.isNaN(createdMs)) {
        throw new InputError({ ...where(['metadata', 'creationTimestamp']), path: 'metadata.creationTimestamp' }, `expected an RFC 3339 time like "2024-05-01T12:00:00Z", got ${excerpt(stamp)}`);
      }
    }
    const annotations = meta?.annotations;
    const mirror = typeof annotations === 'object' && annotations !== null && Object.hasOwn(annotations, MIRROR_ANNOTATION);
    out.set(key, { createdMs, mirror });
  }
  return out;
}

/** One pod a replay places again, as the snapshot had it. */
export interface ReplayedPodPlan {
  /** The pod as compiled from the snapshot (bound, or pending). */
  readonly pod: CompiledPod;
  readonly namespace: string;
  /** The node the snapshot has it on, by name; '' for a pending pod. */
  readonly nodeBefore: string;
  /** Its workload (ReplayedPod.ownerKind and owner); '' for a pending pod without controller. */
  readonly ownerKind: string;
  readonly owner: string;
}

/** Which pods of a snapshot a replay places again, and in what order. */
export interface ReplayPlan {
  /**
   * The pods that arrive at t=0, in the order of their creation timestamps (ties, and
   * pods without one, last: by namespace/name): the replayed pods and the snapshot's
   * other pending pods, which arrive as in any snapshot run.
   */
  readonly order: readonly { readonly pod: CompiledPod; readonly replayed: ReplayedPodPlan | null }[];
  /** The replayed pods, in arrival order. */
  readonly replayed: readonly ReplayedPodPlan[];
  /** DaemonSet and mirror pods of the snapshot: tied to their node (they never move). */
  readonly nodePods: ReadonlySet<PodId>;
}

/**
 * Decides a replay of a loaded snapshot within `scope`, without changing it:
 *   stay      nodes; pods bound to a node that are DaemonSet pods, mirror (static) pods
 *             (the mirror annotation, or an owner of kind Node), terminating, or owned
 *             by no controller that would recreate them (bare pods); and every pod of a
 *             namespace out of scope;
 *   replayed  in scope: pods owned by a ReplicaSet, StatefulSet, Job or
 *             ReplicationController, and pending pods that are not terminating;
 * the snapshot's other pending pods arrive as they always do.
 */
export function planReplay(state: ClusterState, pending: readonly CompiledPod[], facts: ReadonlyMap<string, PodReplayFacts>, scope: ReplayScope): ReplayPlan {
  const text = (s: Sym) => state.model.symbols.text(s);
  const listed = new Set(scope.kind === 'all' ? [] : scope.namespaces);
  const inScope = (ns: string) => (scope.kind === 'all' ? true : scope.kind === 'only' ? listed.has(ns) : !listed.has(ns));
  const nodePods = new Set<PodId>();
  type Entry = { pod: CompiledPod; key: string; createdMs: number; replayed: ReplayedPodPlan | null };
  const entries: Entry[] = [];
  const factsOf = (pod: CompiledPod, ns: string) => facts.get(`${ns}/${pod.name}`) ?? { createdMs: Infinity, mirror: false };
  for (const n of state.nodeOrder()) {
    const node = n as NodeId;
    for (const id of state.podsOn(node)) {
      const pod = state.pod(id);
      const ns = text(pod.namespace);
      const f = factsOf(pod, ns);
      if (f.mirror || pod.owner?.kind === 'Node' || pod.owner?.kind === 'DaemonSet') {
        nodePods.add(id);
        continue;
      }
      if (pod.terminating || pod.owner === null || !REPLAYED_OWNER_KINDS.has(pod.owner.kind) || !inScope(ns)) continue;
      entries.push({ pod, key: `${ns}/${pod.name}`, createdMs: f.createdMs, replayed: replayedPod(state, pod, ns, text(state.nodeName[node] as Sym)) });
    }
  }
  for (const pod of pending) {
    const ns = text(pod.namespace);
    const replayed = !pod.terminating && inScope(ns) ? replayedPod(state, pod, ns, '') : null;
    entries.push({ pod, key: `${ns}/${pod.name}`, createdMs: factsOf(pod, ns).createdMs, replayed });
  }
  // Creation order, as the pods were first queued; namespace/name makes the order total.
  entries.sort((a, b) => (a.createdMs === b.createdMs ? 0 : a.createdMs < b.createdMs ? -1 : 1) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    order: entries.map((e) => ({ pod: e.pod, replayed: e.replayed })),
    replayed: entries.flatMap((e) => (e.replayed === null ? [] : [e.replayed])),
    nodePods,
  };
}

/** A replayed pod's plan: its workload is its controller, or the controller's own controller the snapshot names. */
function replayedPod(state: ClusterState, pod: CompiledPod, namespace: string, nodeBefore: string): ReplayedPodPlan {
  let owner = pod.owner;
  const controller = owner === null ? null : (isWorkloadKind(owner.kind) ? state.workloads.get(owner.kind, pod.namespace, owner.name) : null);
  if (controller?.owner) owner = controller.owner;
  return { pod, namespace, nodeBefore, ownerKind: owner?.kind ?? '', owner: owner?.name ?? '' };
}

/**
 * Carries out a replay plan: each replayed pod bound in the snapshot is unbound, and
 * every pod of the plan's order becomes an arrival at t=0 under a new pod id, handed out
 * in that order: the scheduling queue takes equal-priority pods by pod id, so they are
 * tried in creation order, as kube's PrioritySort takes pods queued in that order. A
 * replayed pod arrives as its controller would create it again: from its spec (no
 * status resources, spec.nodeName and nominatedNodeName cleared). Returns the arrivals
 * and, for each replayed pod in plan order, its new id.
 */
export function takeOffReplayed(state: ClusterState, plan: ReplayPlan): { arrivals: PodArrival[]; replayedIds: PodId[] } {
  const arrivals: PodArrival[] = [];
  const replayedIds: PodId[] = [];
  for (const { pod, replayed } of plan.order) {
    const node = state.nodeOf(pod.id);
    if (node !== -1) state.unbind(pod, node);
    // The pending pod is registered under its old id; the simulator registers the new one.
    else state.disruptionBudgets.removePending(pod);
    const id = state.model.newPodId() as PodId;
    const again: CompiledPod = replayed === null ? { ...pod, id } : { ...withSpecResources(pod), id, nodeName: NO_SYM, nominatedNodeName: NO_SYM };
    arrivals.push({ atS: 0, pod: again, durationS: null });
    if (replayed !== null) replayedIds.push(id);
  }
  return { arrivals, replayedIds };
}

/**
 * Checks the namespaces a replay scope lists against the snapshot: each must have pods
 * there, since a misspelt name would silently replay nothing (`only`) or everything
 * (`keep`). `where(i)` locates the i-th listed namespace in the user's input.
 */
export function checkReplayScope(scope: ReplayScope, state: ClusterState, pending: readonly CompiledPod[], where: (i: number) => InputError['where']): void {
  if (scope.kind === 'all') return;
  const used = new Set<string>();
  for (const n of state.nodeOrder()) for (const id of state.podsOn(n as NodeId)) used.add(state.model.symbols.text(state.pod(id).namespace));
  for (const p of pending) used.add(state.model.symbols.text(p.namespace));
  scope.namespaces.forEach((ns, i) => {
    if (!used.has(ns)) {
      const have = [...used].sort();
      throw new InputError(where(i), `no pod of the cluster is in namespace ${excerpt(ns)} (namespaces with pods: ${have.slice(0, 10).join(', ')}${have.length > 10 ? `, and ${have.length - 10} more` : ''})`);
    }
  });
}
