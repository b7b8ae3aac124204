import { compileNode } from '../../model/compile-node.js';
import { compilePod } from '../../model/compile-pod.js';
import { makeGpuRequest, withGpuRequest } from '../../model/gpu-request.js';
import { GPU_COUNT_RESOURCE, GPU_MILLI_RESOURCE, GPU_MODEL_LABEL, MILLI_PER_GPU } from '../../model/gpu-resources.js';
import type { PodId } from '../../model/ids.js';
import type { ModelContext } from '../../model/model-context.js';
import type { CompiledNode } from '../../model/node.js';
import type { CompiledPod } from '../../model/pod.js';
import type { OpenbNode, OpenbPod } from './openb.js';

/**
 * Pods per node in the cluster the artifact builds from the node list (its node YAML sets
 * allocatable pods: 1001), i.e. effectively no pod-count limit.
 */
export const OPENB_PODS_PER_NODE = 1001;

/** Namespace of openb pods (the artifact's is "paib-gpu"; it plays no part in scheduling). */
export const OPENB_NAMESPACE = 'openb';

/**
 * An openb node-list row as a node, the way the artifact's CSV-to-YAML converter writes it:
 * allocatable cpu (millicores), memory (MiB), pods 1001, alibabacloud.com/gpu-count = gpu
 * and alibabacloud.com/gpu-milli = gpu × 1000; labels kubernetes.io/hostname and, for a
 * GPU node, alibabacloud.com/gpu-card-model = model.
 */
export function openbNode(row: OpenbNode, model: ModelContext): CompiledNode {
  const labels: Record<string, string> = { 'kubernetes.io/hostname': row.name };
  if (row.model !== '') labels[GPU_MODEL_LABEL] = row.model;
  const allocatable = {
    cpu: `${row.cpuMilli}m`,
    memory: `${row.memoryMib}Mi`,
    pods: String(OPENB_PODS_PER_NODE),
    [GPU_COUNT_RESOURCE]: String(row.gpus),
    [GPU_MILLI_RESOURCE]: String(row.gpus * MILLI_PER_GPU),
  };
  return compileNode({ metadata: { name: row.name, labels }, status: { allocatable, capacity: allocatable } }, model);
}

/**
 * Turns openb pod-list rows into pods: one container requesting cpu_milli millicores and
 * memory_mib MiB (limits equal), and the GPU request num_gpu × gpu_milli with gpu_spec's
 * models (the artifact's alibabacloud.com/gpu-count, gpu-milli and gpu-card-model
 * annotations). Rows with the same cpu and memory share one compiled template, so a
 * trace of thousands of rows compiles a few hundred pods.
 */
export class OpenbPods {
  private readonly templates = new Map<string, CompiledPod>();

  constructor(private readonly model: ModelContext) {}

  /** The pod for `row` with pod id `id` (default: a fresh id from the model). */
  pod(row: OpenbPod, id: PodId = this.model.newPodId() as PodId): CompiledPod {
    const key = `${row.cpuMilli}/${row.memoryMib}`;
    let t = this.templates.get(key);
    if (t === undefined) {
      const requests = { cpu: `${row.cpuMilli}m`, memory: `${row.memoryMib}Mi` };
      t = compilePod({
        metadata: { name: row.name, namespace: OPENB_NAMESPACE },
        spec: { containers: [{ name: 'main', resources: { requests, limits: requests } }] },
      }, this.model);
      this.templates.set(key, t);
    }
    const models = Int32Array.from(row.gpuSpec, (m) => this.model.symbols.intern(m));
    const gpu = makeGpuRequest(row.numGpu, row.numGpu === 0 ? 0 : row.gpuMilli, models);
    return withGpuRequest({ ...t, id, name: row.name }, gpu);
  }
}
