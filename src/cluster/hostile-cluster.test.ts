import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { explain } from '../framework/explain.js';
import { buildFramework } from '../framework/framework.js';
import { defaultProfile } from '../framework/profile.js';
import { compilePod } from '../model/compile-pod.js';
import { ModelContext } from '../model/model-context.js';
import { inTreeRegistry } from '../plugins/index.js';
import { loadCluster } from './load-cluster.js';

/**
 * Hostile cluster files (issue 9): each is built here as a user would write it, and the
 * error must name the file, the line, the object and the field, and quote the value.
 */

const dir = mkdtempSync(join(tmpdir(), 'schedbench-cluster-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = (f: string) => fileURLToPath(new URL(`./fixtures/${f}`, import.meta.url));

let n = 0;
/** Writes `text` to a fresh file in the test folder. */
function write(text: string, ext = '.yaml'): string {
  const f = join(dir, `c${n++}${ext}`);
  writeFileSync(f, text);
  return f;
}

/** A node document; `extra` lines are indented under the node (metadata, spec or status). */
const NODE = 'kind: Node\nmetadata:\n  name: n1\nstatus:\n  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}\n';
/** A pod with one container whose resources are `resources` (a YAML flow map). */
const podWith = (resources: string, spec = '') => `---\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}  containers:\n  - name: c\n    resources: ${resources}\n`;
const nodeWithStatus = (status: string) => `kind: Node\nmetadata:\n  name: n1\nstatus:\n${status}`;
const podSpec = (spec: string) => `${NODE}---\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c}]\n${spec}`;

describe('loadCluster refuses what Kubernetes refuses, naming file, line, field and value', () => {
  const cases: { name: string; text: string; err: RegExp }[] = [
    // Negative quantities (kube: "must be greater than or equal to 0").
    { name: 'a negative cpu request', text: NODE + podWith('{requests: {cpu: -500m}}'), err: /c\d+\.yaml:13: pod default\/p: spec\.containers\[0\]\.resources\.requests\.cpu: must not be negative, got "-500m"$/ },
    { name: 'a negative allocatable cpu', text: nodeWithStatus('  allocatable: {cpu: "-4", pods: "10"}\n'), err: /c\d+\.yaml:5: node n1: status\.allocatable\.cpu: must not be negative, got "-4"$/ },
    { name: 'negative allocatable pods', text: nodeWithStatus('  allocatable:\n    cpu: "4"\n    pods: "-5"\n'), err: /c\d+\.yaml:7: node n1: status\.allocatable\.pods: must not be negative, got "-5"$/ },
    { name: 'a negative capacity', text: nodeWithStatus('  capacity: {memory: -1Gi}\n  allocatable: {cpu: "1"}\n'), err: /node n1: status\.capacity\.memory: must not be negative, got "-1Gi"$/ },
    // Past 2^53 once scaled.
    { name: 'allocatable cpu 1e18 (milli-value past 2^53)', text: nodeWithStatus('  allocatable: {cpu: 1e18}\n'), err: /c\d+\.yaml:5: node n1: status\.allocatable\.cpu: too large: at most 9007199254740991m \(milli-cpu\) \(2\^53 - 1, the largest integer schedbench holds exactly\), got 1000000000000000000$/ },
    { name: 'a cpu request of 1e16 cores', text: NODE + podWith('{requests: {cpu: "1e16"}}'), err: /spec\.containers\[0\]\.resources\.requests\.cpu: too large: at most 9007199254740991m .*got "1e16"$/ },
    { name: 'a memory request of 1e20 bytes', text: NODE + podWith('{requests: {memory: "1e20"}}'), err: /spec\.containers\[0\]\.resources\.requests\.memory: too large: at most 9007199254740991 \(2\^53 - 1.*got "1e20"$/ },
    {
      name: 'containers whose requests add up past 2^53',
      text: `${NODE}---\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, resources: {requests: {memory: 3Pi}}}\n  - {name: b, resources: {requests: {memory: 3Pi}}}\n  - {name: c, resources: {requests: {memory: 3Pi}}}\n`,
      err: /c\d+\.yaml:\d+: pod default\/p: spec\.containers: the pod's requests add up to more than 9007199254740991/,
    },
    { name: 'a NaN quantity', text: nodeWithStatus('  allocatable: {cpu: .nan}\n'), err: /node n1: status\.allocatable\.cpu: expected a quantity like 500m or 2Gi, got NaN$/ },
    { name: 'a quantity that is a list', text: nodeWithStatus('  allocatable: {cpu: [1]}\n'), err: /node n1: status\.allocatable\.cpu: expected a quantity like 500m or 2Gi, got \[1\]$/ },
    // Requests and limits (ValidateResourceRequirements).
    { name: 'a limit below the request', text: NODE + podWith('{requests: {cpu: "2"}, limits: {cpu: "1"}}'), err: /spec\.containers\[0\]\.resources\.requests\.cpu: must be at most the limit \("1"\), got "2"$/ },
    { name: 'a pod-level limit below the pod-level request', text: NODE + podWith('{}', '  resources: {requests: {memory: 2Gi}, limits: {memory: 1Gi}}\n'), err: /spec\.resources\.requests\.memory: must be at most the limit \("1Gi"\), got "2Gi"$/ },
    { name: 'a GPU request other than its limit', text: NODE + podWith('{requests: {nvidia.com/gpu: "1"}, limits: {nvidia.com/gpu: "2"}}'), err: /requests\.nvidia\.com\/gpu: must equal the limit \("2"\) for a resource that cannot be overcommitted, got "1"$/ },
    // Extended resources are whole numbers.
    { name: 'a fractional nvidia.com/gpu request', text: NODE + podWith('{requests: {nvidia.com/gpu: "0.5"}}'), err: /c\d+\.yaml:13: pod default\/p: spec\.containers\[0\]\.resources\.requests\.nvidia\.com\/gpu: must be a whole number of nvidia\.com\/gpu \(extended resources are counted in whole units\), got "0\.5"$/ },
    { name: 'a fractional GPU on a node', text: nodeWithStatus('  allocatable: {example.com/fpga: 1500m}\n'), err: /status\.allocatable\.example\.com\/fpga: must be a whole number of example\.com\/fpga .*got "1500m"$/ },
    // Keys that are no label keys or resource names.
    { name: '__proto__ as a label key', text: `kind: Node\nmetadata:\n  name: n1\n  labels:\n    __proto__: x\n`, err: /c\d+\.yaml:5: node n1: metadata\.labels\.__proto__: not a label key: expected \[prefix\/\]name.*got "__proto__"$/ },
    { name: '__proto__ in a nodeSelector', text: podSpec('  nodeSelector:\n    __proto__: x\n'), err: /c\d+\.yaml:13: pod default\/p: spec\.nodeSelector\.__proto__: not a label key: .*got "__proto__"$/ },
    { name: '__proto__ in annotations', text: `${NODE}---\nkind: Pod\nmetadata:\n  name: p\n  annotations: {__proto__: x}\nspec: {containers: []}\n`, err: /pod default\/p: metadata\.annotations\.__proto__: not an annotation key: .*got "__proto__"$/ },
    { name: '__proto__ as a resource name', text: NODE + podWith('{requests: {__proto__: "1"}}'), err: /spec\.containers\[0\]\.resources\.requests\.__proto__: not a resource name: .*got "__proto__"$/ },
    { name: '__proto__ in allocatable', text: nodeWithStatus('  allocatable: {__proto__: "1"}\n'), err: /node n1: status\.allocatable\.__proto__: not a resource name: .*got "__proto__"$/ },
    { name: 'a label key with a space', text: `kind: Node\nmetadata:\n  name: n1\n  labels: {"a b": x}\n`, err: /node n1: metadata\.labels\.a b: not a label key: .*got "a b"$/ },
    { name: 'a label value of 64 characters', text: `kind: Node\nmetadata:\n  name: n1\n  labels: {a: ${'v'.repeat(64)}}\n`, err: /node n1: metadata\.labels\.a: not a label value: expected at most 63 characters .*got "v{20,}/ },
    { name: 'a label value that is a number', text: podSpec('  nodeSelector: {disk: 1}\n'), err: /spec\.nodeSelector\.disk: expected a string, got 1$/ },
    { name: 'a resource name that is no qualified name', text: NODE + podWith('{requests: {"nvidia.com/gpu/x": "1"}}'), err: /requests\.nvidia\.com\/gpu\/x: not a resource name: expected a standard resource .*got "nvidia\.com\/gpu\/x"$/ },
    // Enumerations quote the value, as kube's "Unsupported value" does.
    {
      name: 'node affinity operator Like',
      text: podSpec('  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchExpressions:\n          - {key: a, operator: Like, values: [x]}\n'),
      err: /c\d+\.yaml:17: pod default\/p: spec\.affinity\.nodeAffinity\.requiredDuringSchedulingIgnoredDuringExecution\.nodeSelectorTerms\[0\]\.matchExpressions\[0\]\.operator: got "Like"; supported values: "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"$/,
    },
    {
      name: 'a label selector operator Like',
      text: podSpec('  affinity:\n    podAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n      - topologyKey: zone\n        labelSelector:\n          matchExpressions: [{key: a, operator: Like}]\n'),
      err: /labelSelector\.matchExpressions\[0\]\.operator: got "Like"; supported values: "In", "NotIn", "Exists", "DoesNotExist"$/,
    },
    { name: 'a toleration operator Maybe', text: podSpec('  tolerations: [{key: a, operator: Maybe}]\n'), err: /c\d+\.yaml:12: pod default\/p: spec\.tolerations\[0\]\.operator: got "Maybe"; supported values: "Equal", "Exists", ""$/ },
    { name: 'a toleration effect Sometimes', text: podSpec('  tolerations: [{operator: Exists, effect: Sometimes}]\n'), err: /spec\.tolerations\[0\]\.effect: got "Sometimes"; supported values: "NoSchedule", "PreferNoSchedule", "NoExecute", ""$/ },
    { name: 'a taint effect Sometimes', text: `kind: Node\nmetadata: {name: n1}\nspec:\n  taints: [{key: a, effect: Sometimes}]\n`, err: /c\d+\.yaml:4: node n1: spec\.taints\[0\]\.effect: got "Sometimes"; supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"$/ },
    { name: 'whenUnsatisfiable Sometimes', text: podSpec('  topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: Sometimes}]\n'), err: /spec\.topologySpreadConstraints\[0\]\.whenUnsatisfiable: got "Sometimes"; supported values: "DoNotSchedule", "ScheduleAnyway"$/ },
    { name: 'a priority that is a string', text: podSpec('  priority: high\n'), err: /c\d+\.yaml:12: pod default\/p: spec\.priority: expected number, got "high"$/ },
    // Images.
    { name: 'an image size past 2^53', text: nodeWithStatus('  allocatable: {cpu: "1"}\n  images:\n  - names: [big:1]\n    sizeBytes: 1e20\n'), err: /c\d+\.yaml:8: node n1: status\.images\[0\]\.sizeBytes: too large: at most 9007199254740991 bytes .*got 100000000000000000000$/ },
    { name: 'a negative image size', text: nodeWithStatus('  allocatable: {cpu: "1"}\n  images:\n  - names: [a:1]\n    sizeBytes: -1\n'), err: /status\.images\[0\]\.sizeBytes: expected a size in bytes, not negative, got -1$/ },
    // Cluster-level.
    { name: 'a cluster without nodes', text: 'kind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n', err: /c\d+\.yaml: the cluster has no nodes \(no Node objects in these files\); nothing could be scheduled on it$/ },
    { name: 'an empty file', text: '', err: /c\d+\.yaml: the cluster has no nodes/ },
    { name: 'a NodeList item without a name', text: '{"kind": "NodeList", "items": [\n{"metadata": {}}\n]}', err: /c\d+\.yaml:2: node \(unnamed\): metadata\.name: expected string, got nothing$/ },
    // The objects around pods (owners, Services, PDBs, PriorityClasses).
    { name: 'a Deployment without selector', text: `${NODE}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n`, err: /c\d+\.yaml:11: Deployment web: spec\.selector: required: a LabelSelector/ },
    { name: 'a ReplicaSet with an empty selector', text: `${NODE}---\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec:\n  selector: {}\n`, err: /c\d+\.yaml:11: ReplicaSet rs: spec\.selector: empty selector is invalid/ },
    { name: 'a StatefulSet whose selector misses its template', text: `${NODE}---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata:\n      labels: {app: web}\n`, err: /c\d+\.yaml:14: StatefulSet db: spec\.template\.metadata\.labels: `selector` does not match template `labels`$/ },
    { name: 'negative replicas', text: `${NODE}---\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec:\n  replicas: -1\n  selector: {matchLabels: {a: b}}\n`, err: /c\d+\.yaml:11: ReplicaSet rs: spec\.replicas: must be greater than or equal to 0, got -1$/ },
    { name: 'a Job parallelism that is a string', text: `${NODE}---\napiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  parallelism: two\n`, err: /c\d+\.yaml:11: Job j: spec\.parallelism: expected number, got "two"$/ },
    { name: 'a Deployment of extensions/v1beta1', text: `${NODE}---\napiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: web}\n`, err: /c\d+\.yaml:7: Deployment web: apiVersion: expected "apps\/v1" for a Deployment, got "extensions\/v1beta1"$/ },
    { name: 'a duplicate Service', text: `${NODE}---\nkind: Service\nmetadata: {name: s}\n---\nkind: Service\nmetadata: {name: s}\n`, err: /c\d+\.yaml:11: Service default\/s: duplicate Service$/ },
    { name: 'a PDB with both minAvailable and maxUnavailable', text: `${NODE}---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: b}\nspec:\n  minAvailable: 1\n  maxUnavailable: 1\n`, err: /c\d+\.yaml:11: PodDisruptionBudget b: spec: minAvailable and maxUnavailable cannot be both set$/ },
    { name: 'a PDB percentage over 100%', text: `${NODE}---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: b}\nspec:\n  minAvailable: 150%\n`, err: /c\d+\.yaml:11: PodDisruptionBudget b: spec\.minAvailable: must not be greater than 100%, got "150%"$/ },
    { name: 'a PDB count that is neither int nor percent', text: `${NODE}---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: b}\nspec:\n  maxUnavailable: "half"\n`, err: /c\d+\.yaml:11: PodDisruptionBudget b: spec\.maxUnavailable: must be an integer or percentage \(e\.g '5%'\), got "half"$/ },
    { name: 'a PDB selector with a bad operator', text: `${NODE}---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: b}\nspec:\n  selector: {matchExpressions: [{key: a, operator: Near}]}\n`, err: /c\d+\.yaml:11: PodDisruptionBudget b: spec\.selector\.matchExpressions\[0\]\.operator: got "Near"/ },
    { name: 'a PriorityClass without value', text: `${NODE}---\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\n`, err: /c\d+\.yaml:\d+: PriorityClass high: value: expected number, got nothing$/ },
    { name: 'a user PriorityClass above 1000000000', text: `${NODE}---\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 2000000000\n`, err: /c\d+\.yaml:9: PriorityClass high: value: maximum allowed value of a user defined priority is 1000000000, got 2000000000$/ },
    { name: 'a PriorityClass taking a system name', text: `${NODE}---\nkind: PriorityClass\nmetadata: {name: system-web}\nvalue: 10\n`, err: /c\d+\.yaml:8: PriorityClass system-web: metadata\.name: priority class names with 'system-' prefix are reserved for system use only: "system-web" is not a known system priority class$/ },
    { name: 'two globalDefault PriorityClasses', text: `${NODE}---\nkind: PriorityClass\nmetadata: {name: a}\nvalue: 1\nglobalDefault: true\n---\nkind: PriorityClass\nmetadata: {name: b}\nvalue: 2\nglobalDefault: true\n`, err: /c\d+\.yaml:15: PriorityClass b: globalDefault: PriorityClass a is already marked as default\. Only one default can exist$/ },
    { name: 'a pod naming an unknown PriorityClass', text: podSpec('  priorityClassName: gold\n'), err: /c\d+\.yaml:12: pod default\/p: spec\.priorityClassName: no PriorityClass with name gold was found$/ },
    { name: 'a pod whose priority differs from its class', text: `${podSpec('  priorityClassName: system-node-critical\n  priority: 5\n')}`, err: /c\d+\.yaml:13: pod default\/p: spec\.priority: the integer value of priority \(5\) must not be provided in pod spec; priority admission controller computed 2000001000 from the given PriorityClass name$/ },
  ];
  for (const c of cases) it(c.name, () => expect(() => loadCluster([write(c.text)], new ModelContext())).toThrow(c.err));
});

describe('a JSON dump past the YAML limit still gets line numbers', () => {
  it('a negative allocatable in node 39999 of a 4 MB NodeList', () => {
    const items = Array.from({ length: 40_000 }, (_, i) => JSON.stringify({ metadata: { name: `node-${i}` }, status: { allocatable: { cpu: i === 39_999 ? '-1' : '4', pods: '110' } } }));
    const f = write(`{"kind": "NodeList", "apiVersion": "v1", "items": [\n${items.join(',\n')}\n]}`, '.json');
    expect(() => loadCluster([f], new ModelContext())).toThrow(/c\d+\.json:40001: node node-39999: status\.allocatable\.cpu: must not be negative, got "-1"$/);
  });
});

describe('loadCluster reads real API dumps', () => {
  it('GET /api/v1/nodes and GET /api/v1/pods responses, in separate files, without a warning', () => {
    const warnings: string[] = [];
    const model = new ModelContext();
    const { state, pending } = loadCluster([fixture('api-nodes.json'), fixture('api-pods.json')], model, { warn: (w) => warnings.push(w) });
    expect(state.liveNodeCount).toBe(2);
    const w1 = state.nodeByName(model.symbols.intern('worker-1'));
    expect(w1).not.toBe(-1);
    expect(state.podsOn(w1 as never).map((p) => state.pod(p).name)).toEqual(['web-6d4cf56db6-x2x9k']);
    expect(pending).toEqual([]);
    expect(warnings).toEqual([]);
  });
});

describe('loadCluster warns about what is legal but odd', () => {
  const collect = (text: string | string[]) => {
    const warnings: string[] = [];
    loadCluster((Array.isArray(text) ? text : [text]).map((t) => write(t)), new ModelContext(), { warn: (w) => warnings.push(w) });
    return warnings;
  };

  it('unknown fields: one line per kind, with the paths, however many objects have them', () => {
    const pods = Array.from({ length: 3 }, (_, i) => `---\nkind: Pod\nmetadata: {name: p${i}}\nspec:\n  nodeSelecter: {disk: ssd}\n  containers: [{name: c, resourcs: {}}]\n`).join('');
    const node = 'kind: Node\nmetadata: {name: n1}\nspec:\n  taint: []\nstatus:\n  allocatable: {cpu: "1", pods: "10"}\n';
    const w = collect(node + pods);
    expect(w).toHaveLength(2);
    expect(w[0]).toMatch(/^.*c\d+\.yaml: 1 Node object has fields that v1 Node does not define \(ignored\): "spec\.taint"$/);
    expect(w[1]).toMatch(/^.*c\d+\.yaml: 3 Pod objects have fields that v1 Pod does not define \(ignored\): "spec\.nodeSelecter", "spec\.containers\[\*\]\.resourcs"$/);
  });

  it('a node without allocatable resources', () => {
    const w = collect('kind: Node\nmetadata: {name: empty-1}\nstatus:\n  capacity: {cpu: "4"}\n---\nkind: Node\nmetadata: {name: ok}\nstatus:\n  allocatable: {cpu: "4", pods: "10"}\n');
    expect(w).toEqual(['1 node is without status.allocatable (kube-scheduler reads allocatable, not capacity; no pod fits there): "empty-1"']);
  });

  it('over-committed nodes: the first five by name, then a count', () => {
    const nodes = Array.from({ length: 7 }, (_, i) => `---\nkind: Node\nmetadata: {name: n${i}}\nstatus:\n  allocatable: {cpu: "1", pods: "10"}\n---\nkind: Pod\nmetadata: {name: p${i}}\nspec:\n  nodeName: n${i}\n  containers: [{name: c, resources: {requests: {cpu: "2"}}}]\n`).join('');
    expect(collect(nodes)).toEqual(['7 nodes are already over-committed by their bound pods (requests above allocatable; no further pod fits there): "n0", "n1", "n2", "n3", "n4" and 2 more']);
  });

  it('too many pods on a node counts as over-committed', () => {
    const text = `kind: Node\nmetadata: {name: small}\nstatus:\n  allocatable: {cpu: "8", pods: "1"}\n${[1, 2].map((i) => `---\nkind: Pod\nmetadata: {name: p${i}}\nspec: {nodeName: small, containers: []}\n`).join('')}`;
    expect(collect(text)).toEqual([expect.stringMatching(/^1 node is already over-committed .*: "small"$/)]);
  });
});

describe('keys that are properties of Object.prototype stay ordinary keys', () => {
  it('a pod with nodeSelector {constructor: x} lands only on the node labelled constructor=x', () => {
    const model = new ModelContext();
    const nodes = ['with', 'without', 'other'].map((name) => {
      const labels = name === 'with' ? '{constructor: x}' : name === 'other' ? '{constructor: y, toString: x}' : '{}';
      return `---\nkind: Node\nmetadata: {name: ${name}, labels: ${labels}}\nstatus:\n  allocatable: {cpu: "4", memory: 8Gi, pods: "10"}\n`;
    }).join('');
    const { state } = loadCluster([write(nodes)], model);
    const pod = compilePod({ metadata: { name: 'p', annotations: { constructor: 'a' } }, spec: { nodeSelector: { constructor: 'x' }, containers: [{ name: 'c' }] } }, model);
    const e = explain(buildFramework(defaultProfile(), inTreeRegistry, model), state, pod);
    expect(e.nodes.filter((x) => x.feasible).map((x) => x.node)).toEqual(['with']);
  });
});
