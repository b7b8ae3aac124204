import { compileNamespace, compileNode } from '../model/compile-node.js';
import { compilePod } from '../model/compile-pod.js';
import { InputError } from '../model/errors.js';
import { NO_SYM } from '../model/ids.js';
import type { LoadedObject } from '../model/load-objects.js';
import { lineOf, loadObjects } from '../model/load-objects.js';
import type { ModelContext } from '../model/model-context.js';
import type { CompiledPod } from '../model/pod.js';
import { ClusterState } from './cluster-state.js';

/** A cluster read from Kubernetes object files, and the pods that still wait for a node. */
export interface LoadedCluster {
  readonly state: ClusterState;
  /** Pods without spec.nodeName, in file order. */
  readonly pending: readonly CompiledPod[];
}

/** Kinds a cluster file may hold besides Node, Pod and Namespace; read and ignored. */
const IGNORED_KINDS = new Set(['Event', 'ConfigMap', 'Secret', 'ServiceAccount', 'Endpoints', 'EndpointSlice']);

/**
 * Builds a ClusterState from files of Kubernetes objects (`kubectl get nodes,pods -A -o
 * json` output, YAML manifests, `kind: List`): nodes in file order, pods with
 * spec.nodeName bound to their node, pods without one returned as pending. Pods that
 * finished (phase Succeeded or Failed) are left out, as kube-scheduler's informers leave
 * them out. Every error names the file and the object.
 */
export function loadCluster(files: readonly string[], model: ModelContext): LoadedCluster {
  const objects = files.flatMap((file) => loadObjects(file).map((o) => ({ ...o, file })));
  // Errors from compiling an object get the line of the offending field.
  const located = <T>(o: LoadedObject, build: () => T): T => {
    try {
      return build();
    } catch (e) {
      if (e instanceof InputError) throw e.at(o.source.file, lineOf(o, e.where.pathParts ?? []));
      throw e;
    }
  };
  const state = new ClusterState(model, Math.max(16, objects.length));
  const pods: { pod: CompiledPod; file: string; loaded: LoadedObject }[] = [];
  for (const o of objects) {
    switch (o.kind) {
      case 'Node':
        if (state.nodeByName(model.symbols.intern(nodeName(o.object))) !== -1) {
          throw new InputError({ file: o.file, line: lineOf(o, ['metadata', 'name']), object: `node ${nodeName(o.object)}` }, 'duplicate node name');
        }
        state.addNode(located(o, () => compileNode(o.object, model, o.file)));
        break;
      case 'Namespace': {
        const ns = located(o, () => compileNamespace(o.object, model, o.file));
        state.setNamespace(model.symbols.intern(ns.name), ns.labels);
        break;
      }
      case 'Pod': {
        const phase = (o.object as { status?: { phase?: unknown } }).status?.phase;
        if (phase === 'Succeeded' || phase === 'Failed') break;
        pods.push({ pod: located(o, () => compilePod(o.object, model, { file: o.file })), file: o.file, loaded: o });
        break;
      }
      default:
        if (!IGNORED_KINDS.has(o.kind)) {
          throw new InputError({ file: o.file, line: lineOf(o, ['kind']), path: o.path || undefined }, `unsupported kind ${JSON.stringify(o.kind)} (expected Node, Pod or Namespace)`);
        }
    }
  }
  const pending: CompiledPod[] = [];
  for (const { pod, file, loaded } of pods) {
    if (pod.nodeName === NO_SYM) {
      pending.push(pod);
      continue;
    }
    const node = state.nodeByName(pod.nodeName);
    if (node === -1) {
      throw new InputError(
        { file, line: lineOf(loaded, ['spec', 'nodeName']), object: `pod ${model.symbols.text(pod.namespace)}/${pod.name}`, path: 'spec.nodeName' },
        `node ${JSON.stringify(model.symbols.text(pod.nodeName))} is not in the cluster`,
      );
    }
    state.bind(pod, node);
  }
  return { state, pending };
}

function nodeName(o: unknown): string {
  const n = (o as { metadata?: { name?: unknown } }).metadata?.name;
  return typeof n === 'string' ? n : '(unnamed)';
}
