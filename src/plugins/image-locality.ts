import { MAX_NODE_SCORE } from '../framework/normalize.js';
import { NO_ARGS, parsePluginArgs } from '../framework/plugin-args.js';
import { sameNumbers } from '../framework/same-values.js';
import type { Plugin, PluginEnv } from '../framework/types.js';
import { UniformScore } from '../framework/types.js';
import type { ClusterView } from '../cluster/cluster-view.js';
import type { NodeId, Sym } from '../model/ids.js';
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
      // No image of the pod on any node: every node scores what an empty sum scores.
      if (!numNodes.some((n) => n > 0)) return new UniformScore(imageLocalityPriority(0, pod.containerCount, MAX_NODE_SCORE));
      return { images, numNodes, totalNodes: cx.view.liveNodeCount, containers: pod.containerCount };
    },
    scoreMany(cx, _pod, feasible, s, out) {
      const view = cx.view;
      for (let i = 0; i < feasible.count; i++) out[i] = imageScore(view, feasible.ids[i] as NodeId, s);
    },
    score: (cx, _pod, node, s) => imageScore(cx.view, node, s),
    // A node's images never change; the cluster-wide counts are part of the state.
    reuseScores: (a, b) => a.totalNodes === b.totalNodes && a.containers === b.containers
      && sameNumbers(a.images, b.images) && sameNumbers(a.numNodes, b.numNodes),
  } satisfies Plugin<undefined, PreScore>;
}

/** Score for one node: the pod's images present there, scaled by how widely they are spread. */
function imageScore(view: ClusterView, node: NodeId, s: PreScore): number {
  // sumImageScores: a node's ImageStates are keyed by the image names it reports; each
  // summary's size is the cache's one size for that name (createImageStateSummary: the
  // size of the first node that reported it), so two nodes reporting different sizes
  // for one image score it the same.
  let sum = 0;
  for (let i = 0; i < s.images.length; i++) {
    const size = view.imageSize(node, s.images[i] as Sym);
    if (size >= 0) sum += scaledImageScore(size, s.numNodes[i]!, s.totalNodes);
  }
  return imageLocalityPriority(sum, s.containers, MAX_NODE_SCORE);
}
