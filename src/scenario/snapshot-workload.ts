import { POD_TEMPLATE_HASH_LABEL, podTemplateHash } from '../model/pod-template-hash.js';
import { InputError, excerpt, formatPath } from '../model/errors.js';
import type { LoadedObject } from '../model/load-objects.js';
import { lineOf } from '../model/load-objects.js';
import { ModelContext } from '../model/model-context.js';
import { compilePersistentVolumeClaim } from '../model/persistent-volume-claim.js';
import type { FailAt } from './check-generated.js';
import { compileFirstPod, partsOf } from './check-generated.js';
import type { Distribution, FromSnapshotInput, FromSnapshotSpec, FullPodTemplate } from './scenario-schema.js';

/**
 * Resolves a `fromSnapshot` workload against the objects of the scenario's snapshot
 * cluster: "my cluster plus 30% more of Deployment X" (`scale: 0.3`).
 *
 *   replicas  R = the object's spec.replicas (1 when unset, the apps/v1 default); the
 *             workload's pods arriving are ceil(scale x R): scale is the share of R that
 *             arrives besides the snapshot's own pods, which stay as the snapshot has them
 *             (or are replayed, with `replay`). Rounded up as kube rounds a Deployment's
 *             maxSurge percentage up (deployment/util ResolveFenceposts), so any positive
 *             scale of a non-empty object brings at least one pod. `scale: 2` on 10
 *             replicas is 20 more pods, 30 in all.
 *   template  a Deployment's pods are made by its current ReplicaSet: the one it controls
 *             whose template equals its own but for the pod-template-hash label (kube's
 *             deployment/util FindNewReplicaSet, EqualIgnoreHash; the oldest of several),
 *             and they carry that ReplicaSet's template, hash label included, and it as
 *             their owner. A StatefulSet's pods carry its template and it as their owner,
 *             and are named after it with the next ordinals (<name>-R, <name>-R+1, ...);
 *             with volumeClaimTemplates, each new ordinal gets its claims (or reuses the
 *             snapshot's of that name, as kube's controller does).
 *   checked   the pod the generator makes of the template is compiled like any pod of a
 *             cluster file; what the model refuses is said at the template's line in the
 *             snapshot file.
 * CAVEAT: when the dump holds none of a Deployment's ReplicaSets (kubectl get deploy,pods),
 * the pods are owned by `<deployment>-<hash>` over the Deployment's template (hash label
 * added, podTemplateHash: kube's shape, not its value), a ReplicaSet the cluster does
 * not hold: default spreading then finds their Services, not a ReplicaSet. A
 * StatefulSet's per-pod labels (statefulset.kubernetes.io/pod-name, apps.kubernetes.io/
 * pod-index) are not set: every pod of a workload shares one template.
 * `at` is the workload's path in the scenario, and how an error in the snapshot's
 * template names it ("scenario.yaml:12: workload.workloads[0].fromSnapshot").
 */
export function resolveFromSnapshot(
  w: FromSnapshotInput, durationS: Distribution | undefined, objects: readonly LoadedObject[],
  at: { readonly path: readonly (string | number)[]; readonly text: string }, fail: FailAt,
): FromSnapshotSpec {
  const { kind, name, scale } = w.fromSnapshot;
  const namespace = w.fromSnapshot.namespace ?? 'default';
  const found = objects.find((o) => o.kind === kind && nameOf(o) === name && namespaceOf(o) === namespace);
  if (found === undefined) fail([...at.path, 'fromSnapshot', 'name'], `no ${kind} ${namespace}/${name} in the snapshot cluster (${inventory(objects)}), got ${excerpt(name)}`);
  const object = found.object as { spec?: { replicas?: unknown; template?: unknown } | null };
  const replicasRaw = object.spec?.replicas ?? 1;
  if (typeof replicasRaw !== 'number' || !Number.isInteger(replicasRaw) || replicasRaw < 0) {
    throw objectError(found, ['spec', 'replicas'], `expected a whole number of replicas, got ${excerpt(replicasRaw)}`);
  }
  if (replicasRaw === 0) fail([...at.path, 'fromSnapshot', 'scale'], `${kind} ${namespace}/${name} has 0 replicas in the snapshot; arriving pods are scale x its replicas, so none would arrive, got ${excerpt(scale)}`);
  // toPrecision drops the float noise of the product (0.3 x 10 is 3.0000000000000004, not 4 pods' worth).
  const replicas = Math.ceil(Number((scale * replicasRaw).toPrecision(12)));
  const owned = kind === 'Deployment' ? currentReplicaSet(found, objects, namespace, name) : null;
  const from = owned ?? found;
  const template = templateOf(from);
  let owner: FromSnapshotSpec['owner'];
  let podTemplate = template;
  if (kind === 'StatefulSet') owner = { apiVersion: 'apps/v1', kind: 'StatefulSet', name };
  else if (owned !== null) owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: nameOf(owned) };
  else {
    const hash = podTemplateHash(template.pod);
    podTemplate = { pod: { ...template.pod, metadata: { ...template.pod.metadata, labels: { ...template.pod.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash } } } };
    owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${name}-${hash}` };
  }
  const workloadName = w.name ?? name;
  const claims = kind === 'StatefulSet' ? claimTemplatesOf(found, namespace, replicasRaw) : undefined;
  const spec: FromSnapshotSpec = {
    kind: 'FromSnapshot', name: workloadName, namespace,
    source: { kind, name, replicas: replicasRaw, scale },
    replicas, template: podTemplate, owner,
    podNames: kind === 'StatefulSet' ? { prefix: name, first: replicasRaw } : { prefix: workloadName, first: 0 },
    ...(claims !== undefined ? { claims } : {}),
    arrival: w.arrival, durationS,
  };
  try {
    compileFirstPod(spec, new ModelContext());
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const p = partsOf(e);
    const field = p[0] === 'spec' || p[0] === 'metadata' ? ['spec', 'template', ...p] : ['spec', 'template'];
    throw objectError(from, field, `${e.problem} (the pod template that ${at.text} takes)`);
  }
  return spec;
}

/**
 * A StatefulSet's spec.volumeClaimTemplates, each checked by compiling the claim of the
 * first new ordinal as the model compiles a PersistentVolumeClaim (what the API server
 * refuses is said at the template's line in the snapshot), and its selector's
 * matchLabels, which kube's controller adds to every claim's labels
 * (getPersistentVolumeClaims). Undefined when it has none.
 */
function claimTemplatesOf(o: LoadedObject, namespace: string, firstOrdinal: number): FromSnapshotSpec['claims'] {
  const spec = (o.object as { spec?: { volumeClaimTemplates?: unknown; selector?: { matchLabels?: unknown } | null } | null }).spec;
  const list = spec?.volumeClaimTemplates;
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list)) throw objectError(o, ['spec', 'volumeClaimTemplates'], `expected a list of claim templates, got ${excerpt(list)}`);
  const selectorLabels = (spec?.selector?.matchLabels ?? {}) as Record<string, string>;
  const ctx = new ModelContext();
  const templates = list.map((t: unknown, j) => {
    const at = ['spec', 'volumeClaimTemplates', j];
    const meta = (t as { metadata?: { name?: unknown; labels?: unknown } } | null)?.metadata;
    const claimSpec = (t as { spec?: unknown } | null)?.spec;
    if (typeof meta?.name !== 'string' || meta.name === '') throw objectError(o, [...at, 'metadata', 'name'], `a claim template needs a name, got ${excerpt(meta?.name)}`);
    if (claimSpec === null || typeof claimSpec !== 'object' || Array.isArray(claimSpec)) throw objectError(o, [...at, 'spec'], `expected a v1.PersistentVolumeClaimSpec, got ${excerpt(claimSpec)}`);
    const labels = (meta.labels ?? {}) as Record<string, string>;
    try {
      compilePersistentVolumeClaim({ metadata: { name: `${meta.name}-${nameOf(o)}-${firstOrdinal}`, namespace, labels: { ...labels, ...selectorLabels } }, spec: claimSpec }, ctx);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      throw objectError(o, [...at, ...partsOf(e)], e.problem);
    }
    return { name: meta.name, labels, spec: structuredClone(claimSpec) as Record<string, unknown> };
  });
  return templates.length === 0 ? undefined : { templates, selectorLabels };
}

function nameOf(o: LoadedObject): string {
  const n = (o.object as { metadata?: { name?: unknown } }).metadata?.name;
  return typeof n === 'string' ? n : '';
}

/** An object's namespace; "default" when the file leaves it out, as kubectl applies it. */
function namespaceOf(o: LoadedObject): string {
  const ns = (o.object as { metadata?: { namespace?: unknown } }).metadata?.namespace;
  return typeof ns === 'string' && ns !== '' ? ns : 'default';
}

/** The Deployments and StatefulSets a snapshot holds, for an error naming what exists (at most 10 of each kind). */
function inventory(objects: readonly LoadedObject[]): string {
  const MAX_LISTED = 10;
  const out: string[] = [];
  for (const kind of ['Deployment', 'StatefulSet']) {
    const names = objects.filter((o) => o.kind === kind).map((o) => `${namespaceOf(o)}/${nameOf(o)}`).sort();
    if (names.length === 0) out.push(`no ${kind}s`);
    else out.push(`${kind}s: ${names.slice(0, MAX_LISTED).join(', ')}${names.length > MAX_LISTED ? ` and ${names.length - MAX_LISTED} more` : ''}`);
  }
  return `it has ${out.join('; ')}`;
}

/** A problem of a snapshot object, at its file, line, object and field. */
function objectError(o: LoadedObject, field: readonly (string | number)[], problem: string): InputError {
  return new InputError({ file: o.source.file, line: lineOf(o, field), object: `${o.kind} ${namespaceOf(o)}/${nameOf(o)}`, path: formatPath(field) }, problem);
}

/** An object's spec.template as a full pod template (its labels and annotations, its spec). */
function templateOf(o: LoadedObject): FullPodTemplate {
  const t = (o.object as { spec?: { template?: unknown } | null }).spec?.template;
  if (t === null || typeof t !== 'object' || Array.isArray(t)) throw objectError(o, ['spec', 'template'], `expected a pod template (metadata and spec), got ${excerpt(t)}`);
  const { metadata, spec } = t as { metadata?: unknown; spec?: unknown };
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) throw objectError(o, ['spec', 'template', 'spec'], `expected a v1.PodSpec, got ${excerpt(spec)}`);
  const meta = (metadata ?? {}) as { labels?: Record<string, string> | null; annotations?: Record<string, string> | null };
  return {
    pod: {
      metadata: { ...(meta.labels ? { labels: { ...meta.labels } } : {}), ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}) },
      spec: structuredClone(spec) as Record<string, unknown>,
    },
  };
}

/**
 * The Deployment's current ReplicaSet among the snapshot's: controlled by it, with a
 * template equal to the Deployment's but for the pod-template-hash label; the oldest
 * (creationTimestamp, then name) of several, as FindNewReplicaSet sorts them. Null when
 * none is.
 */
function currentReplicaSet(deployment: LoadedObject, objects: readonly LoadedObject[], namespace: string, name: string): LoadedObject | null {
  const want = canonical(withoutHash((deployment.object as { spec?: { template?: unknown } }).spec?.template));
  const candidates = objects.filter((o) => {
    if (o.kind !== 'ReplicaSet' || namespaceOf(o) !== namespace) return false;
    const refs = (o.object as { metadata?: { ownerReferences?: unknown } }).metadata?.ownerReferences;
    const controlled = Array.isArray(refs) && refs.some((r: { kind?: unknown; name?: unknown; controller?: unknown }) => r?.controller === true && r.kind === 'Deployment' && r.name === name);
    return controlled && canonical(withoutHash((o.object as { spec?: { template?: unknown } }).spec?.template)) === want;
  });
  const created = (o: LoadedObject) => String((o.object as { metadata?: { creationTimestamp?: unknown } }).metadata?.creationTimestamp ?? '');
  candidates.sort((a, b) => (created(a) < created(b) ? -1 : created(a) > created(b) ? 1 : nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
  return candidates[0] ?? null;
}

/** A pod template without the pod-template-hash label (EqualIgnoreHash compares templates so). */
function withoutHash(template: unknown): unknown {
  if (template === null || typeof template !== 'object') return template;
  const t = template as { metadata?: { labels?: Record<string, unknown> } };
  const labels = { ...(t.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  return { ...t, metadata: { ...(t.metadata ?? {}), labels } };
}

/** JSON with sorted keys, so equal templates compare equal whatever their key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
