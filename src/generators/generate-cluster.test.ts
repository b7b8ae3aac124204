import { describe, expect, it } from 'vitest';
import { compileNode } from '../model/compile-node.js';
import { ModelContext } from '../model/model-context.js';
import type { ClusterSpec } from './cluster-spec.js';
import { generateCluster } from './generate-cluster.js';
import { Rng } from './rng.js';

type NodeObj = { metadata: { name: string; labels: Record<string, string> }; status: { images: unknown[] } };

describe('generateCluster', () => {
  const spec: ClusterSpec = {
    pools: [
      { name: 'cpu', count: 7, capacity: { cpu: '32', memory: '128Gi', pods: '110' }, images: [{ name: 'nginx:1', sizeBytes: 1e8, probability: 0.5 }] },
      { name: 'gpu', count: 3, capacity: { cpu: '64', memory: '256Gi', pods: '110', 'nvidia.com/gpu': '8' }, taints: [{ key: 'gpu', effect: 'NoSchedule' }] },
    ],
    topology: { regions: 1, zonesPerRegion: 3, racksPerZone: 2 },
  };
  const nodes = generateCluster(spec, Rng.fromSeed(1).fork('cluster')) as NodeObj[];

  it('names nodes per pool and deals them round-robin over zones', () => {
    expect(nodes.map((n) => n.metadata.name)).toEqual(['cpu-0', 'cpu-1', 'cpu-2', 'cpu-3', 'cpu-4', 'cpu-5', 'cpu-6', 'gpu-0', 'gpu-1', 'gpu-2']);
    expect(nodes.slice(0, 4).map((n) => n.metadata.labels['topology.kubernetes.io/zone'])).toEqual(['zone-0-0', 'zone-0-1', 'zone-0-2', 'zone-0-0']);
    expect(nodes[3]!.metadata.labels['topology.schedbench.io/rack']).toBe('rack-0-0-1');
    expect(nodes[0]!.metadata.labels['kubernetes.io/hostname']).toBe('cpu-0');
  });

  it('produces valid v1.Node objects', () => {
    const model = new ModelContext();
    for (const n of nodes) expect(() => compileNode(n, model)).not.toThrow();
  });

  it('draws image presence from the seed only', () => {
    const again = generateCluster(spec, Rng.fromSeed(1).fork('cluster')) as NodeObj[];
    expect(again).toEqual(nodes);
    const withImage = nodes.slice(0, 7).filter((n) => n.status.images.length > 0).length;
    expect(withImage).toBeGreaterThan(0);
    expect(withImage).toBeLessThan(7);
  });
});
