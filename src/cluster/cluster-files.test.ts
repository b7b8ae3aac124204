import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelContext } from '../model/model-context.js';
import { clusterFiles } from './cluster-files.js';
import { loadCluster } from './load-cluster.js';

const root = mkdtempSync(join(tmpdir(), 'schedbench-cluster-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, content: unknown): void {
  const full = join(root, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, typeof content === 'string' ? content : JSON.stringify(content));
}

const node = (name: string) => ({ metadata: { name, labels: { 'kubernetes.io/hostname': name } }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } });
const pod = (name: string, nodeName?: string) => ({
  metadata: { name, namespace: 'shop', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', controller: true }] },
  spec: { ...(nodeName === undefined ? {} : { nodeName }), containers: [{ name: 'c', resources: { requests: { cpu: '100m' } } }] },
});

// What `kubectl cluster-info dump --all-namespaces --output-directory=dump` writes: raw API
// lists (items without kind), one folder per namespace, pod logs beside them.
write('dump/nodes.json', { kind: 'NodeList', apiVersion: 'v1', items: [node('a'), node('b')] });
write('dump/shop/pods.json', { kind: 'PodList', apiVersion: 'v1', items: [pod('web-1-x', 'a'), pod('web-1-y')] });
write('dump/shop/replicasets.json', { kind: 'ReplicaSetList', apiVersion: 'apps/v1', items: [{ metadata: { name: 'web-1', namespace: 'shop' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } } } } }] });
write('dump/shop/events.json', { kind: 'EventList', apiVersion: 'v1', items: [{ metadata: { name: 'e1', namespace: 'shop' } }] });
write('dump/shop/web-1-x/logs.txt', 'not an object file');
write('dump/.hidden.json', '{ not even JSON');
mkdirSync(join(root, 'empty/sub'), { recursive: true });
write('empty/sub/notes.txt', 'nothing here');

describe('clusterFiles', () => {
  it('a folder stands for its JSON and YAML files at any depth, in path order; logs and hidden files are left out', () => {
    expect(clusterFiles([join(root, 'dump')]).map((f) => f.slice(root.length + 1))).toEqual([
      'dump/nodes.json', 'dump/shop/events.json', 'dump/shop/pods.json', 'dump/shop/replicasets.json',
    ]);
  });

  it('a file is itself, kept in the given order with the folders\' files', () => {
    const nodes = join(root, 'dump/nodes.json');
    expect(clusterFiles([nodes, join(root, 'dump/shop')]).map((f) => f.slice(root.length + 1)))
      .toEqual(['dump/nodes.json', 'dump/shop/events.json', 'dump/shop/pods.json', 'dump/shop/replicasets.json']);
  });

  it('a missing path or a folder without a JSON or YAML file is an error naming it', () => {
    expect(() => clusterFiles([join(root, 'nope')])).toThrow(/nope: cannot read: /);
    expect(() => clusterFiles([join(root, 'empty')])).toThrow(/empty: a folder without a JSON or YAML file/);
  });
});

describe('loadCluster on a kubectl cluster-info dump folder', () => {
  it('loads nodes, pods and owners from the folder, so the ReplicaSet\'s pending pod is spread by the system defaults', () => {
    const { state, pending } = loadCluster([join(root, 'dump')], new ModelContext());
    expect(state.liveNodeCount).toBe(2);
    expect(pending.map((p) => p.name)).toEqual(['web-1-y']);
    const shop = state.model.symbols.intern('shop');
    expect(state.workloads.get('ReplicaSet', shop, 'web-1')).not.toBeNull();
    expect(state.workloads.defaultSelector(pending[0]!).requirements.length).toBeGreaterThan(0);
  });
});
