import { volumeAdmitsNode } from '../model/persistent-volume.js';
import { generateCluster } from '../generators/generate-cluster.js';
import { HOSTNAME_LABEL } from '../generators/cluster-spec.js';
import { Rng } from '../generators/rng.js';
import { csiNodeObject, persistentVolumeObject, statefulClaimName, storageClassObject, volumeClaimObject } from '../generators/storage-objects.js';
import { compileCsiNode } from '../model/csi-node.js';
import { InputError, excerpt } from '../model/errors.js';
import { INPUT_LIMITS } from '../model/input-limits.js';
import type { Sym } from '../model/ids.js';
import { labelKeyProblem } from '../model/label-schema.js';
import type { LabelSet } from '../model/labels.js';
import { compileLabels, labelValue, OP_IN } from '../model/labels.js';
import type { NodeSelectorTerm } from '../model/node-selector.js';
import { ModelContext } from '../model/model-context.js';
import { compilePersistentVolume } from '../model/persistent-volume.js';
import { compilePersistentVolumeClaim } from '../model/persistent-volume-claim.js';
import { compileStorageClass, NO_PROVISIONER } from '../model/storage-class.js';
import type { FailAt } from './check-generated.js';
import { partsOf } from './check-generated.js';
import type { ClusterSpec, FromSnapshotSpec, StorageSpec, WorkloadItemInput } from './scenario-schema.js';

/** A workload as loadScenario checks it; only a StatefulSet's claim templates are read here. */
type CheckedWorkload = Exclude<WorkloadItemInput, { kind: 'FromSnapshot' }> | FromSnapshotSpec;

/**
 * Checks a scenario's storage against itself, the generated cluster and the workloads, so
 * a run never starts with storage it cannot build:
 *   - the section needs a generated cluster (a snapshot brings its own storage objects);
 *   - classes, volumes and drivers each named once, each compiled with the model
 *     (compileStorageClass, compilePersistentVolume, compileCsiNode): what the API server
 *     refuses is refused at the entry's field;
 *   - a volume's class is one of `classes`; its `node` a node of the cluster; some node
 *     of the cluster can reach it (its node affinity matched as VolumeBinding matches it);
 *   - a driver's topology keys are label keys; its attachLimits name pools of the cluster;
 *   - a class's provisioner is one of the drivers (or kubernetes.io/no-provisioner);
 *   - a StatefulSet's claim templates name a class of `classes` (kube would leave such a
 *     claim unbound and its pods pending forever), compile as the replica's claim, no
 *     two StatefulSets of a namespace make a claim of the same name, and the claims in
 *     all stay within INPUT_LIMITS.scenarioPods.
 * On a snapshot cluster the claim templates' classes are the snapshot's, not checked here.
 */
export function checkStorage(storage: StorageSpec | undefined, cluster: ClusterSpec | null, clusterWord: string, workloads: readonly CheckedWorkload[], fail: FailAt): void {
  if (storage !== undefined && cluster === null) {
    const own = clusterWord === 'snapshot' ? '; a snapshot cluster brings its own (StorageClass, PersistentVolume, CSINode objects in its files)' : `, got an ${clusterWord} cluster`;
    fail(['storage'], `the storage section describes a generated cluster's storage (its CSI limits are per pool)${own}`);
  }
  const classes = new Set<string>();
  if (storage !== undefined && cluster !== null) {
    const ctx = new ModelContext();
    (storage.classes ?? []).forEach((c, i) => {
      const at = ['storage', 'classes', i];
      if (classes.has(c.name)) fail([...at, 'name'], `duplicate StorageClass name ${excerpt(c.name)}`);
      classes.add(c.name);
      compiled(() => compileStorageClass(storageClassObject(c), ctx), at, (p) => (p[0] === 'metadata' ? ['name'] : [...p]), fail);
    });
    checkVolumes(storage, cluster, classes, ctx, fail);
    checkDrivers(storage, cluster, fail);
    const drivers = new Set((storage.csiDrivers ?? []).map((d) => d.name));
    (storage.classes ?? []).forEach((c, i) => {
      if (c.provisioner === NO_PROVISIONER || drivers.has(c.provisioner)) return;
      fail(['storage', 'classes', i, 'provisioner'], `no CSI driver named ${excerpt(c.provisioner)} in storage.csiDrivers${known(drivers)}: the nodes need the driver, and its CSINode topologyKeys say where a provisioned volume can be reached (topology.kubernetes.io/zone for zonal disks); or use kubernetes.io/no-provisioner for pre-created volumes only`);
    });
  }
  checkClaimTemplates(workloads, cluster === null ? null : classes, fail);
}

function checkVolumes(storage: StorageSpec, cluster: ClusterSpec, classes: ReadonlySet<string>, ctx: ModelContext, fail: FailAt): void {
  const volumes = storage.volumes ?? [];
  if (volumes.length === 0) return;
  const nodes = new GeneratedNodes(cluster, ctx);
  const names = new Set<string>();
  volumes.forEach((v, i) => {
    const at = ['storage', 'volumes', i];
    if (names.has(v.name)) fail([...at, 'name'], `duplicate PersistentVolume name ${excerpt(v.name)}`);
    names.add(v.name);
    if (!classes.has(v.storageClassName)) fail([...at, 'storageClassName'], `no StorageClass named ${excerpt(v.storageClassName)} in storage.classes${known(classes)}`);
    if (v.node !== undefined && !nodes.has(v.node)) {
      fail([...at, 'node'], `no node named ${excerpt(v.node)} in the generated cluster (nodes are <pool>-<i>, i from 0 to count - 1)`);
    }
    const pv = compiled(() => compilePersistentVolume(persistentVolumeObject(v), ctx), at, (p) => volumePath(p, v.node !== undefined), fail);
    if (v.node !== undefined) return;
    if (pv.nodeAffinity !== null && !pv.nodeAffinity.terms.some((t) => nodes.someMatch(t))) {
      fail([...at, 'nodeAffinity', 'required'], 'no node of the generated cluster matches this node affinity, so no pod could ever use the volume');
    }
  });
}

/**
 * The generated cluster's nodes as a node affinity sees them. Node labels do not depend on
 * the seed (only images are drawn), so any seed's nodes do. Nodes differ from their pool,
 * zone and rack siblings in their hostname label alone, so a term that does not read the
 * hostname is matched once per such group; one that asks for hostnames `In` a list
 * looks at those nodes only. Keeps the check fast for clusters of 100,000 nodes and as
 * many volumes.
 */
class GeneratedNodes {
  private readonly byName = new Map<string, LabelSet>();
  /** One node's labels per group of nodes whose labels differ in the hostname only. */
  private readonly groups: LabelSet[] = [];
  private readonly hostname: Sym;

  constructor(cluster: ClusterSpec, private readonly ctx: ModelContext) {
    this.hostname = ctx.symbols.intern(HOSTNAME_LABEL);
    const seen = new Set<string>();
    for (const n of generateCluster(cluster, Rng.fromSeed(0)) as { metadata: { name: string; labels: Record<string, string> } }[]) {
      const labels = compileLabels(n.metadata.labels, ctx.symbols);
      this.byName.set(n.metadata.name, labels);
      const { [HOSTNAME_LABEL]: _h, ...rest } = n.metadata.labels;
      const key = JSON.stringify(Object.entries(rest).sort());
      if (!seen.has(key)) {
        seen.add(key);
        this.groups.push(labels);
      }
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Whether some node matches the term (as VolumeBinding's CheckNodeAffinity matches a volume's). */
  someMatch(term: NodeSelectorTerm): boolean {
    const selector = { terms: [term] };
    const matches = (labels: LabelSet) => volumeAdmitsNode(selector, (key: Sym) => labelValue(labels, key), this.ctx.symbols);
    const onHost = term.labels.filter((r) => r.key === this.hostname);
    if (onHost.length === 0) return this.groups.some(matches);
    const named = onHost.find((r) => r.op === OP_IN);
    if (named !== undefined) {
      return Array.from(named.values, (v) => this.byName.get(this.ctx.symbols.text(v as Sym))).some((l) => l !== undefined && matches(l));
    }
    for (const labels of this.byName.values()) if (matches(labels)) return true;
    return false;
  }
}

/** A volume's field as the entry writes it: spec.capacity.storage -> capacity, spec.nodeAffinity -> nodeAffinity (or node), metadata.labels -> labels. */
function volumePath(p: readonly (string | number)[], local: boolean): (string | number)[] {
  if (p[0] === 'metadata') return p[1] === 'labels' ? ['labels', ...p.slice(2)] : ['name'];
  if (p[0] !== 'spec') return [];
  if (p[1] === 'capacity') return ['capacity'];
  if (p[1] === 'nodeAffinity' && local) return ['node'];
  return p.slice(1);
}

function checkDrivers(storage: StorageSpec, cluster: ClusterSpec, fail: FailAt): void {
  const drivers = storage.csiDrivers ?? [];
  const pools = new Set(cluster.pools.map((p) => p.name));
  const names = new Set<string>();
  drivers.forEach((d, i) => {
    const at = ['storage', 'csiDrivers', i];
    if (names.has(d.name)) fail([...at, 'name'], `duplicate CSI driver name ${excerpt(d.name)}`);
    names.add(d.name);
    (d.topologyKeys ?? []).forEach((k, j) => {
      const problem = labelKeyProblem(k);
      if (problem !== null) fail([...at, 'topologyKeys', j], problem);
    });
    for (const pool of Object.keys(d.attachLimits ?? {})) {
      if (!pools.has(pool)) fail([...at, 'attachLimits', pool], `no pool named ${excerpt(pool)} in cluster.generate.pools${known(pools)}`);
    }
  });
  // One CSINode per pool stands for the pool's nodes: they differ in name only.
  for (const pool of cluster.pools) {
    compiled(() => compileCsiNode(csiNodeObject(`${pool.name}-0`, pool.name, drivers)), ['storage', 'csiDrivers'], (p) => {
      const i = p[2];
      if (p[0] !== 'spec' || p[1] !== 'drivers' || typeof i !== 'number') return [];
      return p[4] === 'allocatable' ? [i, 'attachLimits', pool.name] : [i, ...p.slice(3)];
    }, fail);
  }
}

function checkClaimTemplates(workloads: readonly CheckedWorkload[], classes: ReadonlySet<string> | null, fail: FailAt): void {
  const ctx = new ModelContext();
  const owners = new Map<string, string>();
  const claims = workloads.reduce((sum, w) => sum + (w.kind === 'StatefulSet' ? w.replicas * (w.volumeClaimTemplates ?? []).length
    : w.kind === 'FromSnapshot' ? w.replicas * (w.claims?.templates.length ?? 0) : 0), 0);
  if (claims > INPUT_LIMITS.scenarioPods) {
    fail(['workload', 'workloads'], `${claims} claims in all (replicas x volumeClaimTemplates), over the limit of ${INPUT_LIMITS.scenarioPods} per scenario (INPUT_LIMITS.scenarioPods)`);
  }
  workloads.forEach((w, i) => {
    if (w.kind !== 'StatefulSet') return;
    const namespace = w.namespace ?? 'default';
    (w.volumeClaimTemplates ?? []).forEach((t, j) => {
      const at = ['workload', 'workloads', i, 'volumeClaimTemplates', j];
      if (classes !== null && !classes.has(t.storageClassName)) {
        fail([...at, 'storageClassName'], `no StorageClass named ${excerpt(t.storageClassName)} in storage.classes${known(classes)}; kube would leave the claims unbound and the pods pending`);
      }
      compiled(() => compilePersistentVolumeClaim(volumeClaimObject(t, statefulClaimName(t.name, w.name, 0), namespace, {}), ctx), at,
        (p) => (p[0] === 'spec' ? p.slice(1) : p[0] === 'metadata' ? ['name'] : []), fail);
      // Claim names are <template>-<statefulset>-<ordinal>: "a-b" of "c" and "a" of "b-c" collide.
      const key = `${namespace}/${t.name}-${w.name}`;
      const other = owners.get(key);
      if (other !== undefined && other !== w.name) {
        fail([...at, 'name'], `the claims ${excerpt(`${t.name}-${w.name}-<ordinal>`)} would also be StatefulSet ${excerpt(other)}'s (claim names are <template>-<statefulset>-<ordinal>); rename one`);
      }
      owners.set(key, w.name);
    });
  });
}

/** Runs a model compile; an InputError is re-raised at `at` plus the entry's own path for the model's. */
function compiled<T>(run: () => T, at: readonly (string | number)[], path: (modelPath: readonly (string | number)[]) => (string | number)[], fail: FailAt): T {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return fail([...at, ...path(partsOf(e))], e.problem);
  }
}

function known(names: ReadonlySet<string>): string {
  return names.size === 0 ? ' (it declares none)' : ` (have ${[...names].join(', ')})`;
}
