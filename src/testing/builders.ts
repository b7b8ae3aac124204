import { ClusterState } from '../cluster/cluster-state.js';
import { compileNode } from '../model/compile-node.js';
import { compilePod } from '../model/compile-pod.js';
import type { CompiledNode } from '../model/node.js';
import type { CompiledPod } from '../model/pod.js';
import { ModelContext } from '../model/model-context.js';

/** Shorthand for a v1.Node in tests: name, allocatable, labels, taints, unschedulable. */
export interface NodeSketch {
  readonly name: string;
  readonly allocatable?: Readonly<Record<string, string | number>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly { key: string; value?: string; effect: string }[];
  readonly unschedulable?: boolean;
  readonly images?: readonly { names: string[]; sizeBytes: number }[];
}

/** The v1.Node JSON for a sketch. */
export function nodeJson(s: NodeSketch): unknown {
  return {
    metadata: { name: s.name, labels: s.labels ?? {} },
    spec: { unschedulable: s.unschedulable ?? false, taints: s.taints ?? [] },
    status: { allocatable: s.allocatable ?? {}, capacity: s.allocatable ?? {}, images: s.images ?? [] },
  };
}

/** Shorthand for a v1.Pod with one container: requests and any extra spec fields. */
export interface PodSketch {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly requests?: Readonly<Record<string, string | number>>;
  readonly nodeName?: string;
  readonly priority?: number;
  /** Merged into spec (containers here replace the default one-container list). */
  readonly spec?: Readonly<Record<string, unknown>>;
  /** The pod's status, as written (e.g. nominatedNodeName). */
  readonly status?: Readonly<Record<string, unknown>>;
}

export function podJson(s: PodSketch): unknown {
  return {
    metadata: { name: s.name ?? 'pod', namespace: s.namespace ?? 'default', labels: s.labels ?? {} },
    spec: {
      containers: [{ name: 'c', resources: s.requests ? { requests: s.requests } : {} }],
      ...(s.nodeName !== undefined ? { nodeName: s.nodeName } : {}),
      ...(s.priority !== undefined ? { priority: s.priority } : {}),
      ...(s.spec ?? {}),
    },
    ...(s.status !== undefined ? { status: s.status } : {}),
  };
}

/** A model, compiled nodes and a ClusterState holding them, for one test. */
export interface TestCluster {
  readonly model: ModelContext;
  readonly nodes: readonly CompiledNode[];
  readonly state: ClusterState;
  /** Compiles a pod in this cluster's model. */
  pod(s: PodSketch): CompiledPod;
  /** Compiles a pod and binds it to the node named in s.nodeName. */
  bound(s: PodSketch & { nodeName: string }): CompiledPod;
}

export function testCluster(nodes: readonly NodeSketch[]): TestCluster {
  const model = new ModelContext();
  const compiled = nodes.map((n) => compileNode(nodeJson(n), model));
  const state = ClusterState.from(model, compiled);
  const pod = (s: PodSketch) => compilePod(podJson(s), model);
  return {
    model, nodes: compiled, state, pod,
    bound(s) {
      const p = pod(s);
      const node = state.nodeByName(model.symbols.intern(s.nodeName));
      if (node === -1) throw new Error(`no node ${s.nodeName}`);
      state.bind(p, node);
      return p;
    },
  };
}
