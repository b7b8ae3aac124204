import { MAX_NODE_SCORE } from '../framework/normalize.js';
import { NO_ARGS, parsePluginArgs } from '../framework/plugin-args.js';
import type { Plugin, PluginEnv } from '../framework/types.js';
import type { Sym } from '../model/ids.js';
import { imageLocalityPriority, scaledImageScore } from '../model/image-score.js';

/**
 * ImageLocality: nodes that already hold the pod's container images score higher, each
 * image's size scaled by the fraction of nodes holding it, the sum clamped to
 * [23 MiB, 1000 MiB per container]. Mirrors kube-scheduler
 * pkg/scheduler/framework/plugins/imagelocality/image_locality.go. kube has neither
 * PreScore nor NormalizeScore here; our preScore only looks up, once per pod, how many
 * nodes hold each image, and never returns SKIP.
 */
export const NAME = 'ImageLocality';

/** Per pod: the images (normalized names, init containers first) and their spread. */
interface PreScore {
  readonly images: Int32Array;
  /** NumNodes of images[i]; 0 when no node holds it. */
  readonly numNodes: Float64Array;
  /** Nodes in the snapshot (NodeInfos().List()), not only the feasible ones. */
  readonly totalNodes: number;
  /** len(InitContainers) + len(Containers). */
  readonly containers: number;
}

/** Builds the ImageLocality plugin; it takes no args. */
export function create(args: unknown, _env: PluginEnv): Plugin {
  parsePluginArgs(NO_ARGS, args);
  return {
    name: NAME,
    preScore(cx, pod) {
      const images = Int32Array.from(pod.images);
      const numNodes = new Float64Array(images.length);
      for (let i = 0; i < images.length; i++) numNodes[i] = cx.view.imageNodeCount(images[i] as Sym);
      return { images, numNodes, totalNodes: cx.view.liveNodeCount, containers: pod.containerCount };
    },
    score(cx, _pod, node, s) {
      // sumImageScores: ImageStates is keyed by the node's own image names, unnormalized;
      // the size is the node's own (the same name may differ in size between nodes).
      let sum = 0;
      for (let i = 0; i < s.images.length; i++) {
        const size = cx.view.imageSize(node, s.images[i] as Sym);
        if (size >= 0) sum += scaledImageScore(size, s.numNodes[i]!, s.totalNodes);
      }
      return imageLocalityPriority(sum, s.containers, MAX_NODE_SCORE);
    },
  } satisfies Plugin<undefined, PreScore>;
}
