/**
 * The v1 fields (Kubernetes 1.34, k8s.io/api/core/v1 types.go; a pod's status as of
 * 1.36) of the parts of Node, Pod and Namespace that scheduling reads, so a misspelt
 * field (`nodeSelecter`, `tolerations[0].efect`, `containerStatuses[0].resorces`) can be
 * reported instead of silently ignored. Only the parts schedbench reads are walked: a
 * node's conditions, a container's state and everything below a field without a tree
 * here are taken as they are, so real dumps (managedFields, probes, volumes) raise
 * nothing.
 */

/** The fields one object type has, and the trees of the fields schedbench walks into. */
export interface FieldTree {
  readonly fields: ReadonlySet<string>;
  /** Trees of object-valued fields; for a list field, the tree of each item. */
  readonly children: ReadonlyMap<string, FieldTree>;
}

function tree(leaves: Iterable<string>, children: Readonly<Record<string, FieldTree>> = {}): FieldTree {
  return { fields: new Set([...leaves, ...Object.keys(children)]), children: new Map(Object.entries(children)) };
}

const OWNER_REFERENCE = tree(['apiVersion', 'kind', 'name', 'uid', 'controller', 'blockOwnerDeletion']);
const OBJECT_META = tree([
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'finalizers', 'managedFields',
], { ownerReferences: OWNER_REFERENCE });

const REQUIREMENT = tree(['key', 'operator', 'values']);
const LABEL_SELECTOR = tree(['matchLabels'], { matchExpressions: REQUIREMENT });
const NODE_SELECTOR_TERM = tree([], { matchExpressions: REQUIREMENT, matchFields: REQUIREMENT });
const NODE_SELECTOR = tree([], { nodeSelectorTerms: NODE_SELECTOR_TERM });
const POD_AFFINITY_TERM = tree(['namespaces', 'topologyKey', 'matchLabelKeys', 'mismatchLabelKeys'], {
  labelSelector: LABEL_SELECTOR, namespaceSelector: LABEL_SELECTOR,
});
const POD_AFFINITY = tree([], {
  requiredDuringSchedulingIgnoredDuringExecution: POD_AFFINITY_TERM,
  preferredDuringSchedulingIgnoredDuringExecution: tree(['weight'], { podAffinityTerm: POD_AFFINITY_TERM }),
});
const AFFINITY = tree([], {
  nodeAffinity: tree([], {
    requiredDuringSchedulingIgnoredDuringExecution: NODE_SELECTOR,
    preferredDuringSchedulingIgnoredDuringExecution: tree(['weight'], { preference: NODE_SELECTOR_TERM }),
  }),
  podAffinity: POD_AFFINITY,
  podAntiAffinity: POD_AFFINITY,
});
const RESOURCES = tree(['limits', 'requests', 'claims']);
const CONTAINER = tree([
  'name', 'image', 'command', 'args', 'workingDir', 'envFrom', 'env', 'resizePolicy', 'restartPolicy',
  'restartPolicyRules', 'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe', 'startupProbe',
  'lifecycle', 'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdin',
  'stdinOnce', 'tty',
], { ports: tree(['name', 'hostPort', 'containerPort', 'protocol', 'hostIP']), resources: RESOURCES });

/**
 * The field names of a v1.PodSpec (Kubernetes 1.34): the pod tree below, and the fields a
 * scenario's pod template may set (a misspelt one is refused by name, as kube's strict
 * decoding would).
 */
export const POD_SPEC_FIELDS: ReadonlySet<string> = new Set([
  'activeDeadlineSeconds', 'affinity', 'automountServiceAccountToken', 'containers', 'dnsConfig', 'dnsPolicy',
  'enableServiceLinks', 'ephemeralContainers', 'hostAliases', 'hostIPC', 'hostNetwork', 'hostPID', 'hostUsers',
  'hostname', 'hostnameOverride', 'imagePullSecrets', 'initContainers', 'nodeName', 'nodeSelector', 'os', 'overhead',
  'preemptionPolicy', 'priority', 'priorityClassName', 'readinessGates', 'resourceClaims', 'resources',
  'restartPolicy', 'runtimeClassName', 'schedulerName', 'schedulingGates', 'securityContext', 'serviceAccount',
  'serviceAccountName', 'setHostnameAsFQDN', 'shareProcessNamespace', 'subdomain', 'terminationGracePeriodSeconds',
  'tolerations', 'topologySpreadConstraints', 'volumes',
]);

const POD_SPEC = tree(POD_SPEC_FIELDS, {
  affinity: AFFINITY,
  containers: CONTAINER,
  initContainers: CONTAINER,
  resources: RESOURCES,
  tolerations: tree(['key', 'operator', 'value', 'effect', 'tolerationSeconds']),
  topologySpreadConstraints: tree(
    ['maxSkew', 'topologyKey', 'whenUnsatisfiable', 'minDomains', 'nodeAffinityPolicy', 'nodeTaintsPolicy', 'matchLabelKeys'],
    { labelSelector: LABEL_SELECTOR },
  ),
  schedulingGates: tree(['name']),
});

const CONTAINER_STATUS = tree([
  'name', 'state', 'lastState', 'ready', 'restartCount', 'image', 'imageID', 'containerID', 'started',
  'allocatedResources', 'volumeMounts', 'user', 'allocatedResourcesStatus', 'stopSignal',
], { resources: RESOURCES });
/** v1.PodStatus: the container statuses and conditions are read (in-place resize, preemption). */
const POD_STATUS = tree([
  'observedGeneration', 'phase', 'message', 'reason', 'nominatedNodeName', 'hostIP', 'hostIPs', 'podIP', 'podIPs',
  'startTime', 'qosClass', 'resize', 'resourceClaimStatuses', 'extendedResourceClaimStatus', 'allocatedResources',
  'resources', 'nodeAllocatableResourceClaimStatuses',
], {
  conditions: tree(['type', 'observedGeneration', 'status', 'lastProbeTime', 'lastTransitionTime', 'reason', 'message']),
  containerStatuses: CONTAINER_STATUS,
  initContainerStatuses: CONTAINER_STATUS,
  ephemeralContainerStatuses: CONTAINER_STATUS,
});

const NODE_SPEC = tree(['podCIDR', 'podCIDRs', 'providerID', 'unschedulable', 'configSource', 'externalID'], {
  taints: tree(['key', 'value', 'effect', 'timeAdded']),
});
const NODE_STATUS = tree([
  'capacity', 'allocatable', 'phase', 'conditions', 'addresses', 'daemonEndpoints', 'nodeInfo', 'volumesInUse',
  'volumesAttached', 'config', 'runtimeHandlers', 'features', 'declaredFeatures',
], { images: tree(['names', 'sizeBytes']) });

/** The trees of the kinds a cluster file holds, by kind. */
export const KIND_FIELDS: ReadonlyMap<string, FieldTree> = new Map([
  ['Pod', tree(['apiVersion', 'kind'], { metadata: OBJECT_META, spec: POD_SPEC, status: POD_STATUS })],
  ['Node', tree(['apiVersion', 'kind'], { metadata: OBJECT_META, spec: NODE_SPEC, status: NODE_STATUS })],
  ['Namespace', tree(['apiVersion', 'kind', 'spec', 'status'], { metadata: OBJECT_META })],
]);

/**
 * The paths of the fields in `value` that `t` does not define, list indexes written
 * `[*]` so that the same misspelling in many objects is one path; each path is added
 * to `into`. Iterative, and it walks only what the trees describe.
 */
export function collectUnknownFields(value: unknown, t: FieldTree, into: Set<string>): void {
  const stack: { v: unknown; t: FieldTree; path: string }[] = [{ v: value, t, path: '' }];
  while (stack.length > 0) {
    const { v, t: node, path } = stack.pop()!;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) continue;
    for (const key of Object.keys(v)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (!node.fields.has(key)) {
        into.add(at);
        continue;
      }
      const child = node.children.get(key);
      if (child === undefined) continue;
      const x = (v as Record<string, unknown>)[key];
      if (Array.isArray(x)) {
        for (const item of x) stack.push({ v: item, t: child, path: `${at}[*]` });
      } else {
        stack.push({ v: x, t: child, path: at });
      }
    }
  }
}
