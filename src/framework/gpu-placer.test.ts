import { describe, expect, it } from 'vitest';
import { gpuCluster } from '../cluster/gpu-fixtures.js';
import { Rng } from '../generators/rng.js';
import { buildFramework } from './framework.js';
import { GPU_PLACEMENT_STREAM } from './gpu-placer.js';
import type { ProfileSpec } from './profile.js';
import { Scheduler } from './scheduler.js';
import type { Plugin, PluginFactory, RandomSource } from './types.js';
import { PASS } from './types.js';

/** Score plugins that place GPUs by a fixed rule, so which one placed is visible in the mask. */
function registry() {
  const placer = (name: string, mask: number): Plugin => ({ name, score: () => 0, placeGpus: () => mask });
  // Draws one number from the placement stream and names the GPU it drew.
  const drawing: Plugin = { name: 'Drawing', score: () => 0, placeGpus: (_v, _p, _n, rand) => 1 << rand.int(2) };
  const plain: Plugin = { name: 'Plain', score: () => 0 };
  // A filter with a placeGpus hook: not a score plugin, so never asked.
  const filterPlacer: Plugin = { name: 'FilterPlacer', filter: () => PASS, placeGpus: () => 0b10 };
  return new Map<string, PluginFactory>([
    ['First', () => placer('First', 0b01)],
    ['Second', () => placer('Second', 0b10)],
    ['Drawing', () => drawing],
    ['Plain', () => plain],
    ['FilterPlacer', () => filterPlacer],
  ]);
}

const profile = (score: string[], filter: string[] = []): ProfileSpec =>
  ({ name: 'p', filter, score: score.map((name) => ({ name, weight: 1 })), postFilter: [] });

describe('GPU placement', () => {
  const k = gpuCluster([{ name: 'a', gpus: 2 }]);
  const half = k.pod({ gpus: 1, milli: 500 });
  const a = k.node('a');
  const build = (p: ProfileSpec) => buildFramework(p, registry(), k.model);

  it('is the first score plugin in profile order that declares placeGpus; filters never place', () => {
    expect(build(profile(['Plain', 'First', 'Second'])).gpuPlacer?.name).toBe('First');
    expect(build(profile(['Second', 'First'])).gpuPlacer?.name).toBe('Second');
    expect(build(profile(['Plain'], ['FilterPlacer'])).gpuPlacer).toBeNull();
  });

  it('the scheduler asks the placer; 0 (the cluster default) without a placer or for a pod without GPUs', () => {
    const ties: RandomSource = { int: () => 0 };
    expect(new Scheduler(build(profile(['Plain', 'Second', 'First'])), ties).placeGpus(k.state, half, a)).toBe(0b10);
    expect(new Scheduler(build(profile(['Plain'])), ties).placeGpus(k.state, half, a)).toBe(0);
    expect(new Scheduler(build(profile(['First'])), ties).placeGpus(k.state, k.pod({}), a)).toBe(0);
  });

  it('draws from the placement stream given, else from a named fork of the tie-break stream, never from the tie-breaks', () => {
    const fw = build(profile(['Drawing']));
    expect(new Scheduler(fw, { int: () => 0 }, { int: () => 1 }).placeGpus(k.state, half, a)).toBe(0b10);

    const ties = Rng.fromSeed(3).fork('tiebreak');
    const s = new Scheduler(fw, ties);
    const placed = Array.from({ length: 20 }, () => s.placeGpus(k.state, half, a));
    const fork = Rng.fromSeed(3).fork('tiebreak').fork(GPU_PLACEMENT_STREAM);
    expect(placed).toEqual(Array.from({ length: 20 }, () => 1 << fork.int(2)));
    // The tie-break stream is where it was: placements drew nothing from it.
    expect(ties.int(1 << 30)).toBe(Rng.fromSeed(3).fork('tiebreak').int(1 << 30));
  });
});
