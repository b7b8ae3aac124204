import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFramework } from '../framework/framework.js';
import { registryCapabilities } from '../framework/registry-capabilities.js';
import { generateCluster } from '../generators/generate-cluster.js';
import { Rng } from '../generators/rng.js';
import { ModelContext } from '../model/model-context.js';
import { inTreeRegistry } from '../plugins/index.js';
import { ScenarioCellRunner } from '../run/scenario-cell.js';
import { loadScenario } from './load-scenario.js';

/**
 * GPU sharing on a generated cluster, end to end (issue 13, "Also"): the example scenario
 * scenarios/gpu-sharing-synthetic.yaml generates V100 and T4 pools and pods that ask for
 * GPUs by their template's annotations (a shared GPU for inference, two whole V100s for
 * training, as a full pod template); one cell runs them through the scheduler and
 * simulator.
 */

const file = fileURLToPath(new URL('../../scenarios/gpu-sharing-synthetic.yaml', import.meta.url));
const caps = registryCapabilities(inTreeRegistry, new ModelContext());
const scenario = { ...loadScenario(file, caps, (p) => buildFramework(p, inTreeRegistry, new ModelContext())), placements: true };

describe('scenarios/gpu-sharing-synthetic.yaml', () => {
  it('generates GPU nodes: gpu-count allocatable and the model label, as openb nodes', () => {
    if (scenario.cluster.kind !== 'generate') throw new Error('expected a generated cluster');
    const nodes = generateCluster(scenario.cluster.spec, Rng.fromSeed(1)) as { metadata: { name: string; labels: Record<string, string> }; status: { allocatable: Record<string, string> } }[];
    expect(nodes[0]!.status.allocatable['alibabacloud.com/gpu-count']).toBe('8');
    expect(nodes[0]!.metadata.labels['alibabacloud.com/gpu-card-model']).toBe('V100');
    expect(nodes.at(-1)!.metadata.labels['alibabacloud.com/gpu-card-model']).toBe('T4');
  });

  const runner = new ScenarioCellRunner([scenario]);
  const cell = runner.run('gpu', { kind: 'scenario', scenario: 0, policy: 'fgd', seed: 1 });

  it('places every GPU-sharing pod, and the GPUs are allocated', () => {
    expect(cell.run.values.pods_arrived).toBe(420);
    expect(cell.run.values.pods_scheduled).toBe(420);
    expect(cell.run.values.gpu_alloc_mean_pct).toBeGreaterThan(30);
    expect(Math.max(...cell.run.timeseries.map((p) => p.gpuAllocPct))).toBeGreaterThan(50);
  });

  it('runs the training pods (two whole V100s each) on V100 nodes only', () => {
    const training = cell.run.placements!.filter((p) => p.pod.startsWith('training-') && p.node !== '');
    expect(training.length).toBeGreaterThan(0);
    expect(training.every((p) => p.node.startsWith('v100-'))).toBe(true);
    const inference = cell.run.placements!.filter((p) => p.pod.startsWith('inference-') && p.node !== '');
    expect(inference.some((p) => p.node.startsWith('t4-'))).toBe(true);
  });

  it('gives the same result for the same seed', () => {
    const again = new ScenarioCellRunner([scenario]).run('gpu', { kind: 'scenario', scenario: 0, policy: 'fgd', seed: 1 });
    expect(again.run.values).toEqual(cell.run.values);
    expect(again.run.placements).toEqual(cell.run.placements);
  });
});

describe('a generated GPU pool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gpu-pool-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const text = readFileSync(file, 'utf8');
  const cases: readonly { name: string; gpus: string; err: RegExp | null }[] = [
    { name: 'takes 32 GPUs, the most a node may have', gpus: '32', err: null },
    { name: 'refuses 33 GPUs', gpus: '33', err: /gpu-33\.yaml:18: cluster\.generate\.pools\[0\]\.capacity\.alibabacloud\.com\/gpu-count: a node has at most 32 GPUs \(MAX_GPUS_PER_NODE: which GPUs a pod holds is a 32-bit mask\), got "33"$/ },
    { name: 'refuses half a GPU', gpus: '"0.5"', err: /gpu-"0\.5"\.yaml:18: cluster\.generate\.pools\[0\]\.capacity\.alibabacloud\.com\/gpu-count: must be a whole number of alibabacloud\.com\/gpu-count/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const f = join(dir, `gpu-${c.gpus}.yaml`);
      writeFileSync(f, text.replace('alibabacloud.com/gpu-count: 8 }', `alibabacloud.com/gpu-count: ${c.gpus} }`));
      const load = () => loadScenario(f, caps);
      if (c.err === null) expect(load).not.toThrow();
      else expect(load).toThrow(c.err);
    });
  }
});
