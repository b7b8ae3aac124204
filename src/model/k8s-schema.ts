import { z } from 'zod';
import { excerpt } from './errors.js';
import { annotationMapSchema, labelMapSchema } from './label-schema.js';
import { nanoValue } from './quantity.js';
import { isOvercommitAllowed, resourceListSchema } from './resource-list-schema.js';

/**
 * Zod schemas for the parts of v1 Node, v1 Pod and v1 Namespace that scheduling reads.
 * Objects are loose: fields the scheduler does not read are kept, not rejected, so a
 * `kubectl get -o json` dump validates as it is (unknown-fields.ts warns about the
 * fields v1 does not have). What Kubernetes' own validation restricts is restricted
 * here too: enumerations (operators, effects, whenUnsatisfiable), label keys and values,
 * annotation keys, resource names, quantities (not negative, whole for extended
 * resources, requests within limits). Maps are read into null-prototype records, so
 * every key is kept as written.
 */

const stringMap = labelMapSchema;

/**
 * A container's (or the pod's) resources: requests and limits, a request at most its
 * limit, and equal to it for resources that cannot be overcommitted (extended resources,
 * hugepages), as ValidateResourceRequirements requires.
 */
const resourceRequirements = z
  .looseObject({ requests: resourceListSchema('container').nullish(), limits: resourceListSchema('container').nullish() })
  .superRefine((r, ctx) => {
    if (!r.requests || !r.limits) return;
    for (const name of Object.keys(r.requests)) {
      const limit = r.limits[name];
      if (limit === undefined) continue;
      const request = r.requests[name]!;
      const req = nanoValue(request);
      const lim = nanoValue(limit);
      if (req !== lim && !isOvercommitAllowed(name)) {
        ctx.addIssue({ code: 'custom', path: ['requests', name], message: `must equal the limit (${excerpt(limit)}) for a resource that cannot be overcommitted, got ${excerpt(request)}` });
      } else if (req > lim) {
        ctx.addIssue({ code: 'custom', path: ['requests', name], message: `must be at most the limit (${excerpt(limit)}), got ${excerpt(request)}` });
      }
    }
  });

const labelSelectorRequirement = z.looseObject({
  key: z.string(),
  operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
  values: z.array(z.string()).optional(),
});
export const labelSelectorSchema = z.looseObject({
  matchLabels: stringMap.nullish(),
  matchExpressions: z.array(labelSelectorRequirement).nullish(),
});

const nodeSelectorRequirement = z.looseObject({
  key: z.string(),
  operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']),
  values: z.array(z.string()).optional(),
});
const nodeSelectorTerm = z.looseObject({
  matchExpressions: z.array(nodeSelectorRequirement).nullish(),
  matchFields: z.array(nodeSelectorRequirement).nullish(),
});
export const nodeSelectorSchema = z.looseObject({ nodeSelectorTerms: z.array(nodeSelectorTerm) });
export const preferredSchedulingTermSchema = z.looseObject({
  weight: z.number().int().min(1).max(100),
  preference: nodeSelectorTerm,
});

const podAffinityTerm = z.looseObject({
  labelSelector: labelSelectorSchema.nullish(),
  namespaces: z.array(z.string()).nullish(),
  namespaceSelector: labelSelectorSchema.nullish(),
  topologyKey: z.string(),
  matchLabelKeys: z.array(z.string()).nullish(),
  mismatchLabelKeys: z.array(z.string()).nullish(),
});
const weightedPodAffinityTerm = z.looseObject({
  weight: z.number().int().min(1).max(100),
  podAffinityTerm: podAffinityTerm,
});
const podAffinity = z.looseObject({
  requiredDuringSchedulingIgnoredDuringExecution: z.array(podAffinityTerm).nullish(),
  preferredDuringSchedulingIgnoredDuringExecution: z.array(weightedPodAffinityTerm).nullish(),
});
const affinity = z.looseObject({
  nodeAffinity: z
    .looseObject({
      requiredDuringSchedulingIgnoredDuringExecution: nodeSelectorSchema.nullish(),
      preferredDuringSchedulingIgnoredDuringExecution: z.array(preferredSchedulingTermSchema).nullish(),
    })
    .nullish(),
  podAffinity: podAffinity.nullish(),
  podAntiAffinity: podAffinity.nullish(),
});

export const taintEffectSchema = z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
const taint = z.looseObject({
  key: z.string().min(1, 'taint key must not be empty'),
  value: z.string().nullish(),
  effect: taintEffectSchema,
});
const toleration = z.looseObject({
  key: z.string().nullish(),
  operator: z.enum(['Equal', 'Exists', '']).nullish(),
  value: z.string().nullish(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute', '']).nullish(),
  tolerationSeconds: z.number().int().nullish(),
});

const spreadConstraint = z.looseObject({
  maxSkew: z.number().int().min(1, 'maxSkew must be at least 1'),
  topologyKey: z.string().min(1, 'topologyKey must not be empty'),
  whenUnsatisfiable: z.enum(['DoNotSchedule', 'ScheduleAnyway']),
  labelSelector: labelSelectorSchema.nullish(),
  minDomains: z.number().int().min(1, 'minDomains must be at least 1').nullish(),
  nodeAffinityPolicy: z.enum(['Honor', 'Ignore']).nullish(),
  nodeTaintsPolicy: z.enum(['Honor', 'Ignore']).nullish(),
  matchLabelKeys: z.array(z.string()).nullish(),
});

const containerPort = z.looseObject({
  containerPort: z.number().int().min(0).max(65535),
  hostPort: z.number().int().min(0).max(65535).nullish(),
  hostIP: z.string().nullish(),
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).nullish(),
});
const container = z.looseObject({
  name: z.string().optional(),
  image: z.string().nullish(),
  resources: resourceRequirements.nullish(),
  ports: z.array(containerPort).nullish(),
  restartPolicy: z.enum(['Always']).nullish(),
});

/**
 * A v1.ContainerStatus: the resources the kubelet reports for a container, which
 * kube-scheduler reads for a pod whose in-place resize is under way (resourcehelper
 * PodRequests with UseStatusResources): `resources` (what the container runs with) and
 * `allocatedResources` (what the kubelet admitted). Quantities are checked as a
 * container's are; request within limit is not, since the kubelet reports what it
 * applied, not what the API server validated.
 */
const containerStatus = z.looseObject({
  name: z.string(),
  resources: z
    .looseObject({ requests: resourceListSchema('container').nullish(), limits: resourceListSchema('container').nullish() })
    .nullish(),
  allocatedResources: resourceListSchema('container').nullish(),
});

/**
 * A v1.PodCondition. Kubernetes 1.33+ reports resizes here: PodResizePending with reason
 * Infeasible or Deferred, and PodResizeInProgress (the deprecated status.resize is
 * no longer read by kube-scheduler, so it is not read here either).
 */
const podCondition = z.looseObject({
  type: z.custom<string>((v) => typeof v === 'string', { error: (issue) => `expected a condition type (a string), got ${excerpt(issue.input)}` }),
  status: z.string().nullish(),
  reason: z.string().nullish(),
});

/**
 * A v1.Volume: the sources scheduling reads (claims, generic ephemeral volumes, the
 * in-tree disks VolumeRestrictions checks); other sources are kept as they are. A claim
 * name must not be empty, as the API server requires.
 */
const volume = z.looseObject({
  name: z.string().min(1, 'a volume needs a name'),
  persistentVolumeClaim: z.looseObject({ claimName: z.string().min(1, 'claimName must not be empty'), readOnly: z.boolean().nullish() }).nullish(),
  ephemeral: z.looseObject({ volumeClaimTemplate: z.looseObject({}).nullish() }).nullish(),
  gcePersistentDisk: z.looseObject({ pdName: z.string().min(1), readOnly: z.boolean().nullish() }).nullish(),
  awsElasticBlockStore: z.looseObject({ volumeID: z.string().min(1), readOnly: z.boolean().nullish() }).nullish(),
  iscsi: z.looseObject({ iqn: z.string().min(1), readOnly: z.boolean().nullish() }).nullish(),
  rbd: z.looseObject({ monitors: z.array(z.string()).min(1), pool: z.string().nullish(), image: z.string().min(1), readOnly: z.boolean().nullish() }).nullish(),
});

/** v1.ObjectMeta: the parts schedbench reads (shared by every kind it loads). */
export const objectMetaSchema = z.looseObject({
  name: z.string().optional(),
  namespace: z.string().optional(),
  uid: z.string().optional(),
  labels: stringMap.nullish(),
  annotations: annotationMapSchema.nullish(),
  deletionTimestamp: z.string().nullish(),
  ownerReferences: z
    .array(z.looseObject({ apiVersion: z.string().nullish(), kind: z.string(), name: z.string(), controller: z.boolean().nullish() }))
    .nullish(),
});

export const podSchema = z.looseObject({
  kind: z.literal('Pod').optional(),
  metadata: objectMetaSchema.optional(),
  spec: z.looseObject({
    nodeName: z.string().nullish(),
    schedulerName: z.string().nullish(),
    priority: z.number().int().min(-2147483648, 'must be at least -2147483648 (an int32)').max(2147483647, 'must be at most 2147483647 (an int32)').nullish(),
    priorityClassName: z.string().nullish(),
    preemptionPolicy: z.enum(['PreemptLowerPriority', 'Never']).nullish(),
    nodeSelector: stringMap.nullish(),
    affinity: affinity.nullish(),
    tolerations: z.array(toleration).nullish(),
    topologySpreadConstraints: z.array(spreadConstraint).nullish(),
    containers: z.array(container),
    initContainers: z.array(container).nullish(),
    overhead: resourceListSchema('container').nullish(),
    resources: resourceRequirements.nullish(),
    schedulingGates: z.array(z.looseObject({ name: z.string() })).nullish(),
    volumes: z.array(volume).nullish(),
  }),
  status: z.looseObject({
    phase: z.string().nullish(),
    nominatedNodeName: z.string().nullish(),
    conditions: z.array(podCondition).nullish(),
    containerStatuses: z.array(containerStatus).nullish(),
    initContainerStatuses: z.array(containerStatus).nullish(),
  }).nullish(),
});

/** An image's size in bytes: a whole number, at most 2^53 - 1 so that sums over images stay exact enough to score. */
const imageSize = z.number()
  .min(0, 'expected a size in bytes, not negative')
  .max(Number.MAX_SAFE_INTEGER, `too large: at most ${Number.MAX_SAFE_INTEGER} bytes (2^53 - 1, the largest integer schedbench holds exactly)`)
  .int('expected a whole number of bytes');

export const nodeSchema = z.looseObject({
  kind: z.literal('Node').optional(),
  metadata: objectMetaSchema.extend({ name: z.string().min(1, 'a node needs metadata.name') }),
  spec: z
    .looseObject({ unschedulable: z.boolean().nullish(), taints: z.array(taint).nullish() })
    .nullish(),
  status: z
    .looseObject({
      allocatable: resourceListSchema('node').nullish(),
      capacity: resourceListSchema('node').nullish(),
      images: z
        .array(z.looseObject({ names: z.array(z.string()).nullish(), sizeBytes: imageSize.nullish() }))
        .nullish(),
    })
    .nullish(),
});

export const namespaceSchema = z.looseObject({
  kind: z.literal('Namespace').optional(),
  metadata: z.looseObject({ name: z.string().min(1), labels: stringMap.nullish() }),
});

export type PodInput = z.infer<typeof podSchema>;
export type NodeInput = z.infer<typeof nodeSchema>;
export type NamespaceInput = z.infer<typeof namespaceSchema>;
export type LabelSelectorInput = z.infer<typeof labelSelectorSchema>;
export type NodeSelectorInput = z.infer<typeof nodeSelectorSchema>;
export type NodeSelectorTermInput = z.infer<typeof nodeSelectorTerm>;
export type PodAffinityTermInput = z.infer<typeof podAffinityTerm>;
export type ContainerInput = z.infer<typeof container>;
export type ContainerStatusInput = z.infer<typeof containerStatus>;
export type PodConditionInput = z.infer<typeof podCondition>;
export type TolerationInput = z.infer<typeof toleration>;
export type VolumeSchemaInput = z.infer<typeof volume>;
export type SpreadConstraintInput = z.infer<typeof spreadConstraint>;
