// The smallest useful plugin: prefer the node running the fewest pods.
// Enable it beside kube's default profile (compare.yaml) or alone.
import type { ScorePlugin } from 'schedbench';

const fewestPods: ScorePlugin = {
  name: 'FewestPods',
  // Raw score: minus the pod count. 'reverse-minmax' would take the count itself;
  // 'minmax' maps the lowest raw score to 0 and the highest to 100.
  score: (_pod, node) => -node.podCount,
  normalize: 'minmax',
};

export default fewestPods;
