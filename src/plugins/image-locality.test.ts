import { describe, expect, it } from 'vitest';
import type { CycleContext, NodeList } from '../framework/types.js';
import { SKIP, UniformScore } from '../framework/types.js';
import type { NodeId } from '../model/ids.js';
import { MB } from '../model/image-score.js';
import type { NodeSketch } from '../testing/builders.js';
import { testCluster } from '../testing/builders.js';
import { create } from './image-locality.js';

type Image = { names: string[]; sizeBytes: number };
const img = (sizeMb: number, ...names: string[]): Image => ({ names, sizeBytes: sizeMb * MB });

// Node image sets of kube-scheduler imagelocality/image_locality_test.go.
const node403002000 = [img(40, 'gcr.io/40:latest', 'gcr.io/40:v1', 'gcr.io/40:v1'), img(300, 'gcr.io/300:latest', 'gcr.io/300:v1'), img(2000, 'gcr.io/2000:latest')];
const node25010 = [img(250, 'gcr.io/250:latest'), img(10, 'gcr.io/10:latest', 'gcr.io/10:v1')];
const node60040900 = [img(600, 'gcr.io/600:latest'), img(40, 'gcr.io/40:latest'), img(900, 'gcr.io/900:latest')];
const node300600900 = [img(300, 'gcr.io/300:latest'), img(600, 'gcr.io/600:latest'), img(900, 'gcr.io/900:latest')];
const node400030 = [img(4000, 'gcr.io/4000:latest'), img(30, 'gcr.io/30:latest')];
const node203040 = [img(20, 'gcr.io/20:latest'), img(30, 'gcr.io/30:latest'), img(40, 'gcr.io/40:latest')];

const containers = (...images: string[]) => images.map((image, i) => ({ name: `c${i}`, image }));

function scores(nodes: NodeSketch[], spec: Record<string, unknown>, scoreNodes?: number[]) {
  const c = testCluster(nodes);
  const plugin = create({}, { model: c.model });
  const pod = c.pod({ spec });
  const cx: CycleContext = { view: c.state };
  const ids = Int32Array.from(scoreNodes ?? nodes.map((_, i) => i));
  const list: NodeList = { ids, count: ids.length };
  const pre = plugin.preScore!(cx, pod, list);
  expect(pre).not.toBe(SKIP);
  // No image of the pod anywhere: one score for every node.
  if (pre instanceof UniformScore) return [...ids].map(() => pre.score);
  return [...ids].map((id) => plugin.score!(cx, pod, id as NodeId, pre));
}

describe('ImageLocality.score', () => {
  // Cases: kube-scheduler imagelocality/image_locality_test.go TestImageLocalityPriority
  // (the arithmetic is written out in src/model/image-score.test.ts).
  const cases: { name: string; nodes: NodeSketch[]; spec: Record<string, unknown>; want: number[] }[] = [
    {
      name: 'two images spread on two nodes, prefer the larger image one',
      nodes: [{ name: 'node1', images: node403002000 }, { name: 'node2', images: node25010 }],
      spec: { containers: containers('gcr.io/40', 'gcr.io/250') }, want: [0, 5],
    },
    {
      name: 'two images on one node, prefer this node',
      nodes: [{ name: 'node1', images: node403002000 }, { name: 'node2', images: node25010 }],
      spec: { containers: containers('gcr.io/40', 'gcr.io/300') }, want: [7, 0],
    },
    {
      name: 'if exceed limit, use limit',
      nodes: [{ name: 'node1', images: node400030 }, { name: 'node2', images: node25010 }],
      spec: { containers: containers('gcr.io/10', 'gcr.io/4000') }, want: [100, 0],
    },
    {
      name: 'if exceed limit, use limit (with node which has no images present)',
      nodes: [{ name: 'node1', images: node400030 }, { name: 'node2', images: node25010 }, { name: 'node3' }],
      spec: { containers: containers('gcr.io/10', 'gcr.io/4000') }, want: [66, 0, 0],
    },
    {
      name: 'pod with multiple large images, node2 is preferred',
      nodes: [{ name: 'node1', images: node60040900 }, { name: 'node2', images: node300600900 }, { name: 'node3' }],
      spec: { containers: containers('gcr.io/300', 'gcr.io/600', 'gcr.io/900') }, want: [32, 36, 0],
    },
    {
      name: 'pod with multiple small images',
      nodes: [{ name: 'node1', images: node203040 }, { name: 'node2', images: node400030 }],
      spec: { containers: containers('gcr.io/30', 'gcr.io/40') }, want: [1, 0],
    },
    {
      name: 'include InitContainers: two images spread on two nodes, prefer the larger image one',
      nodes: [{ name: 'node1', images: node403002000 }, { name: 'node2', images: node203040 }],
      spec: { containers: containers('gcr.io/30'), initContainers: containers('gcr.io/300') }, want: [6, 0],
    },
  ];
  for (const c of cases) it(c.name, () => expect(scores(c.nodes, c.spec)).toEqual(c.want));

  it('the spread counts every node of the snapshot, not only the candidates', () => {
    // gcr.io/4000 on 1 of 3 nodes: 100 * (4000M/3 - 23M) / (2000M - 23M) = 66 even when
    // only node1 is scored.
    const nodes = [{ name: 'node1', images: node400030 }, { name: 'node2', images: node25010 }, { name: 'node3' }];
    expect(scores(nodes, { containers: containers('gcr.io/10', 'gcr.io/4000') }, [0])).toEqual([66]);
  });
  it('a tagged pod image must match the node name exactly; node names are not normalized', () => {
    const nodes = [{ name: 'node1', images: [img(3000, 'gcr.io/big')] }, { name: 'node2', images: [img(3000, 'gcr.io/big:v2')] }];
    // "gcr.io/big" on the pod side becomes "gcr.io/big:latest", which neither node lists.
    expect(scores(nodes, { containers: containers('gcr.io/big') })).toEqual([0, 0]);
    // 3000M * 1/2 = 1500M >= 1000M for one container: the maximum.
    expect(scores(nodes, { containers: containers('gcr.io/big:v2') })).toEqual([0, 100]);
  });
  it('one size per image name, from the first node that reported it (kube cache imageStates), not each node\'s own', () => {
    // 3000M on node1 (reported first) and 100M on node2 for the same name: both nodes
    // score the cache's 3000M * 2/2 nodes = 3000M, over 1000M for one container: 100.
    // Per-node sizes would give node2 100 * (100M - 23M) / (1000M - 23M) = 7.
    const big = [img(3000, 'gcr.io/app:v1')];
    const small = [img(100, 'gcr.io/app:v1')];
    expect(scores([{ name: 'node1', images: big }, { name: 'node2', images: small }], { containers: containers('gcr.io/app:v1') })).toEqual([100, 100]);
    // The other way round, 100M is the size: 7 on both.
    expect(scores([{ name: 'node1', images: small }, { name: 'node2', images: big }], { containers: containers('gcr.io/app:v1') })).toEqual([7, 7]);
  });
});

describe('ClusterState image sizes', () => {
  it('keep the first size while any node holds the image, and take the next reporter\'s once none does', () => {
    const c = testCluster([{ name: 'node1', images: [img(3000, 'gcr.io/app:v1')] }, { name: 'node2', images: [img(100, 'gcr.io/app:v1')] }]);
    const name = c.model.symbols.intern('gcr.io/app:v1');
    expect(c.state.imageSize(1 as NodeId, name)).toBe(3000 * MB);
    c.state.removeNode(0 as NodeId);
    // removeNodeImageStates only drops node1 from the entry; its size stays.
    expect(c.state.imageSize(1 as NodeId, name)).toBe(3000 * MB);
    expect(c.state.imageNodeCount(name)).toBe(1);
    c.state.removeNode(1 as NodeId);
    expect(c.state.imageNodeCount(name)).toBe(0);
    const n3 = c.state.addNode(c.nodes[1]!);
    expect(c.state.imageSize(n3, name)).toBe(100 * MB);
    expect(c.state.imageSize(n3, c.model.symbols.intern('gcr.io/other:v1'))).toBe(-1);
  });
});

