import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { buildFramework } from '../framework/framework.js';
import { registryCapabilities } from '../framework/registry-capabilities.js';
import { generateCluster } from '../generators/generate-cluster.js';
import { Rng } from '../generators/rng.js';
import { InputError } from '../model/errors.js';
import { inputErrorOf } from '../testing/load-outcome.js';
import { INPUT_LIMITS } from '../model/input-limits.js';
import { ModelContext } from '../model/model-context.js';
import { inTreeRegistry } from '../plugins/index.js';
import { loadScenario } from './load-scenario.js';

/**
 * Hostile scenario files (issue 9), each built here in a temporary folder: every one must
 * end in one InputError line naming the file, the line, the field and the value the file
 * holds, within seconds, and never crash or be accepted silently.
 */

const dir = mkdtempSync(join(tmpdir(), 'schedbench-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const caps = registryCapabilities(inTreeRegistry, new ModelContext());
const load = (file: string) => loadScenario(file, caps, (p) => buildFramework(p, inTreeRegistry, new ModelContext()));

/** The parts of a scenario file the cases edit; everything else stays open. */
type Obj = { [k: string]: unknown };
type Pool = Obj & { capacity: Obj; count: number; labels?: Obj };
type Job = Obj & { template: Obj & { requests: Obj; spec?: Obj }; completions: number };
type File = Obj & { cluster: { generate: { pools: Pool[] } }; workload: { workloads: Job[] }; policies: unknown[]; durationS: number };

const base = (): File => ({
  name: 'hostile',
  seeds: [1],
  durationS: 600,
  cluster: { generate: { pools: [{ name: 'node', count: 2, capacity: { cpu: '4', memory: '8Gi', pods: 10 } }] } },
  workload: {
    workloads: [{
      kind: 'Job', name: 'batch', completions: 2, template: { requests: { cpu: '100m' } },
      arrival: { process: 'all-at-once' }, durationS: { kind: 'constant', value: 60 },
    }],
  },
  policies: [{ name: 'default', extends: 'default' }],
});
const BASE_YAML = stringify(base());

let n = 0;
/** Writes a file into the temp folder and returns its path. */
const write = (text: string | Buffer, ext = '.yaml'): string => {
  const f = join(dir, `case-${n++}${ext}`);
  writeFileSync(f, text);
  return f;
};
/** A scenario file: the base with `edit` applied. */
const scenario = (edit: (s: File) => void): string => {
  const s = base();
  edit(s);
  return write(stringify(s));
};
const pool = (s: File): Pool => s.cluster.generate.pools[0]!;

/** The storage parts the cases edit. */
type ClaimTemplate = Obj & { name: string; storageClassName: string; accessModes: string[] };
type StatefulSet = Obj & { name: string; volumeClaimTemplates: ClaimTemplate[] };
type Storage = { classes: Obj[]; volumes: (Obj & { node?: string })[]; csiDrivers: Obj[] };
/** Adds a zonal class, a local volume on node-0, a CSI driver and a StatefulSet `db` using the class. */
const withStorage = (s: File): void => {
  (s as Obj).storage = {
    classes: [{ name: 'zonal', provisioner: 'ebs.csi.aws.com', volumeBindingMode: 'WaitForFirstConsumer' }],
    volumes: [{ name: 'local-0', storageClassName: 'zonal', capacity: '10Gi', accessModes: ['ReadWriteOnce'], node: 'node-0' }],
    csiDrivers: [{ name: 'ebs.csi.aws.com', topologyKeys: ['topology.kubernetes.io/zone'], attachLimits: { node: 25 } }],
  } satisfies Storage;
  s.workload.workloads.push({
    kind: 'StatefulSet', name: 'db', replicas: 2, template: { requests: { cpu: '100m' } }, arrival: { process: 'all-at-once' },
    volumeClaimTemplates: [{ name: 'data', storageClassName: 'zonal', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }],
  } as StatefulSet as unknown as Job);
};
const storage = (s: File): Storage => (s as Obj).storage as Storage;
const sts = (s: File): StatefulSet => s.workload.workloads[1] as unknown as StatefulSet;
/** A snapshot file with one node. */
const snapshotFile = (): string => write(JSON.stringify({ kind: 'List', items: [{ kind: 'Node', metadata: { name: 'n1' }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '10' } } }] }), '.json');
const job = (s: File): Job => s.workload.workloads[0]!;

/** The error a load gives: an InputError of one line, at most INPUT_LIMITS.errorChars long. */
const errorOf = (file: string): string => {
  const m = inputErrorOf(load, file);
  expect(m.length).toBeLessThanOrEqual(INPUT_LIMITS.errorChars);
  return m;
};

const csv = (text: string) => {
  const f = write(text, '.csv');
  return { kind: 'empirical-csv', file: f, column: 'seconds' };
};

const cases: { name: string; file: () => string; err: RegExp }[] = [
  // Files that are not scenario files, or too big to read.
  { name: 'a device (/dev/zero)', file: () => '/dev/zero', err: /^\/dev\/zero: is not a regular file \(a device, pipe or socket\), expected a YAML or JSON file$/ },
  { name: 'a folder', file: () => { const d = join(dir, 'folder'); mkdirSync(d, { recursive: true }); return d; }, err: /folder: is a folder, expected a YAML or JSON file$/ },
  {
    name: 'a 24 MB YAML list',
    file: () => write(`name: big\nseeds: [${'1, '.repeat(8 * 1024 * 1024)}1]\n`),
    err: /case-\d+\.yaml: larger than the limit of 512 KiB for a YAML or JSON file \(it has 24 MiB\); write it as JSON in a \.json file/,
  },
  {
    name: 'a 17 MB JSON scenario',
    file: () => write(`{"name":"big","seeds":[${'1,'.repeat(8.5 * 1024 * 1024)}1]}`, '.json'),
    err: /case-\d+\.json: larger than the limit of 16 MiB for a JSON scenario or policy file \(it has 17 MiB\)$/,
  },
  { name: '10001 seeds', file: () => scenario((s) => { s.seeds = Array.from({ length: 10_001 }, (_, i) => i); }), err: /:\d+: seeds: at most 10000 seeds, got a list of 10001$/ },
  { name: '10001 seeds as ranges', file: () => scenario((s) => { s.seeds = '0-9999,10000'; }), err: /:\d+: seeds: at most 10000 seeds, got more in "0-9999,10000"$/ },
  { name: 'a seed twice in ranges', file: () => scenario((s) => { s.seeds = '1-3,2'; }), err: /:\d+: seeds: seed 2 is listed twice in "1-3,2"; each seed counts once$/ },
  {
    name: 'a billion-laughs scenario',
    file: () => write(`a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`).join('\n')}\n`),
    err: /case-\d+\.yaml: YAML aliases expand too far \(limit: 10000 alias expansions per document\)$/,
  },
  { name: 'lists nested 100 deep', file: () => write(`name: ${'['.repeat(100)}${']'.repeat(100)}\n`), err: /YAML nested too deeply|nested too deeply \(limit: 64/ },
  { name: 'a file that is not a scenario (/etc/passwd-like) is not echoed', file: () => write('root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n'), err: /case-\d+\.yaml:1: not a scenario: expected a mapping of fields \(name, seeds, durationS, cluster, workload, policies\), got a string$/ },
  { name: 'an empty file', file: () => write(''), err: /case-\d+\.yaml: not a scenario: .*got an empty file$/ },
  { name: 'a policy file that is not a policy', file: () => scenario((s) => { s.policies.push(write('root:x:0:0:root:/root:/bin/bash\n')); }), err: /case-\d+\.yaml:1: a policy file must hold a policy, not another file name$/ },
  { name: 'two YAML documents', file: () => write(`${BASE_YAML}---\n${BASE_YAML}`), err: /case-\d+\.yaml:\d+: holds 2 YAML documents, expected one$/ },
  { name: 'a policy file that is a device', file: () => scenario((s) => s.policies.push('/dev/zero')), err: /:\d+: policies\[1\]: policy file \/dev\/zero: is not a regular file/ },

  // Crashes before.
  { name: 'duplicate pool names', file: () => scenario((s) => s.cluster.generate.pools.push({ ...pool(s) })), err: /:\d+: cluster\.generate\.pools\[1\]\.name: duplicate pool name "node"/ },
  { name: 'lognormal mu 1000', file: () => scenario((s) => { job(s).durationS = { kind: 'lognormal', mu: 1000, sigma: 1 }; }), err: /:\d+: workload\.workloads\[0\]\.durationS\.mu: at most 17\.27 \(e\^mu, the median duration, at most 31536000 s, INPUT_LIMITS\.durationS\), got 1000$/ },
  { name: 'lognormal sigma 1e6', file: () => scenario((s) => { job(s).durationS = { kind: 'lognormal', mu: 1, sigma: 1e6 }; }), err: /durationS\.sigma: at most 10 \(a wider spread would draw infinite durations\), got 1000000$/ },
  { name: 'pool capacity cpu: 1e18', file: () => scenario((s) => { pool(s).capacity.cpu = 1e18; }), err: /:\d+: cluster\.generate\.pools\[0\]\.capacity\.cpu: too large: at most 9007199254740991m \(milli-cpu\) \(2\^53 - 1, the largest integer schedbench holds exactly\), got 1000000000000000000$/ },
  { name: 'template requests cpu 1e16', file: () => scenario((s) => { job(s).template.requests.cpu = 1e16; }), err: /workload\.workloads\[0\]\.template\.requests\.cpu: too large: .*got 10000000000000000$/ },
  { name: 'template requests memory "1e16"', file: () => scenario((s) => { job(s).template.requests.memory = '1e16'; }), err: /template\.requests\.memory: too large: at most 9007199254740991 \(2\^53 - 1.*got "1e16"$/ },

  // Unbounded memory and time.
  { name: 'replicas: 1000000000', file: () => scenario((s) => { const { completions: _c, durationS: _d, ...rest } = job(s); s.workload.workloads[0] = { ...rest, kind: 'Deployment', replicas: 1e9 } as unknown as Job; }), err: /workload\.workloads\[0\]\.replicas: at most 2000000 pods per scenario \(INPUT_LIMITS\.scenarioPods\), got 1000000000$/ },
  { name: 'completions summed over workloads', file: () => scenario((s) => { job(s).completions = 1_500_000; s.workload.workloads.push({ ...job(s), name: 'more' }); }), err: /:\d+: workload\.workloads: 3000000 pods in all \(replicas and completions\), over the limit of 2000000 pods per scenario \(INPUT_LIMITS\.scenarioPods\)$/ },
  { name: 'pool count: 1e9', file: () => scenario((s) => { pool(s).count = 1e9; }), err: /pools\[0\]\.count: at most 100000 nodes per scenario \(INPUT_LIMITS\.scenarioNodes\), got 1000000000$/ },
  { name: 'pool counts summed', file: () => scenario((s) => { pool(s).count = 60_000; s.cluster.generate.pools.push({ ...pool(s), name: 'more' }); }), err: /cluster\.generate\.pools: 120000 nodes in all, over the limit of 100000 nodes per scenario/ },
  { name: 'labels x nodes', file: () => scenario((s) => { pool(s).count = 100_000; pool(s).labels = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`l${i}`, 'x'])); }), err: /6000000 labels, taints and images over all nodes, over the limit of 5000000 \(INPUT_LIMITS\.scenarioNodeItems\)$/ },
  { name: 'durationS: 1e12', file: () => scenario((s) => { s.durationS = 1e12; s.sampleEveryS = 1; }), err: /:\d+: durationS: at most 31536000 s \(365 days, INPUT_LIMITS\.durationS\), got 1000000000000$/ },
  { name: 'sampleEveryS: 1e-9', file: () => scenario((s) => { s.sampleEveryS = 1e-9; }), err: /:\d+: sampleEveryS: durationS \/ sampleEveryS = 600000000000 samples per run, over the limit of 100000 \(INPUT_LIMITS\.samplesPerRun\); sample less often$/ },
  { name: 'a diurnal rate so small that arrival times overflow (thinning would never end)', file: () => scenario((s) => { job(s).arrival = { process: 'diurnal', meanRatePerS: 5e-324 }; }), err: /arrival\.meanRatePerS: at least 1e-9 per second, got 5e-324$/ },
  { name: 'a poisson arrival starting after the longest scenario', file: () => scenario((s) => { job(s).arrival = { process: 'poisson', ratePerS: 1, startS: 1e300 }; }), err: /arrival\.startS: at most 31536000 s \(365 days, INPUT_LIMITS\.durationS\), got 1e\+300$/ },
  { name: 'empirical-csv on /dev/zero', file: () => scenario((s) => { job(s).durationS = { kind: 'empirical-csv', file: '/dev/zero', column: 'seconds' }; }), err: /:\d+: workload\.workloads\[0\]\.durationS\.file: empirical-csv file \/dev\/zero: is not a regular file/ },
  { name: 'empirical-csv on a missing file', file: () => scenario((s) => { job(s).durationS = { kind: 'empirical-csv', file: 'nope.csv', column: 'seconds' }; }), err: /durationS\.file: empirical-csv file nope\.csv: cannot read: no such file$/ },

  // Silently accepted nonsense before.
  { name: 'empirical-csv with hex', file: () => scenario((s) => { job(s).durationS = csv('seconds\n30\n\n0x10\n'); }), err: /case-\d+\.csv:4: column seconds: expected a decimal number, got "0x10"$/ },
  { name: 'empirical-csv with a negative', file: () => scenario((s) => { job(s).durationS = csv('seconds\n30\n-5\n'); }), err: /case-\d+\.csv:3: column seconds: expected a duration in seconds from 0 to 31536000, got "-5"$/ },
  { name: 'empirical-csv with Infinity', file: () => scenario((s) => { job(s).durationS = csv('seconds\nInfinity\n'); }), err: /\.csv:2: column seconds: expected a decimal number, got "Infinity"$/ },
  { name: 'empirical-csv with 2.5 million values', file: () => scenario((s) => { job(s).durationS = csv(`seconds\n${'1\n'.repeat(2_500_000)}`); }), err: /\.csv:2000002: column seconds: more than 2000000 values \(INPUT_LIMITS\.empiricalValues\); sample the column$/ },
  { name: 'empirical-csv with an unclosed quote', file: () => scenario((s) => { job(s).durationS = csv('seconds\n1\n"2\n3\n'); }), err: /\.csv:3: not valid CSV: a quote opened here is never closed$/ },
  { name: 'empirical-csv without the column', file: () => scenario((s) => { job(s).durationS = csv('\n\nsecs,other\n1,2\n'); }), err: /\.csv:3: no column "seconds" \(have "secs, other"\)$/ },
  { name: 'choice with a length mismatch', file: () => scenario((s) => { job(s).durationS = { kind: 'choice', values: [1, 2, 3], weights: [1, 1] }; }), err: /durationS\.weights: expected one weight per value \(3\), got 2 weights$/ },
  { name: 'choice with all-zero weights', file: () => scenario((s) => { job(s).durationS = { kind: 'choice', values: [1, 2], weights: [0, 0] }; }), err: /durationS\.weights: expected at least one positive weight, got \[0,0\]$/ },
  { name: 'choice with a negative weight', file: () => scenario((s) => { job(s).durationS = { kind: 'choice', values: [1, 2], weights: [1, -1] }; }), err: /durationS\.weights\[1\]: a weight cannot be negative, got -1$/ },
  { name: 'uniform with min > max', file: () => scenario((s) => { job(s).durationS = { kind: 'uniform', min: 10, max: 5 }; }), err: /durationS\.max: must not be below min \(10\), got 5$/ },
  { name: 'normal with min > max', file: () => scenario((s) => { job(s).durationS = { kind: 'normal', mean: 5, stddev: 1, min: 10, max: 5 }; }), err: /durationS\.max: must not be below min \(10\), got 5$/ },
  { name: 'a negative constant duration', file: () => scenario((s) => { job(s).durationS = { kind: 'constant', value: -30 }; }), err: /durationS\.value: a duration cannot be negative, got -30$/ },
  { name: 'a negative uniform min', file: () => scenario((s) => { job(s).durationS = { kind: 'uniform', min: -10, max: 5 }; }), err: /durationS\.min: a duration cannot be negative, got -10$/ },
  { name: 'a negative normal mean', file: () => scenario((s) => { job(s).durationS = { kind: 'normal', mean: -100, stddev: 1 }; }), err: /durationS\.mean: a duration cannot be negative, got -100$/ },
  { name: 'disable naming an unknown plugin', file: () => scenario((s) => { s.policies.push({ name: 'nope', extends: 'default', disable: ['NodeResourcesFit', 'NodeResourceFit'] }); }), err: /:\d+: policies\[1\]\.disable\[1\]: "NodeResourceFit" is not a filter or score plugin of the default profile$/ },
  { name: 'disable DefaultPreemption', file: () => scenario((s) => { s.policies.push({ name: 'nope', extends: 'default', disable: ['DefaultPreemption'] }); }), err: /policies\[1\]\.disable\[0\]: "DefaultPreemption" is not a filter or score plugin of the default profile; turn preemption off with preemption: false$/ },
  { name: 'an unknown PodSpec field', file: () => scenario((s) => { job(s).template.spec = { tolerashuns: [] }; }), err: /:\d+: workload\.workloads\[0\]\.template\.spec\.tolerashuns: unknown field "tolerashuns" \(not a v1\.PodSpec field\)$/ },
  { name: 'spec.containers in a template', file: () => scenario((s) => { job(s).template.spec = { containers: [{ name: 'x', image: 'y' }] }; }), err: /template\.spec\.containers: the pod's one container is built from the template's requests and limits; set those instead of spec\.containers$/ },
  {
    name: 'an unknown top-level KubeSchedulerConfiguration field',
    file: () => scenario((s) => { s.policies.push({ apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration', profile: [{ schedulerName: 'x' }] }); }),
    err: /:\d+: policies\[1\]\.profile: unknown field "profile"$/,
  },
  { name: 'duplicate seeds', file: () => scenario((s) => { s.seeds = [1, 2, 1]; }), err: /:\d+: seeds\[2\]: seeds must be distinct, got 1 twice$/ },
  { name: '__proto__ as a label key', file: () => write(BASE_YAML.replace('count: 2', 'count: 2\n        labels: { __proto__: x }')), err: /:\d+: cluster\.generate\.pools\[0\]\.labels: the key "__proto__" is not allowed/ },
  { name: '__proto__ in a nodeSelector', file: () => write(BASE_YAML.replace('cpu: 100m', 'cpu: 100m\n        spec: { nodeSelector: { __proto__: x } }')), err: /:\d+: workload\.workloads\[0\]\.template\.spec\.nodeSelector: the key "__proto__" is not allowed/ },
  { name: '__proto__ as a resource name', file: () => write(BASE_YAML.replace('cpu: "4"', '__proto__: "4"\n          cpu: "4"')), err: /pools\[0\]\.capacity: the key "__proto__" is not allowed/ },
  { name: 'constructor as a resource name', file: () => scenario((s) => { pool(s).capacity = { ...pool(s).capacity, ['constructor']: '4' }; }), err: /capacity\.constructor: not a resource name: expected a standard resource \(cpu, memory, ephemeral-storage, pods, hugepages-<size>\) or a domain-qualified name like nvidia\.com\/gpu, got "constructor"$/ },
  { name: 'pods as a container resource', file: () => scenario((s) => { job(s).template.requests.pods = 1; }), err: /template\.requests\.pods: not a resource name: .*got "pods"$/ },
  { name: 'an invalid label key', file: () => scenario((s) => { pool(s).labels = { '-bad': 'x' }; }), err: /pools\[0\]\.labels\.-bad: not a label key: .*got "-bad"$/ },
  { name: 'an invalid label value', file: () => scenario((s) => { job(s).template.labels = { app2: 'a b' }; }), err: /template\.labels\.app2: not a label value: .*got "a b"$/ },
  { name: 'an invalid nodeSelector key', file: () => scenario((s) => { job(s).template.spec = { nodeSelector: { 'a/b/c': 'x' } }; }), err: /template\.spec\.nodeSelector\.a\/b\/c: not a label key: .*got "a\/b\/c"$/ },
  { name: 'taint effect Sometimes', file: () => scenario((s) => { pool(s).taints = [{ key: 'gpu', effect: 'Sometimes' }]; }), err: /:\d+: cluster\.generate\.pools\[0\]\.taints\[0\]\.effect: got "Sometimes"; supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"$/ },
  { name: 'node event kind explode', file: () => scenario((s) => { s.nodeEvents = [{ atS: 5, kind: 'explode', node: 'node-0' }]; }), err: /:\d+: nodeEvents\[0\]\.kind: got "explode"; supported values: "fail", "recover", "drain"$/ },
  { name: 'arrival process sometimes', file: () => scenario((s) => { job(s).arrival = { process: 'sometimes' }; }), err: /arrival\.process: got "sometimes"; supported values: "all-at-once", "poisson", "burst", "diurnal"$/ },
  { name: 'distribution kind gaussian', file: () => scenario((s) => { job(s).durationS = { kind: 'gaussian' }; }), err: /durationS\.kind: got "gaussian"; supported values: "constant", "uniform", "normal", "lognormal", "exponential", "choice", "empirical", "empirical-csv"$/ },
  { name: 'replicas .nan', file: () => write(BASE_YAML.replace('completions: 2', 'completions: .nan')), err: /workload\.workloads\[0\]\.completions: expected number, got NaN$/ },
  { name: 'a negative cpu request', file: () => scenario((s) => { job(s).template.requests.cpu = '-500m'; }), err: /template\.requests\.cpu: must not be negative, got "-500m"$/ },
  { name: 'negative pods capacity', file: () => scenario((s) => { pool(s).capacity.pods = '-5'; }), err: /capacity\.pods: must not be negative, got "-5"$/ },
  { name: 'a fractional nvidia.com/gpu', file: () => scenario((s) => { job(s).template.requests['nvidia.com/gpu'] = '0.5'; }), err: /requests\.nvidia\.com\/gpu: must be a whole number of nvidia\.com\/gpu \(extended resources are counted in whole units\), got "0\.5"$/ },
  { name: 'not a quantity', file: () => scenario((s) => { job(s).template.requests.memory = '1 GB'; }), err: /requests\.memory: "1 GB" is not a quantity \(unexpected " "\); expected a quantity like 500m or 2Gi$/ },
  { name: 'a memory request past int64 is too large, not a non-quantity', file: () => scenario((s) => { job(s).template.requests.memory = '1e30'; }), err: /template\.requests\.memory: too large: at most 9007199254740991 \(2\^53 - 1, the largest integer schedbench holds exactly\), got "1e30"$/ },
  { name: 'an extended resource whose request is not its limit (no overcommit)', file: () => scenario((s) => { job(s).template.requests['nvidia.com/gpu'] = '1'; job(s).template.limits = { 'nvidia.com/gpu': '2' }; }), err: /template\.requests\.nvidia\.com\/gpu: must equal the limit \("2"\) for a resource that cannot be overcommitted, got "1"$/ },
  { name: 'an unqualified non-standard resource name (the API server refuses it; cluster files accept it for kube-scheduler tests)', file: () => scenario((s) => { job(s).template.requests.foo = '1'; }), err: /template\.requests\.foo: not a resource name: expected a standard resource \(cpu, memory, ephemeral-storage, hugepages-<size>\) or a domain-qualified name like nvidia\.com\/gpu, got "foo"$/ },
  { name: 'limits below requests (on the request, as kube says it)', file: () => scenario((s) => { job(s).template.limits = { cpu: '50m' }; }), err: /template\.requests\.cpu: must be at most the limit \("50m"\), got "100m"$/ },
  { name: 'a cluster of 0 nodes', file: () => scenario((s) => { pool(s).count = 0; }), err: /:\d+: cluster\.generate\.pools: the pools have 0 nodes in all; a cluster needs at least one node$/ },
  { name: 'a pool with empty capacity', file: () => scenario((s) => { pool(s).capacity = {}; }), err: /:\d+: cluster\.generate\.pools\[0\]\.capacity: expected at least one resource \(cpu, memory, pods, \.\.\.\), got \{\}$/ },
  { name: 'a huge image size', file: () => scenario((s) => { pool(s).images = [{ name: 'x', sizeBytes: 1e300 }]; }), err: /images\[0\]\.sizeBytes: .*got 1e\+300$/ },
  { name: 'a short policy without extends is not called a bad KubeSchedulerConfiguration', file: () => scenario((s) => { s.policies.push({ name: 'x', weights: { ImageLocality: 2 } }); }), err: /:\d+: policies\[1\]\.extends: got nothing; supported values: "default"$/ },
  { name: 'an empty cluster', file: () => scenario((s) => { (s as Obj).cluster = {}; }), err: /:\d+: cluster: .*got \{\}$/ },
  { name: 'toleration operator Maybe (found by the model at load time)', file: () => scenario((s) => { job(s).template.spec = { tolerations: [{ key: 'gpu', operator: 'Maybe' }] }; }), err: /:\d+: workload\.workloads\[0\]\.template\.spec\.tolerations\[0\]\.operator: .*got "Maybe"/ },
  { name: 'node affinity operator Like', file: () => scenario((s) => { job(s).template.spec = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'Like', values: ['a'] }] }] } } } }; }), err: /:\d+: workload\.workloads\[0\]\.template\.spec\.affinity\.nodeAffinity\.requiredDuringSchedulingIgnoredDuringExecution\.nodeSelectorTerms\[0\]\.matchExpressions\[0\]\.operator: .*got "Like"/ },
  { name: 'a node event for a node the cluster does not have', file: () => scenario((s) => { s.nodeEvents = [{ atS: 5, kind: 'fail', node: 'node-2' }]; }), err: /:\d+: nodeEvents\[0\]\.node: no node named "node-2" in the generated cluster \(nodes are <pool>-<i>, i from 0 to count - 1\)$/ },

  // Storage (issue 12): StatefulSet claim templates and the storage section.
  { name: 'a claim template naming a class the scenario does not declare', file: () => scenario((s) => { withStorage(s); sts(s).volumeClaimTemplates[0]!.storageClassName = 'fast'; }), err: /:\d+: workload\.workloads\[1\]\.volumeClaimTemplates\[0\]\.storageClassName: no StorageClass named "fast" in storage\.classes \(have zonal\); kube would leave the claims unbound and the pods pending$/ },
  { name: 'a claim template naming a class without any storage section', file: () => scenario((s) => { withStorage(s); delete (s as Obj).storage; }), err: /:\d+: workload\.workloads\[1\]\.volumeClaimTemplates\[0\]\.storageClassName: no StorageClass named "zonal" in storage\.classes \(it declares none\)/ },
  { name: 'a claim template without access modes (the API server requires one)', file: () => scenario((s) => { withStorage(s); sts(s).volumeClaimTemplates[0]!.accessModes = []; }), err: /:\d+: workload\.workloads\[1\]\.volumeClaimTemplates\[0\]\.accessModes: at least 1 access mode is required$/ },
  { name: 'a claim template asking for a negative size', file: () => scenario((s) => { withStorage(s); sts(s).volumeClaimTemplates[0]!.resources = { requests: { storage: '-10Gi' } }; }), err: /:\d+: workload\.workloads\[1\]\.volumeClaimTemplates\[0\]\.resources\.requests\.storage: must be greater than or equal to 0, got "-10Gi"$/ },
  { name: 'two claim templates of one name', file: () => scenario((s) => { withStorage(s); sts(s).volumeClaimTemplates.push({ ...sts(s).volumeClaimTemplates[0]! }); }), err: /:\d+: workload\.workloads\[1\]\.volumeClaimTemplates\[1\]\.name: each claim template's name once \(it names the pods' volume\), got "data" twice$/ },
  { name: 'two StatefulSets whose claims would share names', file: () => scenario((s) => { withStorage(s); s.workload.workloads.push({ ...sts(s), name: 'db-x', volumeClaimTemplates: [{ ...sts(s).volumeClaimTemplates[0]!, name: 'data' }] } as never); sts(s).volumeClaimTemplates[0]!.name = 'data-db'; sts(s).name = 'x'; }), err: /:\d+: workload\.workloads\[2\]\.volumeClaimTemplates\[0\]\.name: the claims "data-db-x-<ordinal>" would also be StatefulSet "x"'s \(claim names are <template>-<statefulset>-<ordinal>\); rename one$/ },
  { name: 'a StatefulSet with an unknown field', file: () => scenario((s) => { withStorage(s); (sts(s) as Obj).volumeClaimTemplate = []; }), err: /:\d+: workload\.workloads\[1\]\.volumeClaimTemplate: unknown field/ },
  { name: 'a storage section on a snapshot cluster', file: () => scenario((s) => { withStorage(s); (s as Obj).cluster = { snapshot: [snapshotFile()] }; s.workload.workloads.splice(1, 1); }), err: /:\d+: storage: the storage section describes a generated cluster's storage \(its CSI limits are per pool\); a snapshot cluster brings its own/ },
  { name: 'a class whose volumeBindingMode is Later', file: () => scenario((s) => { withStorage(s); storage(s).classes[0]!.volumeBindingMode = 'Later'; }), err: /:\d+: storage\.classes\[0\]\.volumeBindingMode: got "Later"; supported values: "Immediate", "WaitForFirstConsumer"$/ },
  { name: 'two classes of one name', file: () => scenario((s) => { withStorage(s); storage(s).classes.push({ ...storage(s).classes[0]! }); }), err: /:\d+: storage\.classes\[1\]\.name: duplicate StorageClass name "zonal"$/ },
  { name: 'an allowedTopologies term without values', file: () => scenario((s) => { withStorage(s); storage(s).classes[0]!.allowedTopologies = [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: [] }] }]; }), err: /:\d+: storage\.classes\[0\]\.allowedTopologies\[0\]\.matchLabelExpressions\[0\]\.values: at least one value/ },
  { name: 'a volume of a class the scenario does not declare', file: () => scenario((s) => { withStorage(s); storage(s).volumes[0]!.storageClassName = 'local'; }), err: /:\d+: storage\.volumes\[0\]\.storageClassName: no StorageClass named "local" in storage\.classes \(have zonal\)$/ },
  { name: 'a volume with a negative capacity', file: () => scenario((s) => { withStorage(s); storage(s).volumes[0]!.capacity = '-1Gi'; }), err: /:\d+: storage\.volumes\[0\]\.capacity: must be greater than or equal to 0, got "-1Gi"$/ },
  { name: 'a local volume on a node the cluster does not have', file: () => scenario((s) => { withStorage(s); storage(s).volumes[0]!.node = 'node-9'; }), err: /:\d+: storage\.volumes\[0\]\.node: no node named "node-9" in the generated cluster \(nodes are <pool>-<i>, i from 0 to count - 1\)$/ },
  {
    name: 'a volume whose node affinity no node of the cluster matches',
    file: () => scenario((s) => { withStorage(s); const v = storage(s).volumes[0]!; delete v.node; v.nodeAffinity = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['us-east-1a'] }] }] } }; }),
    err: /:\d+: storage\.volumes\[0\]\.nodeAffinity\.required: no node of the generated cluster matches this node affinity, so no pod could ever use the volume$/,
  },
  {
    name: 'a volume whose node affinity has only empty terms (the model refuses it)',
    file: () => scenario((s) => { withStorage(s); const v = storage(s).volumes[0]!; delete v.node; v.nodeAffinity = { required: { nodeSelectorTerms: [{}] } }; }),
    err: /:\d+: storage\.volumes\[0\]\.nodeAffinity\.required\.nodeSelectorTerms: no term can match any node/,
  },
  { name: 'a volume with node and nodeAffinity', file: () => scenario((s) => { withStorage(s); storage(s).volumes[0]!.nodeAffinity = { required: { nodeSelectorTerms: [] } }; }), err: /:\d+: storage\.volumes\[0\]\.node: give node \(a local volume on that node\) or nodeAffinity, not both, got "node-0"$/ },
  { name: 'a negative attach limit', file: () => scenario((s) => { withStorage(s); storage(s).csiDrivers[0]!.attachLimits = { node: -1 }; }), err: /:\d+: storage\.csiDrivers\[0\]\.attachLimits\.node: a count of volumes cannot be negative, got -1$/ },
  { name: 'an attach limit for a pool the cluster does not have', file: () => scenario((s) => { withStorage(s); storage(s).csiDrivers[0]!.attachLimits = { gpu: 8 }; }), err: /:\d+: storage\.csiDrivers\[0\]\.attachLimits\.gpu: no pool named "gpu" in cluster\.generate\.pools \(have node\)$/ },
  { name: 'a driver topology key that is no label key', file: () => scenario((s) => { withStorage(s); storage(s).csiDrivers[0]!.topologyKeys = ['zone/a/b']; }), err: /:\d+: storage\.csiDrivers\[0\]\.topologyKeys\[0\]: not a label key/ },
  { name: 'a class whose provisioner is no CSI driver of the scenario', file: () => scenario((s) => { withStorage(s); storage(s).classes[0]!.provisioner = 'pd.csi.storage.gke.io'; }), err: /:\d+: storage\.classes\[0\]\.provisioner: no CSI driver named "pd\.csi\.storage\.gke\.io" in storage\.csiDrivers \(have ebs\.csi\.aws\.com\): the nodes need the driver/ },
  { name: 'claims summed over replicas and templates', file: () => scenario((s) => { withStorage(s); sts(s).replicas = 1_500_000; job(s).completions = 1; sts(s).volumeClaimTemplates.push({ ...sts(s).volumeClaimTemplates[0]!, name: 'wal' }); }), err: /:\d+: workload\.workloads: 3000000 claims in all \(replicas x volumeClaimTemplates\), over the limit of 2000000 per scenario \(INPUT_LIMITS\.scenarioPods\)$/ },
  {
    name: '20,000 volumes with node affinities over 100,000 nodes, the last matching none (checked per group of alike nodes, in seconds)',
    file: () => {
      const s = base();
      withStorage(s);
      pool(s).count = 100_000;
      storage(s).volumes = Array.from({ length: 20_000 }, (_, i) => ({
        name: `v-${i}`, storageClassName: 'zonal', capacity: '1Gi', accessModes: ['ReadWriteOnce'],
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'NotIn', values: [`z${i}`] }] }] } },
      }));
      storage(s).volumes[19_999]!.nodeAffinity = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'schedbench.io/pool', operator: 'In', values: ['gpu'] }] }] } };
      return write(JSON.stringify(s), '.json');
    },
    err: /\.json: storage\.volumes\[19999\]\.nodeAffinity\.required: no node of the generated cluster matches this node affinity/,
  },
  { name: 'two drivers of one name', file: () => scenario((s) => { withStorage(s); storage(s).csiDrivers.push({ ...storage(s).csiDrivers[0]! }); }), err: /:\d+: storage\.csiDrivers\[1\]\.name: duplicate CSI driver name "ebs\.csi\.aws\.com"$/ },
  { name: 'an error quoting a long value stays short', file: () => scenario((s) => { job(s).arrival = { process: 'x'.repeat(100_000) }; }), err: /arrival\.process: got "x{50,60}…; supported/ },
];

describe('hostile scenario files', () => {
  for (const c of cases) {
    it(c.name, () => {
      const t0 = performance.now();
      expect(errorOf(c.file())).toMatch(c.err);
      expect(performance.now() - t0).toBeLessThan(5000);
    });
  }
});

describe('what hostile-looking scenario files may legally do', () => {
  it('keeps "constructor" as an ordinary label key on generated nodes', () => {
    const s = load(scenario((x) => { pool(x).labels = { constructor: 'yes' }; job(x).template.spec = { nodeSelector: { constructor: 'yes' } }; }));
    if (s.cluster.kind !== 'generate') throw new Error(`expected a generated cluster, got ${s.cluster.kind}`);
    const nodes = generateCluster(s.cluster.spec, Rng.fromSeed(1)) as { metadata: { labels: Record<string, string> } }[];
    expect(Object.hasOwn(nodes[0]!.metadata.labels, 'constructor')).toBe(true);
    expect(nodes[0]!.metadata.labels.constructor).toBe('yes');
  });

  it('reads an empirical-csv column with quotes, CRLF, empty lines and a BOM', () => {
    const s = load(scenario((x) => { job(x).durationS = csv('\uFEFFa,"seconds",b\r\n1,"2",3\r\n\r\n"x,y",  "4" ,z\n5,,7\n'); }));
    expect(s.workload.kind === 'generate' && s.workload.spec.workloads[0]!.durationS).toEqual({ kind: 'empirical', values: [2, 4] });
  });

  it('reads a JSON scenario with a byte order mark', () => {
    expect(load(write(`\uFEFF${JSON.stringify(base())}`, '.json')).name).toBe('hostile');
  });

  it('reads a JSON scenario larger than the YAML limit (JSON.parse, no lines)', () => {
    const s = base();
    s.description = 'x'.repeat(INPUT_LIMITS.yamlBytes + 10);
    expect(load(write(JSON.stringify(s), '.json')).description.length).toBe(INPUT_LIMITS.yamlBytes + 10);
    s.durationS = -1;
    expect(errorOf(write(JSON.stringify(s), '.json'))).toMatch(/case-\d+\.json: durationS: expected number to be >0, got -1$/);
  });

  it('accepts the storage every storage case starts from', () => {
    const s = load(scenario(withStorage));
    expect(s.storage?.classes?.map((c) => c.name)).toEqual(['zonal']);
  });

  it('keeps the simulated-day bench legal: 10,000 nodes and 100,000 pods over a day', () => {
    const s = load(scenario((x) => {
      pool(x).count = 10_000;
      job(x).completions = 100_000;
      x.durationS = 86_400;
      x.sampleEveryS = 60;
    }));
    expect(s.durationS).toBe(86_400);
  });
});
