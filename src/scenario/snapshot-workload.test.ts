import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/load-cluster.js';
import { buildFramework } from '../framework/framework.js';
import { registryCapabilities } from '../framework/registry-capabilities.js';
import { generateWorkload } from '../generators/generate-workload.js';
import { Rng } from '../generators/rng.js';
import { POD_TEMPLATE_HASH_LABEL } from '../model/pod-template-hash.js';
import { compilePod } from '../model/compile-pod.js';
import { InputError } from '../model/errors.js';
import { ModelContext } from '../model/model-context.js';
import { inTreeRegistry } from '../plugins/index.js';
import { loadScenario } from './load-scenario.js';
import type { FromSnapshotSpec } from './scenario-schema.js';

/**
 * `fromSnapshot` workloads (issue 13, "Also"): more pods of a snapshot's Deployment or
 * StatefulSet. The test cluster (fixtures/from-snapshot/cluster.yaml) has Deployment
 * shop/web (10 replicas, an old and a current ReplicaSet), StatefulSet shop/db (3),
 * default/api (replicas unset, no ReplicaSet in the dump), default/idle (0 replicas) and
 * default/broken (a toleration the model refuses).
 */

const caps = registryCapabilities(inTreeRegistry, new ModelContext());
const dir = mkdtempSync(join(tmpdir(), 'schedbench-from-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dump = fileURLToPath(new URL('fixtures/from-snapshot/cluster.yaml', import.meta.url));

/** A scenario over the test cluster (unless `cluster` says otherwise) whose workloads (from line 7) are `items`, one a line. */
function file(name: string, items: readonly string[], cluster = `{ snapshot: [${JSON.stringify(dump)}] }`): string {
  const f = join(dir, `${name}.yaml`);
  writeFileSync(f, [
    `name: ${name}`, 'seeds: [1]', 'durationS: 600', `cluster: ${cluster}`, 'policies: [{ name: default, extends: default }]',
    'workload:', '  workloads:', ...items.map((x) => `    - ${x}`), '',
  ].join('\n'));
  return f;
}
const load = (name: string, items: readonly string[], cluster?: string) => loadScenario(file(name, items, cluster), caps, (p) => buildFramework(p, inTreeRegistry, new ModelContext()));
const resolved = (name: string, items: readonly string[]): FromSnapshotSpec[] => {
  const s = load(name, items);
  if (s.workload.kind !== 'generate') throw new Error('expected a generated workload');
  return s.workload.spec.workloads.filter((w): w is FromSnapshotSpec => w.kind === 'FromSnapshot');
};
const all = '{ process: all-at-once }';

describe('fromSnapshot', () => {
  it('a Deployment: its current ReplicaSet\'s template (hash label included) and owner, scale x replicas arriving', () => {
    const [w] = resolved('web', [`{ fromSnapshot: { kind: Deployment, name: web, namespace: shop, scale: 0.3 }, arrival: ${all} }`]);
    expect(w).toMatchObject({
      kind: 'FromSnapshot', name: 'web', namespace: 'shop', replicas: 3,
      source: { kind: 'Deployment', name: 'web', replicas: 10, scale: 0.3 },
      owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7c9d' },
      podNames: { prefix: 'web', first: 0 },
    });
    // Not web-old77 (an older template), whose image is nginx:1.24.
    expect(w!.template.pod.metadata).toEqual({
      labels: { app: 'web', tier: 'front', [POD_TEMPLATE_HASH_LABEL]: '7c9d' },
      annotations: { 'kubectl.kubernetes.io/restartedAt': '2024-02-01T00:00:00Z' },
    });
    expect(w!.template.pod.spec).toMatchObject({ containers: [{ image: 'nginx:1.25' }] });
  });

  // Hand calculation: ceil(scale x 10), the float noise of the product dropped first.
  const scales: readonly [number, number][] = [[0.3, 3], [0.25, 3], [0.01, 1], [1, 10], [2, 20], [2.05, 21], [0.7, 7], [1.1, 11]];
  for (const [scale, want] of scales) {
    it(`scale ${scale} on 10 replicas: ${want} pods arrive`, () => {
      expect(resolved(`scale-${want}-${String(scale).replace('.', '-')}`, [`{ fromSnapshot: { kind: Deployment, name: web, namespace: shop, scale: ${scale} }, arrival: ${all} }`])[0]!.replicas).toBe(want);
    });
  }

  it('a StatefulSet: its template and owner, pods named with its next ordinals', () => {
    const [w] = resolved('db', [`{ fromSnapshot: { kind: StatefulSet, name: db, namespace: shop, scale: 1 }, name: db-more, arrival: ${all} }`]);
    expect(w).toMatchObject({ name: 'db-more', replicas: 3, owner: { kind: 'StatefulSet', name: 'db' }, podNames: { prefix: 'db', first: 3 } });
    const plan = generateWorkload({ workloads: [w!] }, Rng.fromSeed(1));
    expect(plan.arrivals.map((a) => a.name)).toEqual(['db-3', 'db-4', 'db-5']);
    expect(plan.objects).toEqual([]);
    expect(plan.workloads[0]).toEqual({ kind: 'StatefulSet', name: 'db-more', parallelism: null });
  });

  it('a Deployment without its ReplicaSets in the dump: default namespace, 1 replica, owned by <name>-<hash> of its template', () => {
    const [w] = resolved('api', [`{ fromSnapshot: { kind: Deployment, name: api, scale: 2 }, name: api-more, arrival: ${all} }`]);
    const hash = w!.template.pod.metadata!.labels![POD_TEMPLATE_HASH_LABEL]!;
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(w).toMatchObject({ namespace: 'default', replicas: 2, source: { replicas: 1 }, owner: { kind: 'ReplicaSet', name: `api-${hash}` }, podNames: { prefix: 'api-more', first: 0 } });
  });

  it('the generated pods are the controller\'s: its labels as they are (no app label added), its owner, selected by the snapshot\'s ReplicaSet', () => {
    const [w] = resolved('pods', [`{ fromSnapshot: { kind: Deployment, name: web, namespace: shop, scale: 0.2 }, arrival: ${all} }`]);
    const model = new ModelContext();
    const { state } = loadCluster([dump], model);
    const plan = generateWorkload({ workloads: [w!] }, Rng.fromSeed(1));
    const pod = compilePod(plan.templates[0], model);
    expect(plan.templates[0]).toMatchObject({
      metadata: { namespace: 'shop', labels: { app: 'web', tier: 'front', [POD_TEMPLATE_HASH_LABEL]: '7c9d' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7c9d', controller: true }] },
    });
    expect(pod.owner).toEqual({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7c9d' });
    // kube's system default spreading finds the snapshot's ReplicaSet for the new pods.
    expect(state.workloads.defaultSelector(pod)).not.toBeNull();
    expect(plan.arrivals.map((a) => a.name)).toEqual(['web-0', 'web-1']);
  });

  it('takes arrivals and durations as any workload, beside a replay of the snapshot', () => {
    const s = loadScenario(file('replay', [`{ fromSnapshot: { kind: Deployment, name: web, namespace: shop, scale: 1 }, arrival: { process: poisson, ratePerS: 2 }, durationS: { kind: constant, value: 30 } }`])
      .replace(/$/, ''), caps);
    expect(s.workload.kind).toBe('generate');
    const f = file('with-replay', []);
    writeFileSync(f, `${[
      'name: with-replay', 'seeds: [1]', 'durationS: 600', `cluster: { snapshot: [${JSON.stringify(dump)}] }`, 'policies: [{ name: default, extends: default }]',
      'workload:', '  replay: {}', '  workloads:', `    - { fromSnapshot: { kind: Deployment, name: web, namespace: shop, scale: 0.5 }, arrival: ${all}, durationS: { kind: constant, value: 30 } }`,
    ].join('\n')}\n`);
    const r = loadScenario(f, caps);
    expect(r.workload.kind === 'replay' && r.workload.spec.workloads[0]).toMatchObject({ kind: 'FromSnapshot', replicas: 5, durationS: { kind: 'constant', value: 30 } });
  });

  const bad: readonly { name: string; items: readonly string[]; cluster?: string; err: RegExp }[] = [
    {
      name: 'generated-cluster', items: [`{ fromSnapshot: { kind: Deployment, name: web, scale: 1 }, arrival: ${all} }`], cluster: '{ generate: { pools: [{ name: p, count: 1, capacity: { cpu: "1" } }] } }',
      err: /generated-cluster\.yaml:8: workload\.workloads\[0\]\.fromSnapshot: fromSnapshot takes more pods of a Deployment or StatefulSet of a snapshot cluster; give the cluster as `snapshot: \[files or folders\]`, got a generated cluster$/,
    },
    {
      name: 'no-such-object', items: [`{ fromSnapshot: { kind: Deployment, name: webb, namespace: shop, scale: 1 }, arrival: ${all} }`],
      err: /no-such-object\.yaml:8: workload\.workloads\[0\]\.fromSnapshot\.name: no Deployment shop\/webb in the snapshot cluster \(it has Deployments: default\/api, default\/broken, default\/idle, shop\/web; StatefulSets: shop\/db\), got "webb"$/,
    },
    {
      name: 'wrong-namespace', items: [`{ fromSnapshot: { kind: StatefulSet, name: db, scale: 1 }, arrival: ${all} }`],
      err: /wrong-namespace\.yaml:8: workload\.workloads\[0\]\.fromSnapshot\.name: no StatefulSet default\/db in the snapshot cluster \(.*StatefulSets: shop\/db\), got "db"$/,
    },
    {
      name: 'wrong-kind', items: [`{ fromSnapshot: { kind: DaemonSet, name: web, scale: 1 }, arrival: ${all} }`],
      err: /wrong-kind\.yaml:8: workload\.workloads\[0\]\.fromSnapshot\.kind: got "DaemonSet"; supported values: "Deployment", "StatefulSet"$/,
    },
    { name: 'scale-zero', items: [`{ fromSnapshot: { kind: Deployment, name: web, scale: 0 }, arrival: ${all} }`], err: /scale-zero\.yaml:8: workload\.workloads\[0\]\.fromSnapshot\.scale: a scale above 0 \(arriving pods = scale x the object's replicas, rounded up\), got 0$/ },
    { name: 'scale-negative', items: [`{ fromSnapshot: { kind: Deployment, name: web, scale: -0.5 }, arrival: ${all} }`], err: /scale-negative\.yaml:8: workload\.workloads\[0\]\.fromSnapshot\.scale: a scale above 0 .*got -0\.5$/ },
    { name: 'scale-text', items: [`{ fromSnapshot: { kind: Deployment, name: web, scale: "30%" }, arrival: ${all} }`], err: /scale-text\.yaml:8: workload\.workloads\[0\]\.fromSnapshot\.scale: expected number, got "30%"$/ },
    { name: 'scale-missing', items: [`{ fromSnapshot: { kind: Deployment, name: web }, arrival: ${all} }`], err: /scale-missing\.yaml:8: workload\.workloads\[0\]\.fromSnapshot\.scale: expected number, got nothing$/ },
    {
      name: 'zero-replicas', items: [`{ fromSnapshot: { kind: Deployment, name: idle, scale: 2 }, arrival: ${all} }`],
      err: /zero-replicas\.yaml:8: workload\.workloads\[0\]\.fromSnapshot\.scale: Deployment default\/idle has 0 replicas in the snapshot; arriving pods are scale x its replicas, so none would arrive, got 2$/,
    },
    {
      name: 'bad-template', items: [`{ fromSnapshot: { kind: Deployment, name: broken, scale: 1 }, arrival: ${all} }`],
      err: /cluster\.yaml:113: Deployment default\/broken: spec\.template\.spec\.tolerations\[0\]\.operator: got "Maybe"; supported values: "Equal", "Exists", "" \(the pod template that .*bad-template\.yaml:8: workload\.workloads\[0\]\.fromSnapshot takes\)$/,
    },
    { name: 'with-service', items: [`{ fromSnapshot: { kind: Deployment, name: web, scale: 1 }, arrival: ${all}, service: true }`], err: /with-service\.yaml:8: workload\.workloads\[0\]\.service: unknown field "service"$/ },
    { name: 'with-template', items: [`{ fromSnapshot: { kind: Deployment, name: web, scale: 1 }, arrival: ${all}, template: {} }`], err: /with-template\.yaml:8: workload\.workloads\[0\]\.template: unknown field "template"$/ },
    { name: 'no-arrival', items: ['{ fromSnapshot: { kind: Deployment, name: web, namespace: shop, scale: 1 } }'], err: /no-arrival\.yaml:8: workload\.workloads\[0\]\.arrival: / },
    {
      name: 'same-name', items: [`{ fromSnapshot: { kind: Deployment, name: web, namespace: shop, scale: 1 }, arrival: ${all} }`, `{ kind: Deployment, name: web, replicas: 1, template: {}, arrival: ${all} }`],
      err: /same-name\.yaml:9: workload\.workloads\[1\]\.name: duplicate workload name "web"$/,
    },
    {
      name: 'too-many-pods', items: [`{ fromSnapshot: { kind: Deployment, name: web, namespace: shop, scale: 300000 }, arrival: ${all} }`],
      err: /too-many-pods\.yaml:\d+: workload\.workloads: 3000000 pods in all .*over the limit of 2000000 pods per scenario/,
    },
  ];
  for (const c of bad) {
    it(`refuses ${c.name}`, () => {
      let message = '';
      try {
        load(c.name, c.items, c.cluster);
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        message = (e as Error).message;
      }
      expect(message).toMatch(c.err);
    });
  }

  it('the example scenario scenarios/from-snapshot-more.yaml: 3 more web pods, db-3..db-5', () => {
    const s = loadScenario(fileURLToPath(new URL('../../scenarios/from-snapshot-more.yaml', import.meta.url)), caps);
    if (s.workload.kind !== 'generate') throw new Error('expected a generated workload');
    const plan = generateWorkload(s.workload.spec, Rng.fromSeed(1));
    expect(plan.arrivals.map((a) => a.name).sort()).toEqual(['db-3', 'db-4', 'db-5', 'web-0', 'web-1', 'web-2']);
  });
});
