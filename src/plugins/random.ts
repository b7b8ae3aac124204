import { pickGpus } from '../cluster/gpu-pick.js';
import { gpuTableOf } from '../cluster/gpu-table.js';
import { NO_ARGS, parsePluginArgs } from '../framework/plugin-args.js';
import type { Plugin, PluginEnv } from '../framework/types.js';
import { UniformScore } from '../framework/types.js';

/**
 * Random: the pod goes to a feasible node drawn uniformly at random. Every feasible node
 * gets the same score, so the scheduler's seeded tie-break (selectHost) makes the draw;
 * alone in a profile this is exactly a uniform choice, the same distribution as the
 * artifact's RandomScore (one node drawn in PreScore scores 100, the rest 0). Beside
 * other scorers it adds nothing and leaves their ties to chance.
 *
 * It also places GPUs at random, as the artifact's Random policy does (gpuSelMethod
 * "random"): a shared task goes to a GPU drawn uniformly among those with room, from the
 * scheduler's seeded placement stream; whole GPUs are the lowest-indexed free ones.
 */
export const NAME = 'Random';

/** Builds Random; it takes no args. */
export function create(args: unknown, _env: PluginEnv): Plugin {
  parsePluginArgs(NO_ARGS, args);
  return {
    name: NAME,
    preScore: () => new UniformScore(0),
    score: () => 0,
    placeGpus: (view, pod, node, rand) => pickGpus(gpuTableOf(view), node, pod.gpu, 'random', (n) => rand.int(n)),
  } satisfies Plugin<undefined, UniformScore>;
}
