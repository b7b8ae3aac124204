import { z } from 'zod';
import { ACCESS_MODE_NAMES } from '../model/access-modes.js';
import { excerpt } from '../model/errors.js';
import { GPU_COUNT_RESOURCE, MAX_GPUS_PER_NODE } from '../model/gpu-resources.js';
import { INPUT_LIMITS } from '../model/input-limits.js';
import { unitValue } from '../model/quantity.js';
import { annotationMapSchema, labelKeyProblem, labelMapSchema, labelProblem, labelValueProblem } from '../model/label-schema.js';
import type { ResourceListKind } from '../model/resource-list-schema.js';
import { resourceListSchema, standardResourceNameProblem } from '../model/resource-list-schema.js';
import { nodeSelectorSchema } from '../model/k8s-schema.js';
import type { FieldTree } from '../model/unknown-fields.js';
import { KIND_FIELDS, POD_SPEC_FIELDS } from '../model/unknown-fields.js';
import { kubeSchedulerConfigurationSchema } from './kube-scheduler-config.js';

/**
 * The scenario file format (scenarios/*.yaml): what cluster, what workload, which seeds,
 * how long, and which policies to compare. Validated with zod at the door. The shapes of
 * `cluster.generate` and `workload.workloads` are the generators' specs: they are declared
 * here once, and their types (ClusterSpec, WorkloadSpec, Distribution, ...) are inferred
 * from these schemas (src/generators/cluster-spec.ts, workload-spec.ts re-export them).
 * Names, quantities and sizes are checked as Kubernetes and INPUT_LIMITS bound them.
 * Parsing tags the cluster and the workload with a `kind` (see clusterSchema and
 * workloadSchema), so no later step has to ask which fields are present.
 * Custom messages quote the user's value themselves; load-scenario adds it for the rest.
 * Labels, resource names and quantities are checked by the model's own schemas, with one
 * difference: a scenario is written for schedbench, so an unqualified resource name must
 * be a standard one, as the API server requires (standardResourceNameProblem); cluster
 * files accept any qualified name, since kube-scheduler's own tests use such names.
 * Requests above limits are refused by the model when checkGenerated compiles a pod.
 */

const nonNegative = z.number().min(0);
const positive = z.number().gt(0);

const MAX_DURATION_S = INPUT_LIMITS.durationS;
const DURATION_LIMIT = `at most ${MAX_DURATION_S} s (365 days, INPUT_LIMITS.durationS)`;
/** A duration in seconds: not negative (say so rather than clamp), and at most the longest scenario. */
const durationS = z.number().min(0, 'a duration cannot be negative').max(MAX_DURATION_S, DURATION_LIMIT);
/** e^mu is a lognormal's median; beyond ln(longest scenario) every draw outlasts every run. */
const MAX_LOG_MU = Math.log(MAX_DURATION_S);
/** Bounds sigma so that e^(mu + sigma * z) stays finite for every z Box-Muller can draw (|z| < 9). */
const MAX_LOG_SIGMA = 10;

const issue = (ctx: z.RefinementCtx, path: (string | number)[], message: string): void => {
  ctx.addIssue({ code: 'custom', path, message });
};

/** A ResourceList (capacity, requests, limits): standard kube resource names, quantities within 2^53 units. */
const resourceList = (kind: ResourceListKind) => resourceListSchema(kind, standardResourceNameProblem);

/**
 * A distribution of non-negative numbers a generator draws from (durations in seconds).
 * Bounded so that every draw is finite; `sample` (src/generators/distribution.ts)
 * handles each kind.
 */
export const distributionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant'), value: durationS }),
  z.strictObject({ kind: z.literal('uniform'), min: durationS, max: durationS }).superRefine((d, ctx) => {
    if (d.min > d.max) issue(ctx, ['max'], `must not be below min (${d.min}), got ${excerpt(d.max)}`);
  }),
  /** Normal, redrawn until inside [min, max] (truncated; bounds default to [0, infinity): values are never negative). */
  z.strictObject({ kind: z.literal('normal'), mean: durationS, stddev: durationS, min: durationS.optional(), max: durationS.optional() }).superRefine((d, ctx) => {
    if ((d.min ?? 0) > (d.max ?? Infinity)) issue(ctx, ['max'], `must not be below min (${d.min ?? 0}), got ${excerpt(d.max)}`);
  }),
  /** exp(N(mu, sigma)): mu and sigma are of the underlying normal. */
  z.strictObject({
    kind: z.literal('lognormal'),
    mu: z.number().max(MAX_LOG_MU, `at most ${MAX_LOG_MU.toFixed(2)} (e^mu, the median duration, at most ${MAX_DURATION_S} s, INPUT_LIMITS.durationS)`),
    sigma: z.number().min(0).max(MAX_LOG_SIGMA, `at most ${MAX_LOG_SIGMA} (a wider spread would draw infinite durations)`),
  }),
  z.strictObject({ kind: z.literal('exponential'), mean: durationS.gt(0, 'the mean must be positive') }),
  z.strictObject({ kind: z.literal('choice'), values: z.array(durationS).min(1), weights: z.array(z.number().min(0, 'a weight cannot be negative')).optional() })
    .superRefine((d, ctx) => {
      if (d.weights === undefined) return;
      if (d.weights.length !== d.values.length) {
        issue(ctx, ['weights'], `expected one weight per value (${d.values.length}), got ${d.weights.length} weights`);
      } else if (!(d.weights.reduce((a, b) => a + b, 0) > 0)) {
        issue(ctx, ['weights'], `expected at least one positive weight, got ${excerpt(d.weights)}`);
      }
    }),
  /** Uniform over observed values (e.g. a CSV column), i.e. the empirical distribution. */
  z.strictObject({ kind: z.literal('empirical'), values: z.array(durationS).min(1) }),
  /** Values read from a CSV column: loadScenario reads them into an `empirical` distribution. */
  z.strictObject({ kind: z.literal('empirical-csv'), file: z.string().min(1), column: z.string().min(1) }),
]);

/** Simulated seconds at which something starts: within the longest scenario. */
const timeS = z.number().min(0).max(MAX_DURATION_S, DURATION_LIMIT);
/** A period in seconds: positive, within the longest scenario. */
const periodS = positive.max(MAX_DURATION_S, DURATION_LIMIT);
/**
 * Lowest arrival rate: one pod per ~31 years. Slower rates push arrival times to
 * infinity, where the diurnal curve is NaN and thinning would never accept a pod.
 */
const MIN_RATE_PER_S = 1e-9;
const ratePerS = z.number().min(MIN_RATE_PER_S, `at least ${MIN_RATE_PER_S} per second`).max(1e9, 'at most 1e9 per second');

/** How a workload's pods arrive over simulated time. */
const arrivalSchema = z.discriminatedUnion('process', [
  /** Every pod at `atS`. @default atS 0 */
  z.strictObject({ process: z.literal('all-at-once'), atS: timeS.optional() }),
  /** Exponential inter-arrival times at `ratePerS`, starting at `startS`. */
  z.strictObject({ process: z.literal('poisson'), ratePerS, startS: timeS.optional() }),
  /** `size` pods every `everyS` seconds, starting at `startS`. */
  z.strictObject({ process: z.literal('burst'), size: z.number().int().min(1), everyS: periodS, startS: timeS.optional() }),
  /**
   * A non-homogeneous Poisson process whose rate follows a day curve:
   * rate(t) = meanRatePerS * (1 + amplitude * sin(2π (t - peakAtS) / periodS + π/2)),
   * peaking at `peakAtS`. @default amplitude 0.5, periodS 86400, peakAtS 50400 (14:00)
   */
  z.strictObject({
    process: z.literal('diurnal'), meanRatePerS: ratePerS, amplitude: z.number().min(0).max(1).optional(),
    periodS: periodS.optional(), peakAtS: timeS.optional(), startS: timeS.optional(),
  }),
]);

/**
 * A template's further v1.PodSpec fields. Unknown fields are refused by name (kube's
 * strict decoding would); `containers` too, since the one container is built from
 * `requests` and `limits`; nodeSelector keys and values are checked as labels.
 */
const templatePodSpec = z.record(z.string(), z.unknown()).superRefine((spec, ctx) => {
  for (const [k, v] of Object.entries(spec)) {
    if (k === 'containers') {
      issue(ctx, [k], 'the pod\'s one container is built from the template\'s requests and limits; set those instead of spec.containers');
    } else if (!POD_SPEC_FIELDS.has(k)) {
      issue(ctx, [k], `unknown field ${excerpt(k)} (not a v1.PodSpec field)`);
    } else if (k === 'nodeSelector') {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) {
        issue(ctx, [k], `expected a map of labels, got ${excerpt(v)}`);
        continue;
      }
      for (const [key, value] of Object.entries(v)) {
        const problem = labelProblem(key, value);
        if (problem !== null) issue(ctx, [k, key], problem);
      }
    }
  }
});

const INT32_MAX = 2_147_483_647;

/** Mirrors validation.IsDNS1123Label: a lowercase DNS label, at most 63 characters. */
const DNS_LABEL = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Mirrors validation.IsDNS1123Subdomain: lowercase DNS labels joined by dots, at most 253 characters. */
const dnsSubdomain = z.string()
  .max(253, 'at most 253 characters')
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, 'a lowercase DNS subdomain (a-z, 0-9, \'-\' and \'.\', alphanumeric at both ends)');

/**
 * The API server's cap on one object's annotations: keys and values together, in bytes
 * (apimachinery/pkg/api/validation/objectmeta.go TotalAnnotationSizeLimitB).
 */
export const TOTAL_ANNOTATION_SIZE_BYTES = 256 * 1024;

/**
 * metadata.annotations as ValidateAnnotations checks them: each key a qualified name
 * (lower-cased), every value a string, and keys and values at most
 * TOTAL_ANNOTATION_SIZE_BYTES in all (len() of Go strings: UTF-8 bytes).
 */
const annotationsSchema = annotationMapSchema.superRefine((m, ctx) => {
  let bytes = 0;
  for (const [k, v] of Object.entries(m)) bytes += Buffer.byteLength(k) + Buffer.byteLength(v);
  if (bytes > TOTAL_ANNOTATION_SIZE_BYTES) {
    issue(ctx, [], `annotations may hold at most ${TOTAL_ANNOTATION_SIZE_BYTES} bytes of keys and values in all (the API server's TotalAnnotationSizeLimitB), got ${bytes} bytes`);
  }
});

/** A short template's metadata: the pods' labels and annotations (GPU sharing is asked by annotations). */
const templateMetadataSchema = z.strictObject({
  labels: labelMapSchema.optional(),
  annotations: annotationsSchema.optional(),
});

/**
 * A full template's metadata, as a Deployment's spec.template.metadata: labels and
 * annotations. The generator names the pods, puts them in the workload's namespace and
 * sets their owner, so name, namespace and ownerReferences are refused; kubectl writes
 * `creationTimestamp: null` into templates, which is accepted and means nothing.
 */
const podTemplateMetadataSchema = z.strictObject({
  labels: labelMapSchema.optional(),
  annotations: annotationsSchema.optional(),
  creationTimestamp: z.null().optional(),
});

/**
 * The first field of `value` (an object of type `tree`) that the tree does not define,
 * as a path, or null: kube's strict decoding refuses unknown fields, and a misspelt one
 * (`tolerashuns`, `containers[0].resorces`) would otherwise be silently ignored. Walks
 * only what the tree describes (model/unknown-fields.ts), in the file's key order.
 */
function firstUnknownField(value: unknown, tree: FieldTree): (string | number)[] | null {
  const stack: { v: unknown; t: FieldTree; path: (string | number)[] }[] = [{ v: value, t: tree, path: [] }];
  while (stack.length > 0) {
    const { v, t, path } = stack.shift()!;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) continue;
    for (const [key, x] of Object.entries(v)) {
      if (!t.fields.has(key)) return [...path, key];
      const child = t.children.get(key);
      if (child === undefined) continue;
      if (Array.isArray(x)) x.forEach((item, i) => stack.push({ v: item, t: child, path: [...path, key, i] }));
      else stack.push({ v: x, t: child, path: [...path, key] });
    }
  }
  return null;
}

/** The v1.Pod fields model/unknown-fields.ts walks (metadata, spec, status). */
const POD_FIELDS = KIND_FIELDS.get('Pod')!;

/**
 * A full template's spec: a v1.PodSpec with its containers, checked here for its shape
 * (known fields, at least one container, as ValidatePodSpec requires; nodeSelector as
 * labels) and, when the scenario loads, by the model's pod schema like every pod of a
 * cluster file (checkGenerated compiles a generated pod).
 */
const fullPodSpec = z.record(z.string(), z.unknown()).superRefine((spec, ctx) => {
  const unknown = firstUnknownField({ spec }, POD_FIELDS);
  if (unknown !== null) {
    issue(ctx, unknown.slice(1), `unknown field ${excerpt(unknown[unknown.length - 1])} (not a v1.PodSpec field)`);
    return;
  }
  const containers = spec.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    issue(ctx, ['containers'], `a pod needs at least one container (spec.containers), got ${excerpt(containers)}`);
  }
  // validateContainers / validateInitContainers: each a DNS-label name, unique in the pod
  // (init containers included). The model's pod schema does not need names; kube does.
  const seen = new Map<unknown, string>();
  for (const field of ['containers', 'initContainers'] as const) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((c: unknown, i) => {
      const n = c !== null && typeof c === 'object' ? (c as { name?: unknown }).name : undefined;
      if (typeof n !== 'string' || !DNS_LABEL.test(n)) {
        issue(ctx, [field, i, 'name'], `a container needs a name, a lowercase DNS label (a-z, 0-9, -, at most 63 characters), got ${excerpt(n)}`);
      } else if (seen.has(n)) {
        issue(ctx, [field, i, 'name'], `the name ${excerpt(n)} is also ${seen.get(n)}'s (container names are unique in a pod)`);
      } else {
        seen.set(n, `${field}[${i}]`);
      }
    });
  }
  const nodeSelector = spec.nodeSelector;
  if (nodeSelector !== undefined && nodeSelector !== null) {
    if (typeof nodeSelector !== 'object' || Array.isArray(nodeSelector)) {
      issue(ctx, ['nodeSelector'], `expected a map of labels, got ${excerpt(nodeSelector)}`);
      return;
    }
    for (const [key, value] of Object.entries(nodeSelector)) {
      const problem = labelProblem(key, value);
      if (problem !== null) issue(ctx, ['nodeSelector', key], problem);
    }
  }
});

/** `template.pod`: a full v1.PodTemplateSpec (metadata and spec), as a Deployment's spec.template. */
const podTemplateSchema = z.strictObject({
  metadata: podTemplateMetadataSchema.optional(),
  spec: fullPodSpec,
});

/**
 * The short form of a pod template: one container built from `requests` and `limits`,
 * labels and annotations, and any further v1.PodSpec fields.
 */
const shortTemplateFields = {
  /** The pods' labels; the same as metadata.labels (give one of the two). */
  labels: labelMapSchema.optional(),
  /** The pods' labels and annotations (alibabacloud.com/gpu-count, gpu-milli, gpu-card-model ask for GPUs). */
  metadata: templateMetadataSchema.optional(),
  /** Requests of the single container (cpu, memory, nvidia.com/gpu, ...). Absent = BestEffort. */
  requests: resourceList('container').optional(),
  limits: resourceList('container').optional(),
  /**
   * The pod's priority as a number: a shorthand for a PriorityClass of that value (int32;
   * kube reserves values above one billion for system classes). Not with priorityClassName.
   */
  priority: z.number().int().min(-INT32_MAX - 1).max(INT32_MAX).optional(),
  /**
   * spec.priorityClassName: a class of the scenario's `priorityClasses` (or a snapshot's),
   * or system-cluster-critical / system-node-critical. The pod takes the class's value and
   * preemptionPolicy, as kube's Priority admission plugin sets them. Without it (and without
   * `priority`) the pod takes the globalDefault class, if any, else priority 0.
   */
  priorityClassName: dnsSubdomain.optional(),
  /** Any further v1.PodSpec fields: tolerations, nodeSelector, affinity, topologySpreadConstraints, ... */
  spec: templatePodSpec.optional(),
};
const SHORT_TEMPLATE_FIELDS = Object.keys(shortTemplateFields);

/** A workload's pod template in its short form (see shortTemplateFields). */
export type ShortPodTemplate = z.infer<z.ZodObject<typeof shortTemplateFields>> & { readonly pod?: undefined };
/** A workload's pod template given whole: `template: { pod: <v1.PodTemplateSpec> }`. */
export interface FullPodTemplate { readonly pod: z.infer<typeof podTemplateSchema> }
/** A workload's pod template: the short form or a full v1.PodTemplateSpec. */
export type PodTemplateSpec = ShortPodTemplate | FullPodTemplate;

/**
 * The pod template of a workload, in Kubernetes' own shape, so users write what they
 * would write in a manifest: either the short form (shortTemplateFields) or
 * `pod: <v1.PodTemplateSpec>` alone, where the user has a full template.
 */
const templateSchema = z.strictObject({ ...shortTemplateFields, pod: podTemplateSchema.optional() }).superRefine((t, ctx) => {
  if (t.pod !== undefined) {
    for (const k of SHORT_TEMPLATE_FIELDS) {
      if (Object.hasOwn(t, k)) issue(ctx, [k], `give the template as pod (a full v1.PodTemplateSpec) or by its short fields (${SHORT_TEMPLATE_FIELDS.join(', ')}), not both; got pod and ${k}`);
    }
    return;
  }
  if (t.labels !== undefined && t.metadata?.labels !== undefined) {
    issue(ctx, ['metadata', 'labels'], `give the labels once, as labels or as metadata.labels (labels is ${excerpt(t.labels)}), got ${excerpt(t.metadata.labels)}`);
  }
  // kube's Priority admission refuses a pod whose spec.priority is not its class's value;
  // here `priority` stands for a class of its own, so the two are alternatives.
  if (t.priority !== undefined && t.priorityClassName !== undefined) {
    issue(ctx, ['priorityClassName'], `give priority or priorityClassName, not both (priority ${t.priority} is a shorthand for a class of that value), got ${excerpt(t.priorityClassName)}`);
  }
  // One place for each: the template's own fields, not spec.priority / spec.priorityClassName.
  for (const k of ['priority', 'priorityClassName'] as const) {
    if (t.spec !== undefined && Object.hasOwn(t.spec, k)) issue(ctx, ['spec', k], `set ${k} on the template itself, not in spec, got ${excerpt(t.spec[k])}`);
  }
  // A class decides its pods' preemptionPolicy (the Priority admission plugin refuses a pod
  // whose own differs); with the `priority` shorthand, spec.preemptionPolicy stays the pod's.
  if (t.priorityClassName !== undefined && t.spec !== undefined && Object.hasOwn(t.spec, 'preemptionPolicy')) {
    issue(ctx, ['spec', 'preemptionPolicy'], `the pod takes the preemptionPolicy of its class ${excerpt(t.priorityClassName)}; set it on the class in priorityClasses, got ${excerpt(t.spec.preemptionPolicy)}`);
  }
}).transform(({ pod, ...short }): PodTemplateSpec => (pod !== undefined ? { pod } : short));

/**
 * A PodDisruptionBudget's minAvailable or maxUnavailable (intstr.IntOrString): a count or
 * a percentage "N%". The API server's limits on them (a non-negative int32, at most 100%)
 * are the model's to check: loadScenario compiles each budget
 * (src/model/pod-disruption-budget.ts).
 */
const intOrPercent = z.union([z.number(), z.string()]);

/**
 * `pdb` on a workload: a policy/v1 PodDisruptionBudget selecting the workload's pods, with
 * exactly one of minAvailable and maxUnavailable (kube refuses both together).
 */
const pdbSchema = z.strictObject({ minAvailable: intOrPercent.optional(), maxUnavailable: intOrPercent.optional() })
  .superRefine((p, ctx) => {
    if (p.minAvailable !== undefined && p.maxUnavailable !== undefined) {
      issue(ctx, ['maxUnavailable'], `give minAvailable or maxUnavailable, not both (minAvailable is ${excerpt(p.minAvailable)}), got ${excerpt(p.maxUnavailable)}`);
    } else if (p.minAvailable === undefined && p.maxUnavailable === undefined) {
      issue(ctx, [], 'expected minAvailable or maxUnavailable (a count or a percentage like "50%"), got {}');
    }
  })
  .transform((p): { readonly minAvailable: number | string } | { readonly maxUnavailable: number | string } => (
    p.minAvailable !== undefined ? { minAvailable: p.minAvailable } : { maxUnavailable: p.maxUnavailable! }));

/**
 * What a workload declares around its pods besides its controllers (the generator adds
 * the Deployment and its ReplicaSet, or the Job, itself: src/generators/workload-objects.ts):
 *   service  a v1 Service named after the workload selecting its pods (`app: <app label>`),
 *            so kube's system default spreading merges its selector in (and a Job's pods,
 *            which no ReplicaSet owns, get default spreading at all). @default false
 *   pdb      a policy/v1 PodDisruptionBudget named after the workload, selecting its pods
 *            by the same label. CAVEAT: as in kube, a percentage or maxUnavailable needs
 *            the controller's scale, which a Job has not: such a budget over a Job's pods
 *            fails to sync and allows no disruption; an integer minAvailable works.
 */
const workloadObjectFields = {
  service: z.boolean().optional(),
  pdb: pdbSchema.optional(),
};

/** A Service's name is a DNS-1035 label (ValidateServiceName): it must start with a letter. */
const serviceNameCheck = (w: { name: string; service?: boolean | undefined }, ctx: z.RefinementCtx): void => {
  if (w.service === true && !/^[a-z]/.test(w.name)) {
    issue(ctx, ['service'], `the Service is named after the workload, and a Service name must start with a letter (a DNS-1035 label); workload name ${excerpt(w.name)}, got true`);
  }
};

const name = z.string().max(63, 'at most 63 characters').regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a lowercase DNS label (a-z, 0-9, -)');
const POD_LIMIT = `at most ${INPUT_LIMITS.scenarioPods} pods per scenario (INPUT_LIMITS.scenarioPods)`;
const podCount = z.number().int().min(0).max(INPUT_LIMITS.scenarioPods, POD_LIMIT);

/**
 * `fromSnapshot` on a workload: which Deployment or StatefulSet of the snapshot cluster
 * (`cluster.snapshot`) to take more pods of, and how many: `scale` times the object's
 * spec.replicas (default 1) arrive, rounded up (see src/scenario/snapshot-workload.ts),
 * so `scale: 0.3` on a Deployment of 10 replicas is 3 more pods, "30% more". @default namespace "default"
 */
const fromSnapshotSchema = z.strictObject({
  kind: z.enum(['Deployment', 'StatefulSet']),
  name: dnsSubdomain,
  namespace: name.optional(),
  scale: z.number().gt(0, 'a scale above 0 (arriving pods = scale x the object\'s replicas, rounded up)').max(INPUT_LIMITS.scenarioPods, `at most ${INPUT_LIMITS.scenarioPods}`),
});

/**
 * A workload derived from a snapshot's Deployment or StatefulSet: more pods of it,
 * made from its pod template, owned and labelled as its controller makes them (a
 * Deployment's current ReplicaSet, or the StatefulSet), arriving by `arrival`. The
 * snapshot's own Services and PodDisruptionBudgets select them as they select the
 * object's pods, so `service` and `pdb` are not given here. @default name: the object's name
 */
const fromSnapshotItemSchema = z.strictObject({
  fromSnapshot: fromSnapshotSchema,
  name: name.optional(),
  arrival: arrivalSchema,
  durationS: distributionSchema.optional(),
}).transform((w) => ({ kind: 'FromSnapshot' as const, ...w }));

/** The most claim templates one StatefulSet may have (each pod mounts one volume per template). */
const MAX_CLAIM_TEMPLATES = 16;

/**
 * A storage quantity as the file writes it ("10Gi", 1e9); the model's claim and volume
 * schemas read it (src/model/storage-quantity.ts) when loadScenario compiles them.
 */
const storageQuantity = z.union([z.string().min(1), z.number()]);

/**
 * One of a StatefulSet's `volumeClaimTemplates`, the fields of a v1.PersistentVolumeClaim
 * kube's StatefulSet controller copies into each replica's claim: `name` (the pods'
 * volume, and the claim `<name>-<statefulset>-<ordinal>`), the class, access modes and the
 * storage requested. The class must be one of the scenario's `storage.classes`; what the
 * API server refuses (no access mode, ReadWriteOncePod with another, a negative size) the
 * model refuses when loadScenario compiles the first replica's claim.
 */
const volumeClaimTemplateSchema = z.strictObject({
  name,
  storageClassName: dnsSubdomain,
  accessModes: z.array(z.enum(ACCESS_MODE_NAMES)),
  resources: z.strictObject({ requests: z.strictObject({ storage: storageQuantity }) }),
  /** @default Filesystem */
  volumeMode: z.enum(['Filesystem', 'Block']).optional(),
});

const kindWorkloadItemSchema = z.discriminatedUnion('kind', [
  /** A Deployment (its ReplicaSet owns the pods): `replicas` pods; they run until the end unless `durationS` is given. */
  z.strictObject({
    kind: z.literal('Deployment'), name, namespace: name.optional(), replicas: podCount,
    template: templateSchema, arrival: arrivalSchema, durationS: distributionSchema.optional(), ...workloadObjectFields,
  }).superRefine(serviceNameCheck),
  /**
   * A StatefulSet (it owns the pods, named `<name>-<ordinal>`): `replicas` pods, each with
   * one claim per `volumeClaimTemplates` entry, `<template>-<name>-<ordinal>`, created
   * with the workload and kept when the pod goes, so a replacement pod reuses its claim
   * and its volume. Pods run until the end unless `durationS` is given.
   */
  z.strictObject({
    kind: z.literal('StatefulSet'), name, namespace: name.optional(), replicas: podCount,
    template: templateSchema, arrival: arrivalSchema, durationS: distributionSchema.optional(),
    volumeClaimTemplates: z.array(volumeClaimTemplateSchema).max(MAX_CLAIM_TEMPLATES, `at most ${MAX_CLAIM_TEMPLATES} claim templates`).optional(),
    ...workloadObjectFields,
  }).superRefine(serviceNameCheck).superRefine((w, ctx) => {
    const names = (w.volumeClaimTemplates ?? []).map((t) => t.name);
    const twice = names.findIndex((x, i) => names.indexOf(x) !== i);
    if (twice >= 0) issue(ctx, ['volumeClaimTemplates', twice, 'name'], `each claim template's name once (it names the pods' volume), got ${excerpt(names[twice])} twice`);
  }),
  /**
   * A Job: `completions` pods, at most `parallelism` running at once (the simulator holds
   * the rest back; @default completions), each running for a draw of `durationS`.
   */
  z.strictObject({
    kind: z.literal('Job'), name, namespace: name.optional(), completions: podCount,
    parallelism: z.number().int().min(1).optional(), template: templateSchema, arrival: arrivalSchema, durationS: distributionSchema,
    ...workloadObjectFields,
  }).superRefine(serviceNameCheck),
]);

/**
 * A workload: a Deployment or Job (`kind`), or more pods of a snapshot's object
 * (`fromSnapshot`). Which one the file means is decided by `fromSnapshot` being there, so
 * each form's errors are its own (a union would report whichever branch failed deeper).
 */
const workloadItemSchema = z.unknown().transform((v, ctx): z.infer<typeof kindWorkloadItemSchema> | z.infer<typeof fromSnapshotItemSchema> => {
  const fromSnapshot = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, 'fromSnapshot');
  const r = fromSnapshot ? fromSnapshotItemSchema.safeParse(v) : kindWorkloadItemSchema.safeParse(v);
  if (r.success) return r.data;
  for (const i of r.error.issues) ctx.addIssue(i as Parameters<typeof ctx.addIssue>[0]);
  return z.NEVER;
});

/** The workload generator's spec, as the scenario file writes it (`workload.workloads`). */
const workloadSpecSchema = z.strictObject({
  workloads: z.array(workloadItemSchema),
  /**
   * Share (0..1) of every workload's pods created BestEffort: the same template without
   * requests or limits. Drawn per pod from the stream 'best-effort/<workload>'. @default 0
   */
  bestEffortShare: z.number().min(0).max(1).optional(),
});

const taintSchema = z.strictObject({ key: z.string(), value: z.string().optional(), effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']) })
  .superRefine((t, ctx) => {
    // A taint's key and value are checked as a label's (validateTaints).
    const keyProblem = labelKeyProblem(t.key);
    const valueProblem = keyProblem === null ? labelValueProblem(t.value ?? '') : null;
    if (keyProblem !== null) issue(ctx, ['key'], keyProblem);
    else if (valueProblem !== null) issue(ctx, ['value'], valueProblem);
  });

/**
 * A pool of identical nodes in a generated cluster. A GPU pool gives its GPUs as
 * `capacity: { alibabacloud.com/gpu-count: N }` (at most MAX_GPUS_PER_NODE) and their
 * model as `labels: { alibabacloud.com/gpu-card-model: V100 }`, the openb trace's node
 * shape; pods ask for GPUs by the annotations of their template's metadata.
 */
const poolSchema = z.strictObject({
  name,
  count: z.number().int().min(0).max(INPUT_LIMITS.scenarioNodes, `at most ${INPUT_LIMITS.scenarioNodes} nodes per scenario (INPUT_LIMITS.scenarioNodes)`),
  /**
   * Allocatable per resource as Kubernetes quantities (cpu, memory, pods, nvidia.com/gpu, ...);
   * at least one resource (a node without any cannot mean anything).
   */
  capacity: resourceList('node').refine((c) => Object.keys(c).length > 0, 'expected at least one resource (cpu, memory, pods, ...), got {}'),
  labels: labelMapSchema.optional(),
  taints: z.array(taintSchema).optional(),
  /** Images a node of the pool holds, each with the probability that a node has it. @default probability 1 */
  images: z.array(z.strictObject({
    name: z.string().min(1),
    sizeBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    probability: z.number().min(0).max(1).optional(),
  })).optional(),
}).superRefine((p, ctx) => {
  // A GPU pool: allocatable alibabacloud.com/gpu-count GPUs of the model its label
  // alibabacloud.com/gpu-card-model names (src/model/gpu-resources.ts), as openb's nodes.
  const gpus = p.capacity[GPU_COUNT_RESOURCE];
  if (gpus !== undefined && unitValue(String(gpus)) > MAX_GPUS_PER_NODE) {
    issue(ctx, ['capacity', GPU_COUNT_RESOURCE], `a node has at most ${MAX_GPUS_PER_NODE} GPUs (MAX_GPUS_PER_NODE: which GPUs a pod holds is a 32-bit mask), got ${excerpt(gpus)}`);
  }
});

/** Topology labels laid over every pool. */
const topologySchema = z.strictObject({
  /** @default 1 */
  regions: z.number().int().min(1).optional(),
  /** Zones per region. @default 1 */
  zonesPerRegion: z.number().int().min(1).optional(),
  /** Racks per zone (label `topology.schedbench.io/rack`); 0 = no rack label. @default 0 */
  racksPerZone: z.number().int().min(0).optional(),
});

/** The cluster generator's spec (`cluster.generate`): node pools plus topology. */
const clusterSpecSchema = z.strictObject({
  pools: z.array(poolSchema).min(1),
  topology: topologySchema.optional(),
});

/**
 * Where a scenario's nodes come from. The file writes one field (`generate`, `snapshot`
 * or `openb`); parsing turns it into a value tagged with `kind`:
 *   generate  nodes generated from `spec` per seed
 *   snapshot  Kubernetes object files (kubectl get nodes,pods -A -o json); their pending
 *             pods are part of the cluster and arrive at t=0
 *   openb     an openb node list CSV (GPU nodes: cpu_milli, memory_mib, gpu, model)
 * Paths are as written; loadScenario makes them absolute.
 */
const clusterSchema = z.union([
  z.strictObject({ generate: clusterSpecSchema }).transform((c) => ({ kind: 'generate' as const, spec: c.generate })),
  z.strictObject({ snapshot: z.array(z.string().min(1)).min(1) }).transform((c) => ({ kind: 'snapshot' as const, files: c.snapshot })),
  z.strictObject({ openb: z.strictObject({ nodes: z.string().min(1) }) }).transform((c) => ({ kind: 'openb' as const, nodesFile: c.openb.nodes })),
]);

/**
 * Which of a snapshot's pods a replay takes off and places again (`workload.replay`):
 *   all   `replay: {}`: every pod a controller would recreate (ReplicaSet, StatefulSet,
 *         Job, ReplicationController) and every pending pod, in every namespace
 *   only  `replay: { only: [ns, ...] }`: those pods of the namespaces listed only
 *   keep  `replay: { keep: [ns, ...] }`: those pods of every namespace but the ones listed,
 *         whose pods all stay where the snapshot has them (their pending pods still
 *         arrive, as in any snapshot run, but are not replayed)
 * Nodes, DaemonSet pods, mirror (static) pods and pods without a controller always stay.
 * A namespace listed must have pods in the snapshot: the run checks that once the files
 * are read (a misspelt name would silently replay nothing, or everything).
 */
const replayNamespaces = z.array(name).min(1).superRefine((ns, ctx) => {
  const twice = ns.findIndex((x, i) => ns.indexOf(x) !== i);
  if (twice >= 0) issue(ctx, [twice], `each namespace once, got ${excerpt(ns[twice])} twice`);
});
const replaySchema = z.strictObject({ keep: replayNamespaces.optional(), only: replayNamespaces.optional() })
  .superRefine((r, ctx) => {
    if (r.keep !== undefined && r.only !== undefined) {
      issue(ctx, ['only'], `give keep or only, not both (keep lists the namespaces whose pods stay, only the namespaces whose pods are replayed), got ${excerpt(r.only)}`);
    }
  })
  .transform((r): ReplayScope => (r.only !== undefined ? { kind: 'only', namespaces: r.only }
    : r.keep !== undefined ? { kind: 'keep', namespaces: r.keep } : { kind: 'all' }));

/** Which of a snapshot's pods a replay places again; see replaySchema. */
export type ReplayScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'only'; readonly namespaces: readonly string[] }
  | { readonly kind: 'keep'; readonly namespaces: readonly string[] };

/**
 * Where a scenario's pods come from. The file writes `workloads` (with `bestEffortShare`),
 * `replay` (with `workloads` and `bestEffortShare` if pods are to arrive besides) or
 * `openb: {pods, inflate?}`; parsing turns it into a value tagged with `kind`:
 *   generate        pods generated from `spec` per seed
 *   replay          the snapshot cluster's own pods placed again (see replaySchema), in
 *                   the order of their creation timestamps (ties: namespace/name), all
 *                   arriving at t=0 before the pods generated from `spec` (whose
 *                   `workloads` may be empty), which arrive as in `generate`
 *   openb-replayed  an openb pod list CSV (no `inflate`) replayed in time: each task
 *                   arrives at its creation_time and runs until its deletion_time (tasks
 *                   without times arrive at 0 and stay)
 *   openb-inflated  the same CSV as the FGD paper's task sequence (`inflate` given): every
 *                   task once in a seeded shuffle, then drawn with replacement until the
 *                   GPU requests reach inflate x the cluster's GPU capacity; one task
 *                   arrives per simulated second and none leaves
 * Paths are as written; loadScenario makes them absolute.
 */
const workloadSchema = z.union([
  workloadSpecSchema.transform((spec) => ({ kind: 'generate' as const, spec })),
  z.strictObject({ ...workloadSpecSchema.shape, workloads: workloadSpecSchema.shape.workloads.optional(), replay: replaySchema })
    .transform(({ replay, workloads, ...rest }) => ({ kind: 'replay' as const, scope: replay, spec: { ...rest, workloads: workloads ?? [] } })),
  z.strictObject({ openb: z.strictObject({ pods: z.string().min(1), inflate: z.number().gt(0).max(INPUT_LIMITS.openbInflate).optional() }) })
    .transform(({ openb: { pods, inflate } }) => (inflate === undefined
      ? { kind: 'openb-replayed' as const, podsFile: pods }
      : { kind: 'openb-inflated' as const, podsFile: pods, inflate })),
]);

/** A policy in short form: kube-scheduler's default profile with changes. */
export const shortPolicySchema = z.strictObject({
  name: z.string().min(1),
  extends: z.literal('default'),
  /** Score weights to change, by plugin name. */
  weights: z.record(z.string(), z.number().int().min(1)).optional(),
  /** Plugins to remove from filter and score. */
  disable: z.array(z.string()).optional(),
  /** Score plugins to add (e.g. a heuristic), with weights. */
  enable: z.array(z.strictObject({ name: z.string().min(1), weight: z.number().int().min(1) })).optional(),
  /** Filter plugins to add after the default ones (e.g. a GPU fit filter). */
  enableFilters: z.array(z.string().min(1)).optional(),
  /** Plugin args by plugin name (pluginConfig[].args). */
  args: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  percentageOfNodesToScore: z.number().int().min(0).max(100).optional(),
  preemption: z.boolean().optional(),
});

/** A policy: a KubeSchedulerConfiguration (each profile one policy), the short form, or a file holding either. */
export const policySchema = z.union([kubeSchedulerConfigurationSchema, shortPolicySchema, z.string().min(1)]);

/** A list of seeds, or text in parseSeedList's grammar ("42-51", "1-3,7"), read by loadScenario. */
const seedsSchema = z.union([
  z.array(z.number().int().min(0)).min(1).max(INPUT_LIMITS.seeds, `at most ${INPUT_LIMITS.seeds} seeds`),
  z.string().regex(/^[\d\s,-]+$/, 'seeds like "42-51" or "1-3,7"'),
]);

const nodeEventSchema = z.strictObject({
  atS: durationS,
  kind: z.enum(['fail', 'recover', 'drain']),
  /** Node name (generated nodes are named <pool>-<i>). */
  node: z.string().min(1),
});

/**
 * A scheduling.k8s.io/v1 PriorityClass: name, value, and the optional fields. What the API
 * server refuses beyond the shape (a `system-` name, a value above one billion, a second
 * globalDefault, a name twice) the model's PriorityClasses refuses when loadScenario
 * builds them (src/model/priority-class.ts). @default globalDefault false, preemptionPolicy PreemptLowerPriority
 */
const priorityClassSchema = z.strictObject({
  name: dnsSubdomain,
  /** The priority of the class's pods (int32; at most 1000000000 for a class a user creates). */
  value: z.number().int().min(-INT32_MAX - 1).max(INT32_MAX),
  /** Pods without priorityClassName (and without `priority`) get this class. At most one class. */
  globalDefault: z.boolean().optional(),
  /** Whether the class's pods may preempt lower-priority pods. */
  preemptionPolicy: z.enum(['PreemptLowerPriority', 'Never']).optional(),
});

/** One term of a StorageClass's allowedTopologies (v1.TopologySelectorTerm): `key In values`, ANDed. */
const topologySelectorTermSchema = z.strictObject({
  matchLabelExpressions: z.array(z.strictObject({ key: z.string().min(1), values: z.array(z.string()).min(1, 'at least one value') })).min(1, 'at least one expression (an empty term selects no node)'),
});

/**
 * A storage.k8s.io/v1 StorageClass: the provisioner that creates its volumes (a CSI
 * driver's name; kubernetes.io/no-provisioner for classes of pre-created volumes only,
 * such as local disks), when a claim of it is bound (Immediate, when the claim is created,
 * or WaitForFirstConsumer, when the scheduler has chosen its first pod's node), and the
 * topology its volumes may be provisioned in. @default volumeBindingMode Immediate (the API server's default)
 */
const storageClassSchema = z.strictObject({
  name: dnsSubdomain,
  provisioner: z.string().min(1),
  volumeBindingMode: z.enum(['Immediate', 'WaitForFirstConsumer']).optional(),
  allowedTopologies: z.array(topologySelectorTermSchema).optional(),
});

/**
 * A pre-created v1.PersistentVolume, available to claims of its class: its size, access
 * modes, and the nodes that can reach it, as `nodeAffinity.required` (a v1.NodeSelector)
 * or, for a local disk, `node` (the node of that name only: kubernetes.io/hostname In
 * [node]). A CSI volume names its driver in `csi`, so attach limits count it.
 */
const persistentVolumeSchema = z.strictObject({
  name: dnsSubdomain,
  storageClassName: dnsSubdomain,
  capacity: storageQuantity,
  accessModes: z.array(z.enum(ACCESS_MODE_NAMES)),
  labels: labelMapSchema.optional(),
  /** @default Filesystem */
  volumeMode: z.enum(['Filesystem', 'Block']).optional(),
  nodeAffinity: z.strictObject({ required: nodeSelectorSchema }).optional(),
  node: z.string().min(1).optional(),
  csi: z.strictObject({ driver: z.string().min(1), volumeHandle: z.string().min(1) }).optional(),
}).superRefine((v, ctx) => {
  if (v.node !== undefined && v.nodeAffinity !== undefined) {
    issue(ctx, ['node'], `give node (a local volume on that node) or nodeAffinity, not both, got ${excerpt(v.node)}`);
  }
});

const INT32_LIMIT = 'at most 2147483647 (an int32, as CSINode allocatable.count)';

/**
 * A CSI driver installed on every node of the generated cluster: each node's
 * storage.k8s.io/v1 CSINode lists it with its `topologyKeys` (the node labels its
 * volumes' topology is given in: a volume provisioned for a node is reachable from the
 * nodes sharing those labels' values) and, for the pools `attachLimits` names, its
 * `allocatable.count`: how many of its volumes one node of the pool can attach
 * (NodeVolumeLimits). A pool not named has no limit. @default topologyKeys []
 */
const csiDriverSchema = z.strictObject({
  name: dnsSubdomain,
  topologyKeys: z.array(z.string().min(1)).optional(),
  attachLimits: z.record(z.string(), z.number().int('a whole number of volumes').min(0, 'a count of volumes cannot be negative').max(INT32_MAX, INT32_LIMIT)).optional(),
});

/**
 * `storage`: the storage objects of a generated cluster. Each list's names are unique;
 * loadScenario compiles every object with the model (what the API server refuses is
 * refused at the entry) and checks what they name: a volume's class, a pool of an attach
 * limit, a node of a local volume, that some node can reach a volume.
 */
const storageSchema = z.strictObject({
  classes: z.array(storageClassSchema).optional(),
  volumes: z.array(persistentVolumeSchema).max(INPUT_LIMITS.scenarioNodes, `at most ${INPUT_LIMITS.scenarioNodes} volumes`).optional(),
  csiDrivers: z.array(csiDriverSchema).optional(),
});

export const scenarioSchema = z.strictObject({
  name,
  description: z.string().optional(),
  /** Suite labels; `npm run bench` runs scenarios labelled `default`. */
  labels: z.array(z.string()).optional(),
  /**
   * The user's plugin files (TypeScript or JavaScript, paths relative to the scenario),
   * whose plugins the policies may enable by name (src/api/plugin-api.ts).
   */
  plugins: z.array(z.string().min(1)).max(INPUT_LIMITS.pluginFiles, `at most ${INPUT_LIMITS.pluginFiles} plugin files`).optional(),
  seeds: seedsSchema,
  /** Simulated seconds. */
  durationS: positive.max(MAX_DURATION_S, DURATION_LIMIT),
  /** Seconds between cluster samples. @default durationS / 100 */
  sampleEveryS: positive.optional(),
  cluster: clusterSchema,
  workload: workloadSchema,
  policies: z.array(policySchema).min(1),
  /** Policy the others are compared with. @default the first */
  baseline: z.string().optional(),
  nodeEvents: z.array(nodeEventSchema).optional(),
  /** PriorityClasses the cluster holds, for templates' priorityClassName and globalDefault. */
  priorityClasses: z.array(priorityClassSchema).optional(),
  /** Storage classes, pre-created volumes and CSI drivers (attach limits per pool) of a generated cluster. */
  storage: storageSchema.optional(),
  /** Write placements.csv (one row per pod per run). @default false */
  placements: z.boolean().optional(),
});

/** A scenario as parsed: validated, cluster and workload tagged, nothing read from other files yet. */
export type ScenarioInput = z.infer<typeof scenarioSchema>;
export type PolicyInput = z.infer<typeof policySchema>;
export type ShortPolicyInput = z.infer<typeof shortPolicySchema>;

// The generators' specs, inferred from the schemas above (one declaration each).

/** A generated cluster: node pools plus topology. */
export type ClusterSpec = z.infer<typeof clusterSpecSchema>;
export type NodePoolSpec = ClusterSpec['pools'][number];
export type TopologySpec = NonNullable<ClusterSpec['topology']>;
export type ArrivalSpec = z.infer<typeof arrivalSchema>;
/** A workload's `pdb`: exactly one of minAvailable and maxUnavailable. */
export type DisruptionBudgetSpec = z.infer<typeof pdbSchema>;
/** A scenario's PriorityClass, as the file writes it. */
export type PriorityClassSpec = z.infer<typeof priorityClassSchema>;
/** A scenario's `storage` section, as the file writes it. */
export type StorageSpec = z.infer<typeof storageSchema>;
export type StorageClassSpec = NonNullable<StorageSpec['classes']>[number];
export type PersistentVolumeSpec = NonNullable<StorageSpec['volumes']>[number];
export type CsiDriverSpec = NonNullable<StorageSpec['csiDrivers']>[number];
/** One of a StatefulSet's `volumeClaimTemplates`. */
export type VolumeClaimTemplateSpec = z.infer<typeof volumeClaimTemplateSchema>;

/** A distribution as the file writes it, `empirical-csv` included. */
export type DistributionInput = z.infer<typeof distributionSchema>;
/** A distribution a generator draws from: an `empirical-csv` one has been read into `empirical`. */
export type Distribution = Exclude<DistributionInput, { kind: 'empirical-csv' }>;

/** A workload as the file writes it. */
export type WorkloadItemInput = z.infer<typeof workloadItemSchema>;
/** `W` with its `durationS`, if any, resolved (mapped over each member of a union). */
type WithResolvedDuration<W> = { [K in keyof W]: K extends 'durationS' ? Exclude<W[K], { kind: 'empirical-csv' }> : W[K] };
/** A `fromSnapshot` workload as the file writes it. */
export type FromSnapshotInput = Extract<WorkloadItemInput, { kind: 'FromSnapshot' }>;

/**
 * A `fromSnapshot` workload resolved against the snapshot when the scenario loads
 * (src/scenario/snapshot-workload.ts): how many pods arrive, the pod template and labels
 * of the object's controller, and the controller that owns them in the snapshot.
 */
export interface FromSnapshotSpec {
  readonly kind: 'FromSnapshot';
  /** The workload's name: its random streams ('arrivals/<name>') and, for a Deployment, its pods' names. */
  readonly name: string;
  readonly namespace: string;
  /** The object it was derived from, and the scale given. */
  readonly source: { readonly kind: 'Deployment' | 'StatefulSet'; readonly name: string; readonly replicas: number; readonly scale: number };
  /** Pods arriving: ceil(scale x source.replicas). */
  readonly replicas: number;
  /** The pods' template: the current ReplicaSet's (a Deployment's) or the StatefulSet's. */
  readonly template: FullPodTemplate;
  /** The pods' controller (metadata.ownerReferences[0]): the Deployment's ReplicaSet, or the StatefulSet. */
  readonly owner: { readonly apiVersion: 'apps/v1'; readonly kind: 'ReplicaSet' | 'StatefulSet'; readonly name: string };
  /** Pods are named <prefix>-<first + i>: a StatefulSet's next ordinals, a Deployment's <name>-0, -1, ... */
  readonly podNames: { readonly prefix: string; readonly first: number };
  /**
   * A StatefulSet's spec.volumeClaimTemplates as the snapshot holds them (each its name,
   * labels and v1.PersistentVolumeClaimSpec), and the labels its claims get besides (its
   * selector's matchLabels); absent for a Deployment and a StatefulSet without any.
   */
  readonly claims?: {
    readonly templates: readonly { readonly name: string; readonly labels: Readonly<Record<string, string>>; readonly spec: Readonly<Record<string, unknown>> }[];
    readonly selectorLabels: Readonly<Record<string, string>>;
  };
  readonly arrival: ArrivalSpec;
  readonly durationS?: Distribution | undefined;
}

/** A workload as the generator takes it: its duration distribution resolved, a `fromSnapshot` one resolved against the snapshot. */
export type WorkloadItemSpec = WithResolvedDuration<Exclude<WorkloadItemInput, { kind: 'FromSnapshot' }>> | FromSnapshotSpec;
export type DeploymentSpec = Extract<WorkloadItemSpec, { kind: 'Deployment' }>;
export type JobSpec = Extract<WorkloadItemSpec, { kind: 'Job' }>;
export type StatefulSetSpec = Extract<WorkloadItemSpec, { kind: 'StatefulSet' }>;
/** The workload generator's spec as the file writes it. */
export type WorkloadSpecInput = z.infer<typeof workloadSpecSchema>;
/** The workload generator's spec with every distribution resolved. */
export type WorkloadSpec = Omit<WorkloadSpecInput, 'workloads'> & { workloads: WorkloadItemSpec[] };
