// KeepWholeGpus: a GPU-sharing heuristic that reads the GPU table. A pod asking a share
// of one GPU goes where it fits best on a GPU that is already shared (least milli-GPU
// left over), and breaks into a whole free GPU only where no shared GPU has room; a pod
// asking whole GPUs goes where it leaves the fewest whole GPUs idle. The aim: keep whole
// GPUs whole for the pods that need them. Pods without GPUs get no preference.
// Run it beside GpuModel and GpuFit (the GPU filters), as compare-gpu.yaml does.
import type { PluginNode, PluginPod, ScorePlugin } from 'schedbench';

const MILLI_PER_GPU = 1000;

function raw(pod: PluginPod, node: PluginNode): number {
  const gpus = node.gpus;
  if (pod.gpu === null || gpus === null) return 0;
  const want = pod.gpu.milliPerGpu;
  if (want < MILLI_PER_GPU) {
    // Best fit on a shared GPU: 1000..2000, tighter is higher.
    let best = -1;
    for (const free of gpus.freeMilli) {
      if (free < MILLI_PER_GPU && free >= want) best = Math.max(best, MILLI_PER_GPU - (free - want));
    }
    if (best >= 0) return MILLI_PER_GPU + best;
    // Otherwise a whole GPU is broken: 0..1000, the larger the share the better.
    return gpus.fullyFree > 0 ? want : 0;
  }
  // Whole GPUs: the fewer whole GPUs left idle on the node, the better.
  return -(gpus.fullyFree - pod.gpu.count);
}

const keepWholeGpus: ScorePlugin = {
  name: 'KeepWholeGpus',
  score: raw,
  normalize: 'minmax',
};

export default keepWholeGpus;
