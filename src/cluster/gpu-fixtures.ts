import { compileNode } from '../model/compile-node.js';
import { compilePod } from '../model/compile-pod.js';
import type { CompiledPod } from '../model/pod.js';
import { makeGpuRequest, withGpuRequest } from '../model/gpu-request.js';
import { GPU_COUNT_RESOURCE, GPU_MODEL_LABEL } from '../model/gpu-resources.js';
import type { NodeId } from '../model/ids.js';
import { ModelContext } from '../model/model-context.js';
import { ClusterState } from './cluster-state.js';

/** A GPU node for tests: `gpus` GPUs of `model`, cpu in millicores, memory in GiB. */
export interface GpuNodeSketch {
  readonly name: string;
  readonly gpus: number;
  readonly model?: string;
  readonly cpuMilli?: number;
  readonly memoryGi?: number;
}

/** A GPU pod for tests: cpu in millicores, `gpus` × `milli` of one of `models`. */
export interface GpuPodSketch {
  readonly name?: string;
  readonly cpuMilli?: number;
  readonly memoryGi?: number;
  readonly gpus?: number;
  readonly milli?: number;
  readonly models?: readonly string[];
}

/** A cluster of GPU nodes (test fixture): the state, node ids by name, and a pod maker. */
export interface GpuCluster {
  readonly model: ModelContext;
  readonly state: ClusterState;
  node(name: string): NodeId;
  pod(s: GpuPodSketch): CompiledPod;
  /** Makes a pod and binds it to `node` (optionally on the GPUs of `mask`). */
  bound(node: string, s: GpuPodSketch, mask?: number): CompiledPod;
}

/** Builds a GpuCluster; nodes default to 64 cores, 256 GiB and model "T4". */
export function gpuCluster(nodes: readonly GpuNodeSketch[]): GpuCluster {
  const model = new ModelContext();
  const compiled = nodes.map((n) => {
    const allocatable = { cpu: `${n.cpuMilli ?? 64_000}m`, memory: `${n.memoryGi ?? 256}Gi`, pods: '110', [GPU_COUNT_RESOURCE]: String(n.gpus) };
    const labels = n.gpus > 0 ? { [GPU_MODEL_LABEL]: n.model ?? 'T4' } : {};
    return compileNode({ metadata: { name: n.name, labels }, status: { allocatable, capacity: allocatable } }, model);
  });
  const state = ClusterState.from(model, compiled);
  const node = (name: string): NodeId => {
    const id = state.nodeByName(model.symbols.intern(name));
    if (id === -1) throw new Error(`no node ${name}`);
    return id;
  };
  let n = 0;
  const pod = (s: GpuPodSketch): CompiledPod => {
    const requests = { cpu: `${s.cpuMilli ?? 1000}m`, memory: `${s.memoryGi ?? 1}Gi` };
    const p = compilePod({ metadata: { name: s.name ?? `pod-${n++}` }, spec: { containers: [{ name: 'c', resources: { requests } }] } }, model);
    const gpus = s.gpus ?? 0;
    const models = Int32Array.from(s.models ?? [], (m) => model.symbols.intern(m));
    return withGpuRequest(p, makeGpuRequest(gpus, gpus === 0 ? 0 : (s.milli ?? 1000), models));
  };
  return {
    model, state, node, pod,
    bound(name, s, mask) {
      const p = pod(s);
      if (mask === undefined) state.bind(p, node(name));
      else state.bind(p, node(name), mask);
      return p;
    },
  };
}
