import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { NodeId } from '../model/ids.js';
import { ModelContext } from '../model/model-context.js';
import { CPU } from '../model/resources.js';
import { loadCluster } from './load-cluster.js';

const fixture = (f: string) => fileURLToPath(new URL(`./fixtures/${f}`, import.meta.url));

describe('loadCluster', () => {
  it('reads a kubectl List: nodes, bound pods placed, pending pods returned, finished pods left out', () => {
    const model = new ModelContext();
    const { state, pending } = loadCluster([fixture('snapshot.json')], model);
    const { symbols } = model;
    expect(state.liveNodeCount).toBe(2);
    const b = state.nodeByName(symbols.intern('node-b')) as NodeId;
    expect(state.requested[b * state.dims + CPU]).toBe(1500);
    expect(state.podsOn(b).map((p) => state.pod(p).name)).toEqual(['web-1']);
    expect(state.pod(state.podsOn(b)[0]!).owner).toEqual({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9' });
    expect(pending.map((p) => p.name)).toEqual(['web-2']);
    expect(state.nodeTaints(state.nodeByName(symbols.intern('node-a')) as NodeId).length).toBe(3);
    expect(state.namespaceLabels(symbols.intern('shop')).length).toBe(2);
  });

  const bad = [
    { name: 'a bad quantity names file, line, object and field', file: 'bad-quantity.json', err: /bad-quantity\.json:9: pod default\/web-1: spec\.containers\[0\]\.resources\.requests\.cpu: "12x" is not a quantity/ },
    { name: 'an unknown kind names the line', file: 'unknown-kind.yaml', err: /unknown-kind\.yaml:5: document 2: unsupported kind "Deployment"/ },
    { name: 'a pod on a node that does not exist', file: 'unknown-node.yaml', err: /unknown-node\.yaml:5: pod default\/lost: spec\.nodeName: node "nowhere" is not in the cluster/ },
    { name: 'a taint effect Kubernetes rejects', file: 'bad-taint.yaml', err: /bad-taint\.yaml:7: node n1: spec\.taints\[0\]\.effect: got "Sometimes"; supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"$/ },
    { name: 'a YAML syntax error gives line and column', file: 'broken.yaml', err: /broken\.yaml:3: column 1: YAML syntax error/ },
    { name: 'a missing file', file: 'nope.json', err: /nope\.json: cannot read: no such file$/ },
  ];
  for (const c of bad) it(c.name, () => expect(() => loadCluster([fixture(c.file)], new ModelContext())).toThrow(c.err));
});
