// NodeResourcesAllocatable, a port of the out-of-tree score plugin of
// kubernetes-sigs/scheduler-plugins (pkg/noderesources/allocatable.go and
// resource_allocation.go, Apache License 2.0), written anew for schedbench's plugin
// contract. It scores a node by its allocatable resources alone, not by what is
// requested on it: mode Least favours the smallest nodes (fill small nodes, keep big
// ones for big pods), Most the largest.
//
// As upstream:
//   raw score   sum over the configured resources of weight * (-allocatable for Least,
//               +allocatable for Most), divided by the sum of the weights, truncated as
//               Go's int64 division truncates (toward zero)
//   resources   cpu in millicores, memory and ephemeral-storage in bytes, extended
//               resources as integers; any other name (e.g. pods) counts as 0
//   defaults    mode Least; cpu weight 1<<20 and memory weight 1 (a millicore weighs
//               as much as a MiB)
//   normalize   (score - lowest) * 100 / (highest - lowest), all 0 when every node
//               scores the same: schedbench's 'minmax'
//   args        a weight that is not positive and a mode other than Least and Most are
//               refused with upstream's messages
import type { ScorePlugin } from 'schedbench';

interface AllocatableArgs {
  mode?: string;
  resources?: { name: string; weight: number }[];
}

const DEFAULT_RESOURCES = [{ name: 'cpu', weight: 1 << 20 }, { name: 'memory', weight: 1 }];

/** Resources upstream reads from NodeInfo.Allocatable; anything else counts as 0. */
const COUNTED = new Set(['cpu', 'memory', 'ephemeral-storage']);
const isScalar = (name: string) => name.includes('/') || name.startsWith('hugepages-');

function settings(args: AllocatableArgs | undefined) {
  const resources = args?.resources !== undefined && args.resources.length > 0 ? args.resources : DEFAULT_RESOURCES;
  const mode = args?.mode === undefined || args.mode === '' ? 'Least' : args.mode;
  return { mode, resources };
}

const nodeResourcesAllocatable: ScorePlugin<AllocatableArgs | undefined> = {
  name: 'NodeResourcesAllocatable',

  checkArgs(args) {
    const { mode, resources } = settings(args);
    if (mode !== 'Least' && mode !== 'Most') return `invalid mode, got ${mode}`;
    for (const r of resources) {
      if (!(r.weight > 0)) return `resource Weight of ${r.name} should be a positive value, got ${r.weight}`;
    }
    return undefined;
  },

  score(_pod, node, ctx) {
    const { mode, resources } = settings(ctx.args);
    let nodeScore = 0;
    let weightSum = 0;
    for (const r of resources) {
      const allocatable = COUNTED.has(r.name) || isScalar(r.name) ? (node.allocatable[r.name] ?? 0) : 0;
      nodeScore += (mode === 'Least' ? -allocatable : allocatable) * r.weight;
      weightSum += r.weight;
    }
    return Math.trunc(nodeScore / weightSum);
  },

  normalize: 'minmax',
};

export default nodeResourcesAllocatable;
