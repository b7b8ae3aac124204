import { compileNode } from '../model/compile-node.js';
import { compilePod } from '../model/compile-pod.js';
import { InputError, excerpt } from '../model/errors.js';
import type { NodeId, Sym } from '../model/ids.js';
import { NO_SYM } from '../model/ids.js';
import type { LoadedObject } from '../model/load-objects.js';
import { lineOf, loadObjects } from '../model/load-objects.js';
import type { ModelContext } from '../model/model-context.js';
import { compileNamespace } from '../model/namespace.js';
import type { CompiledPod } from '../model/pod.js';
import { compilePodDisruptionBudget } from '../model/pod-disruption-budget.js';
import { compilePriorityClass, PriorityClasses } from '../model/priority-class.js';
import { isWorkloadKind } from '../model/workload.js';
import { compileWorkload } from '../model/workloads.js';
import { KIND_FIELDS, collectUnknownFields } from '../model/unknown-fields.js';
import { compileCsiDriver } from '../model/csi-driver.js';
import { compileCsiNode } from '../model/csi-node.js';
import { compileCsiStorageCapacity } from '../model/csi-storage-capacity.js';
import { compilePersistentVolume } from '../model/persistent-volume.js';
import type { PersistentVolumeClaim } from '../model/persistent-volume-claim.js';
import { compilePersistentVolumeClaim } from '../model/persistent-volume-claim.js';
import { compileStorageClass } from '../model/storage-class.js';
import type { CsiNode } from '../model/csi-node.js';
import { ClusterState } from './cluster-state.js';
import { clusterFiles } from './cluster-files.js';
import { SkippedKinds } from './skipped-kinds.js';

/** A cluster read from Kubernetes object files, and the pods that still wait for a node. */
export interface LoadedCluster {
  readonly state: ClusterState;
  /** Pods without spec.nodeName, in file order. */
  readonly pending: readonly CompiledPod[];
}

/** Options for loadCluster. */
export interface LoadClusterOptions {
  /**
   * Receives one line per thing worth knowing that does not stop the load: fields v1
   * does not define (one line per kind), nodes without allocatable resources, nodes
   * already over-committed. The CLI prints it as `schedbench: warning: ...`.
   * @default discards the warnings
   */
  readonly warn?: (message: string) => void;
  /**
   * Reads one file's objects; a caller that loads the same files many times (one sweep
   * cell after another) passes a memoized reader, since compiling never changes them.
   * @default loadObjects
   */
  readonly read?: (file: string) => readonly LoadedObject[];
}

/** Nodes named in a warning before "and N more". */
const NAMED_NODES = 5;

/**
 * Builds a ClusterState from files of Kubernetes objects (`kubectl get nodes,pods -A -o
 * json` output, `GET /api/v1/nodes` NodeList and PodList responses, YAML manifests,
 * `kind: List`): nodes in file order, pods with spec.nodeName bound to their node, pods
 * without one returned as pending. Pods that finished (phase Succeeded or Failed) are
 * left out, as kube-scheduler's informers leave them out. Every error names the file,
 * the line and the object; a cluster without nodes is refused, since nothing can be
 * scheduled on it. What is odd but legal is passed to `opts.warn`. A folder stands for
 * the JSON and YAML files under it (clusterFiles: a `kubectl cluster-info dump` folder).
 *
 * The objects kube-scheduler and the controllers read around pods are kept too:
 * Services and controllers (Deployment, ReplicaSet, StatefulSet, ReplicationController,
 * Job, DaemonSet) in `state.workloads`, which system default spreading reads;
 * PodDisruptionBudgets in `state.disruptionBudgets`; PriorityClasses in
 * `state.priorityClasses`, which resolve every pod's priority as the Priority admission
 * plugin would, wherever the classes stand in the files. Every namespace a pod uses
 * exists afterwards, with the kubernetes.io/metadata.name label, as in a real cluster.
 */
export function loadCluster(files: readonly string[], model: ModelContext, opts: LoadClusterOptions = {}): LoadedCluster {
  const warn = opts.warn ?? (() => undefined);
  const read = opts.read ?? ((file: string) => loadObjects(file));
  const objects = clusterFiles(files).flatMap((file) => read(file));
  // Errors from compiling an object get the line of the offending field.
  const located = <T>(o: LoadedObject, build: () => T): T => {
    try {
      return build();
    } catch (e) {
      if (e instanceof InputError) throw e.at(o.source.file, lineOf(o, e.where.pathParts ?? []));
      throw e;
    }
  };
  const unknown = new UnknownFieldReport();
  const skipped = new SkippedKinds();
  const state = new ClusterState(model, Math.max(16, objects.length));
  const podObjects: LoadedObject[] = [];
  const noAllocatable: string[] = [];
  const classes = new PriorityClasses();
  // Checked once every object is in: classes and nodes may follow the objects naming them.
  const claimObjects: { claim: PersistentVolumeClaim; loaded: LoadedObject }[] = [];
  const csiNodeObjects: { csiNode: CsiNode; loaded: LoadedObject }[] = [];
  const duplicate = (o: LoadedObject, what: string): never => {
    throw new InputError({ file: o.source.file, line: lineOf(o, ['metadata', 'name']), object: what }, `duplicate ${what.split(' ')[0]}`);
  };
  for (const o of objects) {
    const file = o.source.file;
    switch (o.kind) {
      case 'Node': {
        const name = nodeName(o.object);
        if (state.nodeByName(model.symbols.intern(name)) !== -1) {
          throw new InputError({ file, line: lineOf(o, ['metadata', 'name']), object: `node ${name}` }, 'duplicate node name');
        }
        const node = located(o, () => compileNode(o.object, model, file));
        unknown.check(o);
        if (!hasAllocatable(o.object)) noAllocatable.push(name);
        state.addNode(node);
        break;
      }
      case 'Namespace': {
        const ns = located(o, () => compileNamespace(o.object, model, file));
        unknown.check(o);
        state.setNamespace(model.symbols.intern(ns.name), ns.labels);
        break;
      }
      case 'Pod': {
        const phase = (o.object as { status?: { phase?: unknown } }).status?.phase;
        if (phase === 'Succeeded' || phase === 'Failed') break;
        // Compiled once every PriorityClass is known: classes may follow the pods.
        podObjects.push(o);
        break;
      }
      case 'PriorityClass': {
        located(o, () => classes.add(compilePriorityClass(withKind(o), { file })));
        break;
      }
      case 'PodDisruptionBudget': {
        const pdb = located(o, () => compilePodDisruptionBudget(withKind(o), model, { file }));
        if (state.disruptionBudgets.get(pdb.namespace, pdb.name) !== null) {
          throw new InputError({ file, line: lineOf(o, ['metadata', 'name']), object: `PodDisruptionBudget ${model.symbols.text(pdb.namespace)}/${pdb.name}` }, 'duplicate PodDisruptionBudget');
        }
        state.disruptionBudgets.add(pdb);
        break;
      }
      case 'PersistentVolumeClaim': {
        const claim = located(o, () => compilePersistentVolumeClaim(withKind(o), model, { file }));
        if (!state.storage.addClaim(claim)) duplicate(o, `PersistentVolumeClaim ${model.symbols.text(claim.namespace)}/${claim.name}`);
        claimObjects.push({ claim, loaded: o });
        break;
      }
      case 'PersistentVolume': {
        const pv = located(o, () => compilePersistentVolume(withKind(o), model, { file }));
        if (!state.storage.addVolume(pv)) duplicate(o, `PersistentVolume ${pv.name}`);
        break;
      }
      case 'StorageClass': {
        const sc = located(o, () => compileStorageClass(withKind(o), model, { file }));
        if (!state.storage.addClass(sc)) duplicate(o, `StorageClass ${sc.name}`);
        break;
      }
      case 'CSINode': {
        const csiNode = located(o, () => compileCsiNode(withKind(o), { file }));
        if (!state.storage.addCsiNode(model.symbols.intern(csiNode.nodeName), csiNode)) duplicate(o, `CSINode ${csiNode.nodeName}`);
        csiNodeObjects.push({ csiNode, loaded: o });
        break;
      }
      case 'CSIDriver': {
        const driver = located(o, () => compileCsiDriver(withKind(o), { file }));
        if (!state.storage.addCsiDriver(driver)) duplicate(o, `CSIDriver ${driver.name}`);
        break;
      }
      case 'CSIStorageCapacity': {
        state.storage.addCapacity(located(o, () => compileCsiStorageCapacity(withKind(o), model, { file })));
        break;
      }
      default:
        if (isWorkloadKind(o.kind)) {
          const w = located(o, () => compileWorkload(withKind(o), model, { file }));
          if (state.workloads.get(w.kind, w.namespace, w.name) !== null) {
            throw new InputError({ file, line: lineOf(o, ['metadata', 'name']), object: `${w.kind} ${model.symbols.text(w.namespace)}/${w.name}` }, `duplicate ${w.kind}`);
          }
          state.workloads.add(w);
        } else {
          skipped.add(o.kind);
        }
    }
  }
  state.priorityClasses = classes;
  checkStorageReferences(state, claimObjects, csiNodeObjects, model);
  const pods = podObjects.map((o) => {
    const pod = located(o, () => compilePod(o.object, model, { file: o.source.file, priorityClasses: classes }));
    unknown.check(o);
    return { pod, loaded: o };
  });
  if (state.liveNodeCount === 0) {
    throw new InputError({ file: files.join(', ') }, 'the cluster has no nodes (no Node objects in these files); nothing could be scheduled on it');
  }
  const pending: CompiledPod[] = [];
  for (const { pod, loaded } of pods) {
    state.ensureNamespace(pod.namespace);
    if (pod.nodeName === NO_SYM) {
      pending.push(pod);
      state.disruptionBudgets.addPending(pod);
      continue;
    }
    const node = state.nodeByName(pod.nodeName);
    if (node === -1) {
      throw new InputError(
        { file: loaded.source.file, line: lineOf(loaded, ['spec', 'nodeName']), object: `pod ${model.symbols.text(pod.namespace)}/${pod.name}`, path: 'spec.nodeName' },
        `node ${excerpt(model.symbols.text(pod.nodeName))} is not in the cluster`,
      );
    }
    state.bind(pod, node as NodeId);
  }
  unknown.report(warn);
  skipped.report(warn);
  if (noAllocatable.length > 0) {
    warn(`${nodeCount(noAllocatable.length)} without status.allocatable (kube-scheduler reads allocatable, not capacity; no pod fits there): ${someNames(noAllocatable)}`);
  }
  const over = overcommitted(state, model);
  if (over.length > 0) {
    warn(`${nodeCount(over.length)} already over-committed by their bound pods (requests above allocatable; no further pod fits there): ${someNames(over)}`);
  }
  return { state, pending };
}

/**
 * What the storage objects name must exist: an unbound claim's StorageClass (kube would
 * treat it as an Immediate claim nobody binds, and the pod would wait forever: a file
 * holding one is a mistake; a bound claim may outlive its class, as in a real cluster),
 * and a CSINode's node (the kubelet creates a CSINode for its own node only).
 */
function checkStorageReferences(
  state: ClusterState,
  claims: readonly { claim: PersistentVolumeClaim; loaded: LoadedObject }[],
  csiNodes: readonly { csiNode: CsiNode; loaded: LoadedObject }[],
  model: ModelContext,
): void {
  for (const { claim, loaded } of claims) {
    if (claim.volumeName !== '' || claim.storageClassName === '' || state.storage.storageClass(claim.storageClassName) !== null) continue;
    const annotated = (loaded.object as { metadata?: { annotations?: Record<string, unknown> } }).metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] !== undefined;
    const path = annotated ? ['metadata', 'annotations', 'volume.beta.kubernetes.io/storage-class'] : ['spec', 'storageClassName'];
    throw new InputError(
      { file: loaded.source.file, line: lineOf(loaded, path), object: `PersistentVolumeClaim ${model.symbols.text(claim.namespace)}/${claim.name}`, path: annotated ? 'metadata.annotations["volume.beta.kubernetes.io/storage-class"]' : 'spec.storageClassName' },
      `StorageClass ${excerpt(claim.storageClassName)} is not in the cluster (the claim is unbound, so its class decides how it is bound)`,
    );
  }
  for (const { csiNode, loaded } of csiNodes) {
    if (state.nodeByName(model.symbols.intern(csiNode.nodeName)) !== -1) continue;
    throw new InputError(
      { file: loaded.source.file, line: lineOf(loaded, ['metadata', 'name']), object: `CSINode ${csiNode.nodeName}`, path: 'metadata.name' },
      `node ${excerpt(csiNode.nodeName)} is not in the cluster (a CSINode describes the node of the same name)`,
    );
  }
}

/** Unknown field paths per kind, reported as one line per kind. */
class UnknownFieldReport {
  private readonly byKind = new Map<string, { paths: Set<string>; objects: number; files: Set<string> }>();

  /** Records the fields of `o` that its kind's v1 schema does not define. */
  check(o: LoadedObject): void {
    const t = KIND_FIELDS.get(o.kind);
    if (t === undefined) return;
    const found = new Set<string>();
    collectUnknownFields(o.object, t, found);
    if (found.size === 0) return;
    let entry = this.byKind.get(o.kind);
    if (entry === undefined) {
      entry = { paths: new Set(), objects: 0, files: new Set() };
      this.byKind.set(o.kind, entry);
    }
    entry.objects++;
    entry.files.add(o.source.file);
    for (const p of found) entry.paths.add(p);
  }

  /** One warning per kind, in the order kinds were first met. */
  report(warn: (message: string) => void): void {
    for (const [kind, e] of this.byKind) {
      const files = [...e.files];
      const where = files.length === 1 ? files[0]! : `${files[0]!} and ${files.length - 1} more files`;
      const paths = [...e.paths].map((p) => excerpt(p));
      warn(`${where}: ${e.objects} ${kind} object${e.objects === 1 ? ' has' : 's have'} fields that v1 ${kind} does not define (ignored): ${paths.slice(0, 8).join(', ')}${paths.length > 8 ? ` and ${paths.length - 8} more` : ''}`);
    }
  }
}

function hasAllocatable(o: unknown): boolean {
  const alloc = (o as { status?: { allocatable?: unknown } | null }).status?.allocatable;
  return alloc !== null && typeof alloc === 'object' && Object.keys(alloc).length > 0;
}

/** Names of the nodes whose bound pods request more of some resource than it has (pods included). */
function overcommitted(state: ClusterState, model: ModelContext): string[] {
  const out: string[] = [];
  const dims = state.dims;
  for (const node of state.nodeOrder()) {
    const base = node * dims;
    for (let r = 0; r < dims; r++) {
      if (state.requested[base + r]! > (state.allocatable[base + r] ?? 0)) {
        out.push(model.symbols.text(state.nodeName[node] as Sym));
        break;
      }
    }
  }
  return out;
}

function nodeCount(n: number): string {
  return n === 1 ? '1 node is' : `${n} nodes are`;
}

function someNames(names: readonly string[]): string {
  const shown = names.slice(0, NAMED_NODES).map((n) => excerpt(n)).join(', ');
  return names.length > NAMED_NODES ? `${shown} and ${names.length - NAMED_NODES} more` : shown;
}

/**
 * The object with its kind written in: the items of a typed list (`ReplicaSetList`, what
 * the API returns) carry none, and the compilers that tell kinds apart read it.
 */
function withKind(o: LoadedObject): unknown {
  const obj = o.object as { kind?: unknown };
  return obj.kind === undefined ? { ...obj, kind: o.kind } : obj;
}

function nodeName(o: unknown): string {
  const n = (o as { metadata?: { name?: unknown } }).metadata?.name;
  return typeof n === 'string' ? n : '(unnamed)';
}
