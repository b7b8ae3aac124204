import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../model/errors.js';
import { INPUT_LIMITS } from '../model/input-limits.js';
import { inTreeRegistry } from '../plugins/index.js';
import { describeMismatch } from './case-result.js';
import { casePassed, runFolder } from './run-folder.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A one-case NodeName vector (the shape of conformance/kube-scheduler/NodeName.json). */
const VECTOR = {
  plugin: 'NodeName',
  source: 'test',
  cases: [{ name: 'host matches', pod: { spec: { containers: [], nodeName: 'foo' } }, nodes: [{ metadata: { name: 'foo' } }], expect: { filter: { foo: 'Success' } } }],
};

/** A Service selecting foo="" (a case object). */
const SERVICE = { kind: 'Service', metadata: { name: 'service-0' }, spec: { selector: { foo: '' } } };

/** A one-case helper vector (the shape of conformance/kube-scheduler/ImageLocality.normalizedImageName.json). */
const HELPER_VECTOR = { plugin: 'ImageLocality', helper: 'normalizedImageName', source: 'test', cases: [{ name: 'add :latest', input: 'root', expect: 'root:latest' }] };

/**
 * The project's transcription of kube's "system defaulting, nodes don't have zone, pods
 * match service": scores only system default spreading (the Service's selector) gives.
 */
function systemDefaultingVector(withObjects: boolean): unknown {
  const file = JSON.parse(readFileSync(join(root, 'conformance/kube-scheduler/PodTopologySpread.json'), 'utf8')) as { cases: { name: string; objects?: unknown }[] };
  const c = file.cases.find((x) => x.name === "system defaulting, nodes don't have zone, pods match service")!;
  const { objects, ...rest } = c;
  return { ...file, cases: [withObjects ? { ...rest, objects } : rest] };
}

/** The 1-based line of the first occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

const WRONG_OBJECTS = JSON.stringify({ ...VECTOR, cases: [{ ...VECTOR.cases[0], objects: {} }] }, null, 1);
const WITH_PRIORITY_CLASS = JSON.stringify({ ...VECTOR, cases: [{ ...VECTOR.cases[0], objects: [SERVICE, { kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 }] }] }, null, 1);
/** A one-case DefaultPreemption vector: a high-priority pod, a low-priority pod filling n1 (the shape of conformance/kube-scheduler/DefaultPreemption.json). */
const PREEMPTION = {
  plugin: 'DefaultPreemption',
  source: 'test',
  cases: [{
    name: 'preempts low', filters: ['NodeResourcesFit'],
    pod: { metadata: { name: 'p' }, spec: { priority: 100, containers: [{ name: 'c', resources: { requests: { cpu: '1' } } }] } },
    nodes: [{ metadata: { name: 'n1' }, status: { allocatable: { cpu: '1', pods: '10' } } }],
    existingPods: [{ metadata: { name: 'low', labels: { app: 'a' } }, spec: { nodeName: 'n1', priority: 0, containers: [{ name: 'c', resources: { requests: { cpu: '1' } } }] } }],
    expect: { preemption: { node: 'n1', victims: ['low'] } } as Record<string, unknown>,
  }],
};
const preemptionCase = (patch: Record<string, unknown>) => JSON.stringify({ ...PREEMPTION, cases: [{ ...PREEMPTION.cases[0], ...patch }] }, null, 1);
const DISRUPTED = preemptionCase({ objects: [{ kind: 'PodDisruptionBudget', metadata: { name: 'pdb' }, spec: { selector: { matchLabels: { app: 'a' } } }, status: { disruptionsAllowed: 1, disruptedPods: { low: '1970-01-01T00:00:00Z' } } }] });
const NO_FILTERS = preemptionCase({ filters: undefined });
const SCORES_IN_PREEMPTION = preemptionCase({ expect: { scores: { n1: 0 } } });
const NOMINATED_IN_PLUGIN = JSON.stringify({ ...VECTOR, cases: [{ ...VECTOR.cases[0], nominatedPods: [] }] }, null, 1);
const FRAMEWORK = { framework: 'RunFilterPluginsWithNominatedPods', source: 'test', cases: [{ name: 'x', filters: [], pod: { spec: { containers: [] } }, nodes: [{ metadata: { name: 'n1' } }], expect: { filter: { n1: 'Success' } } }] };
const WRONG_INPUT = JSON.stringify({ ...HELPER_VECTOR, cases: [{ name: 'x', input: 7, expect: 'root:latest' }] }, null, 1);

/** A fresh folder holding `files` (name -> content). */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vectors-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function errorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('runFolder on hostile folders', () => {
  it('a JSON vector file with a BOM is read', () => {
    const dir = folder({ 'NodeName.json': `\ufeff${JSON.stringify(VECTOR)}` });
    const [f] = runFolder(dir, inTreeRegistry);
    expect(f!.cases.map(casePassed)).toEqual([true]);
  });

  const cases: { name: string; files: Record<string, string>; want: (dir: string) => string }[] = [
    { name: 'a folder without vector files', files: { 'README.md': 'x' }, want: (d) => `${d}: no conformance vectors were found in this folder (no *.json vector files)` },
    { name: 'vector files with 0 cases', files: { 'a.json': JSON.stringify({ ...VECTOR, cases: [] }), 'b.json': JSON.stringify({ ...VECTOR, cases: [] }) }, want: (d) => `${d}: no conformance vectors were found in this folder (2 *.json files, 0 cases)` },
    { name: 'a bad token (the file is not quoted back)', files: { 'a.json': `{"plugin": x${' '.repeat(50)}"secret"}` }, want: (d) => `${d}/a.json: not valid JSON: Unexpected token 'x'` },
    { name: 'a trailing comma on line 3', files: { 'a.json': '{\n"plugin": "NodeName",\n"source": "s",\n}' }, want: (d) => `${d}/a.json:4: not valid JSON: Expected double-quoted property name` },
    { name: 'a file cut short', files: { 'a.json': '{"plugin": "NodeName", "cases": [' }, want: (d) => `${d}/a.json: not valid JSON: Unexpected end of JSON input` },
    { name: 'an empty file', files: { 'a.json': '' }, want: (d) => `${d}/a.json: not valid JSON: Unexpected end of JSON input` },
    { name: 'a list nested 100000 deep', files: { 'a.json': `${'['.repeat(100_000)}${']'.repeat(100_000)}` }, want: (d) => `${d}/a.json: nested too deeply (limit: ${INPUT_LIMITS.nestingDepth} levels of lists and objects)` },
    { name: 'a plugin that is not a string', files: { 'a.json': JSON.stringify({ ...VECTOR, plugin: 7 }) }, want: (d) => `${d}/a.json:1: plugin: Invalid input: expected string, received number` },
    { name: 'cases that are not a list', files: { 'a.json': JSON.stringify({ ...VECTOR, cases: 'all' }) }, want: (d) => `${d}/a.json:1: cases: Invalid input: expected array, received string` },
    { name: 'a case field of the wrong type names its line', files: { 'a.json': WRONG_OBJECTS }, want: (d) => `${d}/a.json:${lineOf(WRONG_OBJECTS, '"objects"')}: cases[0].objects: Invalid input: expected array, received object` },
    { name: 'an object kind the runner cannot use yet', files: { 'a.json': WITH_PRIORITY_CLASS }, want: (d) => `${d}/a.json:${lineOf(WITH_PRIORITY_CLASS, '"PriorityClass"')}: cases[0].objects[1].kind: kind "PriorityClass" is not used by the conformance runner yet (it takes CSIDriver, CSINode, CSIStorageCapacity, Namespace, PersistentVolume, PersistentVolumeClaim, PodDisruptionBudget, ReplicaSet, ReplicationController, Service, StatefulSet, StorageClass)` },
    { name: 'a PodDisruptionBudget with disruptedPods', files: { 'a.json': DISRUPTED }, want: (d) => `${d}/a.json:${lineOf(DISRUPTED, '"disruptedPods"')}: cases[0].objects[0].status.disruptedPods: schedbench keeps no DisruptedPods (it computes a budget's status from the cluster): a case that needs them cannot be run` },
    { name: 'a preemption case without filters', files: { 'a.json': NO_FILTERS }, want: (d) => `${d}/a.json:${lineOf(NO_FILTERS, '"name": "preempts low"') - 1}: cases[0].filters: expect.preemption runs the profile's filters: give them (a list of filter plugin names, possibly empty)` },
    { name: 'scores expected of DefaultPreemption', files: { 'a.json': SCORES_IN_PREEMPTION }, want: (d) => `${d}/a.json:${lineOf(SCORES_IN_PREEMPTION, '"scores"')}: cases[0].expect.scores: this file's cases expect eligible, preemption, candidates, not scores` },
    { name: 'nominated pods in a single plugin\'s case', files: { 'a.json': NOMINATED_IN_PLUGIN }, want: (d) => `${d}/a.json:${lineOf(NOMINATED_IN_PLUGIN, '"nominatedPods"')}: cases[0].nominatedPods: nominatedPods is read only by DefaultPreemption and framework cases (a single plugin's case runs that plugin alone)` },
    { name: 'a case expecting nothing', files: { 'a.json': JSON.stringify({ ...VECTOR, cases: [{ ...VECTOR.cases[0], expect: {} }] }) }, want: (d) => `${d}/a.json:1: cases[0].expect: expected at least one of filter, scores, preScore` },
    { name: 'an unknown framework function', files: { 'a.json': JSON.stringify({ ...FRAMEWORK, framework: 'RunScorePlugins' }) }, want: (d) => `${d}/a.json:1: framework: unknown framework function "RunScorePlugins" (known: RunFilterPluginsWithNominatedPods)` },
    { name: 'a Node among the objects', files: { 'a.json': JSON.stringify({ ...VECTOR, cases: [{ ...VECTOR.cases[0], objects: [{ kind: 'Node', metadata: { name: 'n' } }] }] }) }, want: (d) => `${d}/a.json:1: cases[0].objects[0].kind: a Node goes in the case's \`nodes\`, not in \`objects\`` },
    { name: 'an unknown helper', files: { 'a.json': JSON.stringify({ ...HELPER_VECTOR, helper: 'fitsPorts' }, null, 1) }, want: (d) => `${d}/a.json:3: helper: unknown helper "fitsPorts" (known: normalizedImageName, getContainerPorts)` },
    { name: 'a helper under the wrong plugin', files: { 'a.json': JSON.stringify({ ...HELPER_VECTOR, plugin: 'NodePorts' }) }, want: (d) => `${d}/a.json:1: plugin: helper normalizedImageName belongs to ImageLocality, not NodePorts` },
    { name: 'a helper case of the wrong shape', files: { 'a.json': WRONG_INPUT }, want: (d) => `${d}/a.json:${lineOf(WRONG_INPUT, '"input"')}: cases[0].input: expected string, got 7` },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const dir = folder(c.files);
      const err = errorOf(() => runFolder(dir, inTreeRegistry));
      expect(err.message).toBe(c.want(dir));
      expect(err.message.length).toBeLessThanOrEqual(INPUT_LIMITS.errorChars);
    });
  }

  it('a case\'s objects reach the snapshot: the Service decides the scores', () => {
    const result = (withObjects: boolean) => runFolder(folder({ 'PodTopologySpread.json': JSON.stringify(systemDefaultingVector(withObjects)) }), inTreeRegistry)[0]!.cases[0]!;
    expect(casePassed(result(true))).toBe(true);
    // Without the Service the pod has no workload: no default constraint, every node scores 0.
    expect(result(false).mismatches.map(describeMismatch)).toEqual([
      'node node-a: score expected 44, got 0',
      'node node-b: score expected 66, got 0',
      'node node-c: score expected 77, got 0',
      'node node-d: score expected 100, got 0',
    ]);
  });

  it('helper vectors: a match passes, a difference is the output expected and got', () => {
    const dir = folder({ 'a.json': JSON.stringify({ ...HELPER_VECTOR, cases: [HELPER_VECTOR.cases[0], { name: 'digest kept', input: 'root@sha256:00', expect: 'root@sha256:00:latest' }] }) });
    const [f] = runFolder(dir, inTreeRegistry);
    expect(f!.label).toBe('ImageLocality.normalizedImageName');
    expect(f!.cases.map((c) => [casePassed(c), c.mismatches.map(describeMismatch)])).toEqual([
      [true, []],
      [false, ['output expected "root@sha256:00:latest", got "root@sha256:00"']],
    ]);
  });

  it('a vector "file" that is a folder, and a folder that is a file', () => {
    const dir = folder({});
    mkdirSync(join(dir, 'x.json'));
    expect(errorOf(() => runFolder(dir, inTreeRegistry)).message).toBe(`${dir}/x.json: is a folder, expected a JSON file`);
    const file = join(folder({ 'f.json': '{}' }), 'f.json');
    expect(errorOf(() => runFolder(file, inTreeRegistry)).message).toBe(`${file}: not a folder of conformance vectors`);
  });
});

describe('schedbench conformance', () => {
  const schedbench = (...args: string[]) => spawnSync(process.execPath, ['src/cli/schedbench.js', 'conformance', ...args], { cwd: root, encoding: 'utf8' });

  it('an empty folder: one line, exit 2', () => {
    const dir = folder({});
    const r = schedbench(dir);
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', `schedbench: ${dir}: no conformance vectors were found in this folder (no *.json vector files)\n`]);
  });

  it('a malformed vector file: one line naming it, exit 2', () => {
    const dir = folder({ 'NodeName.json': JSON.stringify(VECTOR), 'Bad.json': '{"plugin": "NodeName",\n "cases": [}' });
    const r = schedbench(dir);
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(`schedbench: ${dir}/Bad.json: not valid JSON: Unexpected token '}'\n`);
  });

  it('a BOM vector passes, exit 0', () => {
    const r = schedbench(folder({ 'NodeName.json': `\ufeff${JSON.stringify(VECTOR, null, 1)}` }));
    expect([r.status, r.stdout]).toEqual([0, 'ok   NodeName: 1 passed, 0 failed\n1 passed, 0 failed\n']);
  });
});
