import { describe, expect, it } from 'vitest';
import { compilePod } from '../model/compile-pod.js';
import type { Sym } from '../model/ids.js';
import { OP_IN } from '../model/labels.js';
import { ModelContext } from '../model/model-context.js';
import { compilePodDisruptionBudget } from '../model/pod-disruption-budget.js';
import { compileWorkload, WorkloadSet } from '../model/workloads.js';
import { generateWorkload } from './generate-workload.js';
import { Rng } from './rng.js';
import { compilePersistentVolumeClaim } from '../model/persistent-volume-claim.js';
import { POD_TEMPLATE_HASH_LABEL } from '../model/pod-template-hash.js';
import { CONTROLLER_REVISION_HASH_LABEL, workloadObjects } from './workload-objects.js';
import type { DeploymentSpec, JobSpec, ShortPodTemplate, StatefulSetSpec, WorkloadObject, WorkloadPlan } from './workload-spec.js';

const webTemplate: ShortPodTemplate = { labels: { tier: 'front' }, requests: { cpu: '100m', memory: '128Mi' } };
const web: DeploymentSpec = {
  kind: 'Deployment', name: 'web', namespace: 'shop', replicas: 4, template: webTemplate, arrival: { process: 'all-at-once' },
};
const batch: JobSpec = {
  kind: 'Job', name: 'batch', completions: 10, parallelism: 3, template: { requests: { cpu: '1' } },
  arrival: { process: 'all-at-once' }, durationS: { kind: 'constant', value: 60 },
};

const ofKind = (objects: readonly WorkloadObject[], kind: WorkloadObject['kind']) => objects.filter((o) => o.kind === kind);

describe('workloadObjects', () => {
  it('a Deployment: the Deployment owns a ReplicaSet <name>-<hash> that selects app + pod-template-hash; the pods carry the hash', () => {
    const w = workloadObjects(web);
    expect(w.objects.map((o) => o.kind)).toEqual(['Deployment', 'ReplicaSet']);
    const [deployment, rs] = w.objects as [WorkloadObject, WorkloadObject];
    const hash = w.podLabels[POD_TEMPLATE_HASH_LABEL]!;
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(deployment).toMatchObject({
      apiVersion: 'apps/v1', metadata: { name: 'web', namespace: 'shop' },
      spec: { replicas: 4, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', tier: 'front' } } } },
    });
    expect(rs).toMatchObject({
      apiVersion: 'apps/v1',
      metadata: { name: `web-${hash}`, namespace: 'shop', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', controller: true }] },
      spec: { replicas: 4, selector: { matchLabels: { app: 'web', [POD_TEMPLATE_HASH_LABEL]: hash } } },
    });
    expect(w.podLabels).toEqual({ app: 'web', tier: 'front', [POD_TEMPLATE_HASH_LABEL]: hash });
    expect(w.podOwner).toEqual({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `web-${hash}` });
  });

  it('a Job: batch/v1 with parallelism, completions and a selector on its job-name label, which the pods carry', () => {
    const w = workloadObjects(batch);
    expect(w.objects).toHaveLength(1);
    expect(w.objects[0]).toMatchObject({
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'batch', namespace: 'default' },
      spec: { parallelism: 3, completions: 10, selector: { matchLabels: { 'batch.kubernetes.io/job-name': 'batch' } } },
    });
    expect(w.podLabels).toEqual({ app: 'batch', 'batch.kubernetes.io/job-name': 'batch', 'job-name': 'batch' });
    // Without parallelism the simulator runs every pod at once; the object says so.
    const { parallelism: _p, ...unbounded } = batch;
    expect(workloadObjects(unbounded).objects[0]!.spec.parallelism).toBe(10);
  });

  it('service: true adds a v1 Service and pdb a policy/v1 PodDisruptionBudget, both selecting the pods\' app label', () => {
    const w = workloadObjects({ ...web, template: { ...webTemplate, labels: { app: 'storefront' } }, service: true, pdb: { maxUnavailable: '25%' } });
    expect(w.objects.map((o) => o.kind)).toEqual(['Deployment', 'ReplicaSet', 'Service', 'PodDisruptionBudget']);
    expect(ofKind(w.objects, 'Service')[0]).toEqual({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'storefront' } } });
    expect(ofKind(w.objects, 'PodDisruptionBudget')[0]).toEqual({
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'shop' },
      spec: { selector: { matchLabels: { app: 'storefront' } }, maxUnavailable: '25%' },
    });
    expect(ofKind(workloadObjects({ ...batch, pdb: { minAvailable: 2 } }).objects, 'PodDisruptionBudget')[0]!.spec).toEqual({ selector: { matchLabels: { app: 'batch' } }, minAvailable: 2 });
  });

  it('the controller\'s pod-template-hash wins over a template label of that name', () => {
    const w = workloadObjects({ ...web, template: { labels: { [POD_TEMPLATE_HASH_LABEL]: 'mine' } } });
    expect(w.podLabels[POD_TEMPLATE_HASH_LABEL]).not.toBe('mine');
  });

  it('the hash depends on the pod template only: not on replicas, arrivals or key order; a changed request changes it', () => {
    const hash = (d: DeploymentSpec) => workloadObjects(d).podLabels[POD_TEMPLATE_HASH_LABEL];
    expect(hash({ ...web, replicas: 9, arrival: { process: 'poisson', ratePerS: 1 } })).toBe(hash(web));
    expect(hash({ ...web, template: { requests: { memory: '128Mi', cpu: '100m' }, labels: { tier: 'front' } } })).toBe(hash(web));
    expect(hash({ ...web, template: { ...webTemplate, requests: { cpu: '200m', memory: '128Mi' } } })).not.toBe(hash(web));
  });
});

describe('generateWorkload objects', () => {
  const spec = { workloads: [{ ...web, service: true, pdb: { minAvailable: '50%' } }, batch], bestEffortShare: 0.5 };

  it('lists every workload\'s objects in spec order, the same for every seed', () => {
    const a = generateWorkload(spec, Rng.fromSeed(1).fork('workload'));
    const b = generateWorkload(spec, Rng.fromSeed(2).fork('workload'));
    expect(a.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Deployment/web', `ReplicaSet/${a.objects[1]!.metadata.name}`, 'Service/web', 'PodDisruptionBudget/web', 'Job/batch',
    ]);
    expect(b.objects).toEqual(a.objects);
    expect(b.arrivals).not.toEqual(a.arrivals);
  });

  it('every template, BestEffort variant included, carries the labels its controller selects and names it as owner', () => {
    const plan = generateWorkload(spec, Rng.fromSeed(1).fork('workload'));
    const model = new ModelContext();
    const set = registered(plan, model);
    const pods = plan.templates.map((t) => compilePod(t, model));
    expect(plan.workloads.map((w) => w.name)).toEqual(['web', 'web', 'batch', 'batch']);
    for (const pod of pods.slice(0, 2)) {
      const rs = set.controllerOf(pod);
      expect(rs?.kind).toBe('ReplicaSet');
      expect(set.selects(rs!, pod)).toBe(true);
    }
    const job = set.get('Job', model.symbols.intern('default'), 'batch')!;
    for (const pod of pods.slice(2)) {
      expect(pod.owner).toEqual({ apiVersion: 'batch/v1', kind: 'Job', name: 'batch' });
      expect(set.selects(job, pod)).toBe(true);
    }
  });
});

describe('generated objects as the API server would take them', () => {
  it('every object passes the model\'s validation of its kind (selectors match the template\'s labels)', () => {
    const model = new ModelContext();
    const plan = generateWorkload({ workloads: [{ ...web, service: true, pdb: { minAvailable: 2 } }, { ...batch, service: true, pdb: { maxUnavailable: '10%' } }] }, Rng.fromSeed(1));
    expect(plan.objects).toHaveLength(7);
    for (const o of plan.objects) {
      if (o.kind === 'PodDisruptionBudget') expect(compilePodDisruptionBudget(o, model).name).toBe(o.metadata.name);
      else expect(compileWorkload(o, model)).toMatchObject({ kind: o.kind, name: o.metadata.name });
    }
  });
});

describe('service: true and the system default spreading selector (helper.DefaultSelector)', () => {
  const selectorOf = (w: DeploymentSpec | JobSpec): string[] => {
    const plan = generateWorkload({ workloads: [w] }, Rng.fromSeed(1));
    const model = new ModelContext();
    const set = registered(plan, model);
    const pod = compilePod(plan.templates[0], model);
    return set.defaultSelector(pod).requirements.map((r) => {
      expect(r.op).toBe(OP_IN);
      return `${model.symbols.text(r.key)}=${[...r.values].map((v) => model.symbols.text(v as Sym)).join('|')}`;
    });
  };

  it('a Deployment: the ReplicaSet\'s requirements, after the Service\'s labels when it has one', () => {
    const hash = workloadObjects(web).podLabels[POD_TEMPLATE_HASH_LABEL]!;
    const rs = ['app=web', `${POD_TEMPLATE_HASH_LABEL}=${hash}`];
    expect(selectorOf(web)).toEqual(rs);
    expect(selectorOf({ ...web, service: true })).toEqual(['app=web', ...rs]);
  });

  it('a Job: no selector at all (kube reads no Job), unless a Service selects its pods', () => {
    expect(selectorOf(batch)).toEqual([]);
    expect(selectorOf({ ...batch, service: true })).toEqual(['app=batch']);
  });
});

describe('a StatefulSet with volumeClaimTemplates (kube\'s StatefulSet controller, stateful_set_utils.go)', () => {
  const templateVolumes = [{ name: 'data', emptyDir: {} }, { name: 'config', configMap: { name: 'db' } }];
  const db: StatefulSetSpec = {
    kind: 'StatefulSet', name: 'db', namespace: 'data', replicas: 3,
    template: { requests: { cpu: '1' }, spec: { volumes: templateVolumes } },
    arrival: { process: 'all-at-once' },
    volumeClaimTemplates: [
      { name: 'data', storageClassName: 'zonal', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
      { name: 'wal', storageClassName: 'zonal', accessModes: ['ReadWriteOncePod'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Block' },
    ],
  };

  it('the StatefulSet (serviceName, selector, claim templates), then one claim per replica and template, replica by replica', () => {
    const w = workloadObjects(db);
    expect(w.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'StatefulSet/db', 'PersistentVolumeClaim/data-db-0', 'PersistentVolumeClaim/wal-db-0', 'PersistentVolumeClaim/data-db-1',
      'PersistentVolumeClaim/wal-db-1', 'PersistentVolumeClaim/data-db-2', 'PersistentVolumeClaim/wal-db-2',
    ]);
    expect(w.objects[0]).toMatchObject({
      apiVersion: 'apps/v1', metadata: { name: 'db', namespace: 'data', labels: { app: 'db' } },
      spec: {
        replicas: 3, serviceName: 'db', selector: { matchLabels: { app: 'db' } },
        volumeClaimTemplates: [
          { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'zonal', resources: { requests: { storage: '10Gi' } }, volumeMode: 'Filesystem' } },
          { metadata: { name: 'wal' }, spec: { accessModes: ['ReadWriteOncePod'], volumeMode: 'Block' } },
        ],
      },
    });
    // The object's template is the user's: the controller adds the claims' volumes to the pods, not to it.
    expect((w.objects[0]!.spec.template as { spec: { volumes: unknown[] } }).spec.volumes).toEqual(templateVolumes);
    expect(w.objects[3]).toEqual({
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data-db-1', namespace: 'data', labels: { app: 'db' } },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'zonal', resources: { requests: { storage: '10Gi' } }, volumeMode: 'Filesystem' },
    });
    expect(w.podOwner).toEqual({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' });
    expect(w.podLabels).toEqual({ app: 'db', [CONTROLLER_REVISION_HASH_LABEL]: expect.stringMatching(/^db-[bcdfghjklmnpqrstvwxz2456789]{1,10}$/) });
  });

  it('a pod\'s volumes: one per claim template naming its own claim, then the template\'s volumes a claim template does not replace', () => {
    const w = workloadObjects(db);
    expect(w.podVolumes(2)).toEqual([
      { name: 'data', persistentVolumeClaim: { claimName: 'data-db-2' } },
      { name: 'wal', persistentVolumeClaim: { claimName: 'wal-db-2' } },
      { name: 'config', configMap: { name: 'db' } },
    ]);
    expect(w.podSpec(false).volumes).toEqual(w.podVolumes(0));
    // Without claim templates, every pod has the template's spec.
    const plain = workloadObjects({ ...db, volumeClaimTemplates: undefined });
    expect(plain.podVolumes(1)).toBeNull();
    expect(plain.objects.map((o) => o.kind)).toEqual(['StatefulSet']);
  });

  it('generateWorkload: each arrival names its ordinal\'s claims, BestEffort ones too; every object compiles as the API server would take it', () => {
    const plan = generateWorkload({ workloads: [{ ...db, service: true }], bestEffortShare: 0.5 }, Rng.fromSeed(3).fork('workload'));
    expect(plan.arrivals.map((a) => [a.name, (a.volumes ?? []).map((v) => (v.persistentVolumeClaim as { claimName: string } | undefined)?.claimName ?? v.name)])).toEqual([
      ['db-0', ['data-db-0', 'wal-db-0', 'config']], ['db-1', ['data-db-1', 'wal-db-1', 'config']], ['db-2', ['data-db-2', 'wal-db-2', 'config']],
    ]);
    expect(plan.workloads.map((x) => x.kind)).toEqual(['StatefulSet', 'StatefulSet']);
    const model = new ModelContext();
    for (const o of plan.objects) {
      if (o.kind === 'PersistentVolumeClaim') expect(compilePersistentVolumeClaim(o, model)).toMatchObject({ name: o.metadata.name, storageClassName: 'zonal' });
      else expect(compileWorkload(o, model)).toMatchObject({ kind: o.kind, name: o.metadata.name });
    }
    const set = new WorkloadSet(model);
    for (const o of plan.objects) if (o.kind === 'StatefulSet' || o.kind === 'Service') set.add(compileWorkload(o, model));
    for (const t of plan.templates) {
      const pod = compilePod(t, model);
      expect(pod.volumes.claims.map((c) => c.name)).toEqual(['data-db-0', 'wal-db-0']);
      const owner = set.controllerOf(pod);
      expect(owner?.kind).toBe('StatefulSet');
      expect(set.selects(owner!, pod)).toBe(true);
    }
  });
});

/** The plan's controllers and Services in a WorkloadSet, as the scenario cell registers them. */
function registered(plan: WorkloadPlan, model: ModelContext): WorkloadSet {
  const set = new WorkloadSet(model);
  for (const o of plan.objects) if (o.kind !== 'PodDisruptionBudget') set.add(compileWorkload(o, model));
  return set;
}

