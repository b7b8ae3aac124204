import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { registryCapabilities } from '../framework/registry-capabilities.js';
import { generateWorkload } from '../generators/generate-workload.js';
import { Rng } from '../generators/rng.js';
import { POD_TEMPLATE_HASH_LABEL } from '../model/pod-template-hash.js';
import { compilePod } from '../model/compile-pod.js';
import { InputError } from '../model/errors.js';
import { inputErrorOf } from '../testing/load-outcome.js';
import { ModelContext } from '../model/model-context.js';
import { CPU } from '../model/resources.js';
import { inTreeRegistry } from '../plugins/index.js';
import { loadScenario } from './load-scenario.js';
import { TOTAL_ANNOTATION_SIZE_BYTES } from './scenario-schema.js';
import type { Scenario } from './types.js';

/**
 * Workload templates (issue 13, "Also"): metadata.labels and metadata.annotations in the
 * short form, and a full v1.PodTemplateSpec as `template.pod`, validated as Kubernetes
 * validates them; every bad value is one InputError naming the file, line and path.
 */

const dir = mkdtempSync(join(tmpdir(), 'scenario-templates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const caps = registryCapabilities(inTreeRegistry, new ModelContext());
let files = 0;

type Obj = { [k: string]: unknown };
type File = Obj & { workload: { workloads: (Obj & { template: Obj })[] } };

const fullPod = (): Obj => ({
  metadata: { labels: { app: 'trainer', team: 'ml' }, annotations: { 'alibabacloud.com/gpu-count': '2' } },
  spec: {
    containers: [{ name: 'train', image: 'pytorch:2', resources: { requests: { cpu: '4', memory: '16Gi' }, limits: { memory: '16Gi' } } }],
    initContainers: [{ name: 'fetch', image: 'busybox', resources: { requests: { cpu: '1' } } }],
    tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }],
  },
});

const base = (): File => ({
  name: 'templates',
  seeds: [1],
  durationS: 600,
  cluster: { generate: { pools: [{ name: 'node', count: 2, capacity: { cpu: '16', memory: '64Gi' } }] } },
  workload: {
    workloads: [
      { kind: 'Deployment', name: 'web', replicas: 4, template: { requests: { cpu: '100m' } }, arrival: { process: 'all-at-once' } },
      { kind: 'Job', name: 'train', completions: 2, template: { pod: fullPod() }, arrival: { process: 'all-at-once' }, durationS: { kind: 'constant', value: 60 } },
    ],
  },
  policies: [{ name: 'default', extends: 'default' }],
});
const scenario = (edit: (s: File) => void): string => {
  const s = base();
  edit(s);
  const f = join(dir, `case-${files++}.yaml`);
  writeFileSync(f, stringify(s));
  return f;
};
const web = (s: File): Obj => s.workload.workloads[0]!.template;
const train = (s: File): Obj & { pod: Obj & { metadata: Obj; spec: Obj & { containers: Obj[] } } } => s.workload.workloads[1]!.template as never;

const errorOf = (file: string): string => inputErrorOf((f) => loadScenario(f, caps), file);

/** The first pod of each template the generator makes from a loaded scenario, as plain objects. */
const podsOf = (s: Scenario): { metadata: Obj & { labels: Record<string, string>; annotations?: Record<string, string> }; spec: Obj }[] => {
  if (s.workload.kind !== 'generate') throw new Error('expected a generated workload');
  return generateWorkload(s.workload.spec, Rng.fromSeed(1)).templates as never;
};

describe('template metadata: labels and annotations', () => {
  it('puts metadata.labels and metadata.annotations on every pod (and on the controllers\' templates), beside the generator\'s labels', () => {
    const s = loadScenario(scenario((f) => {
      Object.assign(web(f), { metadata: { labels: { tier: 'front' }, annotations: { 'alibabacloud.com/gpu-count': '1', 'alibabacloud.com/gpu-milli': '250', 'example.com/note': 'any text at all' } } });
    }), caps);
    const [pod] = podsOf(s);
    expect(pod!.metadata.labels).toMatchObject({ app: 'web', tier: 'front' });
    expect(pod!.metadata.labels[POD_TEMPLATE_HASH_LABEL]).toBeDefined();
    expect(pod!.metadata.annotations).toEqual({ 'alibabacloud.com/gpu-count': '1', 'alibabacloud.com/gpu-milli': '250', 'example.com/note': 'any text at all' });
    // The annotations reach the model: the pod asks for a quarter of one GPU.
    const compiled = compilePod(pod, new ModelContext());
    expect([compiled.gpu.count, compiled.gpu.milliPerGpu]).toEqual([1, 250]);
  });

  it('keeps the pod-template-hash of a template without annotations as it was', () => {
    const plain = podsOf(loadScenario(scenario(() => {}), caps))[0]!.metadata.labels[POD_TEMPLATE_HASH_LABEL];
    const viaMetadata = podsOf(loadScenario(scenario((f) => { Object.assign(web(f), { metadata: {} }); }), caps))[0]!.metadata.labels[POD_TEMPLATE_HASH_LABEL];
    const annotated = podsOf(loadScenario(scenario((f) => { Object.assign(web(f), { metadata: { annotations: { 'a.io/x': 'y' } } }); }), caps))[0]!.metadata.labels[POD_TEMPLATE_HASH_LABEL];
    expect(viaMetadata).toBe(plain);
    expect(annotated).not.toBe(plain);
  });

  const big = 'x'.repeat(TOTAL_ANNOTATION_SIZE_BYTES - 'a.io/big'.length);
  it('takes annotations of exactly the API server\'s total size', () => {
    expect(() => loadScenario(scenario((f) => { Object.assign(web(f), { metadata: { annotations: { 'a.io/big': big } } }); }), caps)).not.toThrow();
  });

  const bad: readonly { name: string; edit: (s: File) => void; err: RegExp }[] = [
    { name: 'an annotation key that is no qualified name', edit: (s) => { Object.assign(web(s), { metadata: { annotations: { 'a b': 'x' } } }); }, err: /case-\d+\.yaml:\d+: workload\.workloads\[0\]\.template\.metadata\.annotations\.a b: not an annotation key: .*got "a b"$/ },
    { name: 'an annotation value that is no string', edit: (s) => { Object.assign(web(s), { metadata: { annotations: { 'a.io/n': 3 } } }); }, err: /template\.metadata\.annotations\.a\.io\/n: expected a string, got 3$/ },
    { name: 'annotations one byte over the total', edit: (s) => { Object.assign(web(s), { metadata: { annotations: { 'a.io/big': `${big}é` } } }); }, err: /:\d+: workload\.workloads\[0\]\.template\.metadata\.annotations: annotations may hold at most 262144 bytes .*TotalAnnotationSizeLimitB\), got 262146 bytes$/ },
    { name: 'a label value that is no label value', edit: (s) => { Object.assign(web(s), { metadata: { labels: { tier: 'a b' } } }); }, err: /:\d+: workload\.workloads\[0\]\.template\.metadata\.labels\.tier: not a label value: .*got "a b"$/ },
    { name: 'labels given twice', edit: (s) => { Object.assign(web(s), { labels: { a: 'b' }, metadata: { labels: { c: 'd' } } }); }, err: /template\.metadata\.labels: give the labels once, as labels or as metadata\.labels \(labels is \{"a":"b"\}\), got \{"c":"d"\}$/ },
    { name: 'an unknown metadata field', edit: (s) => { Object.assign(web(s), { metadata: { name: 'x' } }); }, err: /:\d+: workload\.workloads\[0\]\.template\.metadata\.name: unknown field "name"$/ },
    { name: 'a GPU count the model refuses', edit: (s) => { Object.assign(web(s), { metadata: { annotations: { 'alibabacloud.com/gpu-count': 'two' } } }); }, err: /case-\d+\.yaml:23: workload\.workloads\[0\]\.template\.metadata\.annotations\.alibabacloud\.com\/gpu-count: expected a whole number of GPUs, got "two"$/ },
    { name: 'a GPU share the model refuses', edit: (s) => { Object.assign(web(s), { metadata: { annotations: { 'alibabacloud.com/gpu-count': '1', 'alibabacloud.com/gpu-milli': '1500' } } }); }, err: /:\d+: workload\.workloads\[0\]\.template\.metadata\.annotations\.alibabacloud\.com\/gpu-milli: milli-GPU per GPU must be an integer from 1 to 1000, got 1500$/ },
  ];
  for (const c of bad) it(`refuses ${c.name}`, () => expect(errorOf(scenario(c.edit))).toMatch(c.err));
});

describe('template.pod: a full v1.PodTemplateSpec', () => {
  it('makes the pods of the user\'s spec, with the generator\'s labels beside theirs and its owner', () => {
    const [, pod] = podsOf(loadScenario(scenario(() => {}), caps));
    expect(pod!.metadata).toMatchObject({
      labels: { app: 'trainer', team: 'ml', 'batch.kubernetes.io/job-name': 'train', 'job-name': 'train' },
      annotations: { 'alibabacloud.com/gpu-count': '2' },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'train', controller: true }],
    });
    expect(pod!.spec).toEqual(fullPod().spec);
    const compiled = compilePod(pod, new ModelContext());
    expect(compiled.containerCount).toBe(2);
    expect(compiled.gpu.count).toBe(2);
  });

  it('the app label is the workload\'s name unless the template sets it, and the controllers select by it', () => {
    const s = loadScenario(scenario((f) => { delete (train(f).pod.metadata as Obj).labels; }), caps);
    if (s.workload.kind !== 'generate') throw new Error('expected a generated workload');
    const plan = generateWorkload(s.workload.spec, Rng.fromSeed(1));
    expect((plan.templates[1] as { metadata: { labels: Obj } }).metadata.labels.app).toBe('train');
  });

  it('its BestEffort variant has no requests or limits anywhere', () => {
    const s = loadScenario(scenario((f) => { Object.assign(f.workload, { bestEffortShare: 0.5 }); }), caps);
    if (s.workload.kind !== 'generate') throw new Error('expected a generated workload');
    const plan = generateWorkload(s.workload.spec, Rng.fromSeed(1));
    type Spec = { containers: { resources?: Obj }[]; initContainers: { resources?: Obj }[] };
    const be = (plan.templates[3] as { spec: Spec }).spec;
    expect([...be.containers, ...be.initContainers].map((c) => c.resources)).toEqual([{}, {}]);
    expect(compilePod(plan.templates[3], new ModelContext()).requests[CPU] ?? 0).toBe(0);
    // The user's spec is not changed by making the variant: 4 cpu in the container, 1 in the init container.
    expect(compilePod(plan.templates[2], new ModelContext()).requests[CPU]).toBe(4000);
  });

  it('a Deployment\'s full template is hashed into its ReplicaSet as a short one is', () => {
    const s = loadScenario(scenario((f) => { f.workload.workloads[0]!.template = { pod: fullPod() }; }), caps);
    if (s.workload.kind !== 'generate') throw new Error('expected a generated workload');
    const plan = generateWorkload(s.workload.spec, Rng.fromSeed(1));
    const rs = plan.objects.find((o) => o.kind === 'ReplicaSet')!;
    const hash = (plan.templates[0] as { metadata: { labels: Record<string, string> } }).metadata.labels[POD_TEMPLATE_HASH_LABEL]!;
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.spec).toMatchObject({ template: { metadata: { annotations: { 'alibabacloud.com/gpu-count': '2' } } } });
  });

  it('takes kubectl\'s creationTimestamp: null in the metadata', () => {
    expect(() => loadScenario(scenario((f) => { train(f).pod.metadata.creationTimestamp = null; }), caps)).not.toThrow();
  });

  it('takes spec.priorityClassName, checked against the scenario\'s classes', () => {
    expect(errorOf(scenario((f) => { train(f).pod.spec.priorityClassName = 'batch'; })))
      .toMatch(/:\d+: workload\.workloads\[1\]\.template\.pod\.spec\.priorityClassName: no PriorityClass named "batch" \(have system-node-critical, system-cluster-critical; declare it in priorityClasses\)$/);
    expect(() => loadScenario(scenario((f) => { train(f).pod.spec.priorityClassName = 'batch'; f.priorityClasses = [{ name: 'batch', value: 10 }]; }), caps)).not.toThrow();
  });

  const bad: readonly { name: string; edit: (s: File) => void; err: RegExp }[] = [
    { name: 'pod with a short field', edit: (s) => { train(s).requests = { cpu: '1' }; }, err: /:\d+: workload\.workloads\[1\]\.template\.requests: give the template as pod \(a full v1\.PodTemplateSpec\) or by its short fields \(labels, metadata, requests, limits, priority, priorityClassName, spec\), not both; got pod and requests$/ },
    { name: 'no containers', edit: (s) => { train(s).pod.spec.containers = []; }, err: /:\d+: workload\.workloads\[1\]\.template\.pod\.spec\.containers: a pod needs at least one container \(spec\.containers\), got \[\]$/ },
    { name: 'no spec', edit: (s) => { delete (train(s).pod as Obj).spec; }, err: /:\d+: workload\.workloads\[1\]\.template\.pod\.spec: expected record, got nothing$/ },
    { name: 'an unknown PodSpec field', edit: (s) => { train(s).pod.spec.tolerashuns = []; }, err: /:\d+: workload\.workloads\[1\]\.template\.pod\.spec\.tolerashuns: unknown field "tolerashuns" \(not a v1\.PodSpec field\)$/ },
    { name: 'an unknown container field', edit: (s) => { train(s).pod.spec.containers[0]!.resorces = {}; }, err: /:\d+: workload\.workloads\[1\]\.template\.pod\.spec\.containers\[0\]\.resorces: unknown field "resorces" \(not a v1\.PodSpec field\)$/ },
    { name: 'an unknown field of pod', edit: (s) => { (train(s).pod as Obj).status = {}; }, err: /:\d+: workload\.workloads\[1\]\.template\.pod\.status: unknown field "status"$/ },
    { name: 'ownerReferences in its metadata', edit: (s) => { train(s).pod.metadata.ownerReferences = []; }, err: /template\.pod\.metadata\.ownerReferences: unknown field "ownerReferences"$/ },
    { name: 'an invalid nodeSelector key', edit: (s) => { train(s).pod.spec.nodeSelector = { 'a/b/c': 'x' }; }, err: /template\.pod\.spec\.nodeSelector\.a\/b\/c: not a label key: .*got "a\/b\/c"$/ },
    { name: 'a toleration the model refuses', edit: (s) => { train(s).pod.spec.tolerations = [{ key: 'gpu', operator: 'Maybe' }]; }, err: /:\d+: workload\.workloads\[1\]\.template\.pod\.spec\.tolerations\[0\]\.operator: got "Maybe"; supported values: "Equal", "Exists", ""$/ },
    { name: 'a container without a name', edit: (s) => { delete train(s).pod.spec.containers[0]!.name; }, err: /:\d+: workload\.workloads\[1\]\.template\.pod\.spec\.containers\[0\]\.name: a container needs a name, a lowercase DNS label .*got nothing$/ },
    { name: 'a container name that is no DNS label', edit: (s) => { train(s).pod.spec.containers[0]!.name = 'Train'; }, err: /template\.pod\.spec\.containers\[0\]\.name: a container needs a name, a lowercase DNS label .*got "Train"$/ },
    { name: 'two containers of one name', edit: (s) => { train(s).pod.spec.containers[0]!.name = 'fetch'; }, err: /:\d+: workload\.workloads\[1\]\.template\.pod\.spec\.initContainers\[0\]\.name: the name "fetch" is also containers\[0\]'s \(container names are unique in a pod\)$/ },
    { name: 'requests above limits', edit: (s) => { train(s).pod.spec.containers[0]!.resources = { requests: { memory: '32Gi' }, limits: { memory: '16Gi' } }; }, err: /:\d+: workload\.workloads\[1\]\.template\.pod\.spec\.containers\[0\]\.resources\.requests(\.memory)?: / },
    { name: 'a label the API server refuses', edit: (s) => { train(s).pod.metadata.labels = { 'team/a/b': 'x' }; }, err: /template\.pod\.metadata\.labels\.team\/a\/b: not a label key: / },
  ];
  for (const c of bad) it(`refuses ${c.name}`, () => expect(errorOf(scenario(c.edit))).toMatch(c.err));
});
