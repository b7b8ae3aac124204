import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { registryCapabilities } from '../framework/registry-capabilities.js';
import { InputError } from '../model/errors.js';
import { inputErrorOf } from '../testing/load-outcome.js';
import { ModelContext } from '../model/model-context.js';
import { inTreeRegistry } from '../plugins/index.js';
import { loadScenario } from './load-scenario.js';

/**
 * The scenario fields for the objects around generated pods (issue 11): `service` and
 * `pdb` on a workload, `priorityClassName` in a template, top-level `priorityClasses`.
 * Every bad value ends in one InputError naming the file, the line and the field path.
 */

const dir = mkdtempSync(join(tmpdir(), 'scenario-objects-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const caps = registryCapabilities(inTreeRegistry, new ModelContext());
let files = 0;

type Obj = { [k: string]: unknown };
type Workload = Obj & { template: Obj & { spec?: Obj } };
type File = Obj & { workload: { workloads: Workload[] } };

const base = (): File => ({
  name: 'objects',
  seeds: [1],
  durationS: 600,
  cluster: { generate: { pools: [{ name: 'node', count: 2, capacity: { cpu: '4', memory: '8Gi' } }] } },
  workload: {
    workloads: [
      { kind: 'Deployment', name: 'web', replicas: 4, template: { requests: { cpu: '100m' } }, arrival: { process: 'all-at-once' } },
      { kind: 'Job', name: 'batch', completions: 2, template: { requests: { cpu: '1' } }, arrival: { process: 'all-at-once' }, durationS: { kind: 'constant', value: 60 } },
    ],
  },
  policies: [{ name: 'default', extends: 'default' }],
});
/** Writes the base scenario with `edit` applied and returns its path. */
const scenario = (edit: (s: File) => void): string => {
  const s = base();
  edit(s);
  const f = join(dir, `case-${files++}.yaml`);
  writeFileSync(f, stringify(s));
  return f;
};
const web = (s: File): Workload => s.workload.workloads[0]!;
const batch = (s: File): Workload => s.workload.workloads[1]!;

const errorOf = (file: string): string => inputErrorOf((f) => loadScenario(f, caps), file);

describe('scenario fields for the objects around generated pods', () => {
  it('reads service, pdb, priorityClassName and priorityClasses as written', () => {
    const s = loadScenario(scenario((f) => {
      Object.assign(web(f), { service: true, pdb: { minAvailable: '50%' } });
      Object.assign(batch(f), { pdb: { maxUnavailable: 1 } });
      web(f).template.priorityClassName = 'frontend';
      f.priorityClasses = [{ name: 'frontend', value: 1000, preemptionPolicy: 'Never' }, { name: 'batch-default', value: 10, globalDefault: true }];
    }), caps);
    if (s.workload.kind !== 'generate') throw new Error('expected a generated workload');
    const [w, b] = s.workload.spec.workloads;
    expect(w).toMatchObject({ service: true, pdb: { minAvailable: '50%' }, template: { priorityClassName: 'frontend' } });
    expect(b).toMatchObject({ pdb: { maxUnavailable: 1 } });
    expect(b).not.toHaveProperty('service');
    expect(s.priorityClasses).toEqual([{ name: 'frontend', value: 1000, preemptionPolicy: 'Never' }, { name: 'batch-default', value: 10, globalDefault: true }]);
  });

  it('has no priority classes unless the file declares them', () => {
    expect(loadScenario(scenario(() => {}), caps).priorityClasses).toEqual([]);
  });

  it('lets a template name a system class without declaring it', () => {
    expect(() => loadScenario(scenario((f) => { web(f).template.priorityClassName = 'system-node-critical'; }), caps)).not.toThrow();
  });

  it('leaves a snapshot cluster\'s class names to the run (the snapshot may hold the class)', () => {
    const snapshot = join(dir, 'snapshot.yaml');
    writeFileSync(snapshot, stringify({ kind: 'Node', metadata: { name: 'n' }, status: { allocatable: { cpu: '4' } } }));
    const s = loadScenario(scenario((f) => {
      f.cluster = { snapshot: [snapshot] };
      web(f).template.priorityClassName = 'from-snapshot';
    }), caps);
    expect(s.cluster.kind).toBe('snapshot');
  });

  const cases: { name: string; edit: (s: File) => void; err: RegExp }[] = [
    { name: 'service not a boolean', edit: (s) => { web(s).service = 'yes'; }, err: /case-\d+\.yaml:\d+: workload\.workloads\[0\]\.service: expected boolean, got "yes"$/ },
    {
      name: 'service on a workload whose name starts with a digit (a Service name is a DNS-1035 label)',
      edit: (s) => { Object.assign(web(s), { name: '1web', service: true }); },
      err: /:\d+: workload\.workloads\[0\]\.service: the Service is named after the workload, and a Service name must start with a letter \(a DNS-1035 label\); workload name "1web", got true$/,
    },
    { name: 'pdb without a field', edit: (s) => { web(s).pdb = {}; }, err: /:\d+: workload\.workloads\[0\]\.pdb: expected minAvailable or maxUnavailable \(a count or a percentage like "50%"\), got \{\}$/ },
    { name: 'pdb with both fields', edit: (s) => { web(s).pdb = { minAvailable: 1, maxUnavailable: 1 }; }, err: /:\d+: workload\.workloads\[0\]\.pdb\.maxUnavailable: give minAvailable or maxUnavailable, not both \(minAvailable is 1\), got 1$/ },
    { name: 'pdb with a misspelt field', edit: (s) => { batch(s).pdb = { maxUnvailable: 1 }; }, err: /:\d+: workload\.workloads\[1\]\.pdb\.maxUnvailable: unknown field "maxUnvailable"$/ },
    { name: 'pdb over 100%', edit: (s) => { web(s).pdb = { minAvailable: '150%' }; }, err: /:\d+: workload\.workloads\[0\]\.pdb\.minAvailable: must not be greater than 100%, got "150%"$/ },
    { name: 'pdb negative', edit: (s) => { web(s).pdb = { maxUnavailable: -1 }; }, err: /:\d+: workload\.workloads\[0\]\.pdb\.maxUnavailable: must be greater than or equal to 0, got -1$/ },
    { name: 'pdb fractional', edit: (s) => { web(s).pdb = { minAvailable: 1.5 }; }, err: /:\d+: workload\.workloads\[0\]\.pdb\.minAvailable: must be an integer \(an int32\) or percentage \(e\.g '5%'\), got 1\.5$/ },
    { name: 'pdb a word', edit: (s) => { web(s).pdb = { minAvailable: 'half' }; }, err: /:\d+: workload\.workloads\[0\]\.pdb\.minAvailable: must be an integer or percentage \(e\.g '5%'\), got "half"$/ },
    { name: 'pdb a fractional percentage', edit: (s) => { web(s).pdb = { minAvailable: '12.5%' }; }, err: /pdb\.minAvailable: must be an integer or percentage \(e\.g '5%'\), got "12\.5%"$/ },
    { name: 'pdb not a number or string', edit: (s) => { web(s).pdb = { minAvailable: true }; }, err: /:\d+: workload\.workloads\[0\]\.pdb\.minAvailable: .*got true$/ },
    { name: 'pdb over int32', edit: (s) => { batch(s).pdb = { minAvailable: 2 ** 31 }; }, err: /:\d+: workload\.workloads\[1\]\.pdb\.minAvailable: must be an integer \(an int32\) or percentage \(e\.g '5%'\), got 2147483648$/ },
    { name: 'priorityClassName not a DNS subdomain', edit: (s) => { web(s).template.priorityClassName = 'High_Priority'; }, err: /:\d+: workload\.workloads\[0\]\.template\.priorityClassName: a lowercase DNS subdomain .*got "High_Priority"$/ },
    {
      name: 'priorityClassName of a class nobody declared',
      edit: (s) => { web(s).template.priorityClassName = 'high'; s.priorityClasses = [{ name: 'low', value: 1 }]; },
      err: /:\d+: workload\.workloads\[0\]\.template\.priorityClassName: no PriorityClass named "high" \(have system-node-critical, system-cluster-critical, low; declare it in priorityClasses\)$/,
    },
    {
      name: 'priority and priorityClassName together',
      edit: (s) => { Object.assign(web(s).template, { priority: 5, priorityClassName: 'high' }); s.priorityClasses = [{ name: 'high', value: 5 }]; },
      err: /:\d+: workload\.workloads\[0\]\.template\.priorityClassName: give priority or priorityClassName, not both \(priority 5 is a shorthand for a class of that value\), got "high"$/,
    },
    { name: 'spec.priorityClassName', edit: (s) => { web(s).template.spec = { priorityClassName: 'high' }; }, err: /:\d+: workload\.workloads\[0\]\.template\.spec\.priorityClassName: set priorityClassName on the template itself, not in spec, got "high"$/ },
    { name: 'spec.priority', edit: (s) => { web(s).template.spec = { priority: 3 }; }, err: /template\.spec\.priority: set priority on the template itself, not in spec, got 3$/ },
    {
      name: 'spec.preemptionPolicy with a class',
      edit: (s) => { Object.assign(web(s).template, { priorityClassName: 'high', spec: { preemptionPolicy: 'Never' } }); s.priorityClasses = [{ name: 'high', value: 5 }]; },
      err: /template\.spec\.preemptionPolicy: the pod takes the preemptionPolicy of its class "high"; set it on the class in priorityClasses, got "Never"$/,
    },
    { name: 'a class named system-*', edit: (s) => { s.priorityClasses = [{ name: 'system-mine', value: 1 }]; }, err: /:\d+: priorityClasses\[0\]\.name: priority class names with 'system-' prefix are reserved for system use only: "system-mine" is not a known system priority class$/ },
    { name: 'a class above one billion', edit: (s) => { s.priorityClasses = [{ name: 'huge', value: 2_000_000_000 }]; }, err: /:\d+: priorityClasses\[0\]\.value: maximum allowed value of a user defined priority is 1000000000, got 2000000000$/ },
    { name: 'a class beyond int32', edit: (s) => { s.priorityClasses = [{ name: 'huge', value: 2 ** 31 }]; }, err: /:\d+: priorityClasses\[0\]\.value: expected number to be <=2147483647, got 2147483648$/ },
    { name: 'a fractional class value', edit: (s) => { s.priorityClasses = [{ name: 'x', value: 1.5 }]; }, err: /:\d+: priorityClasses\[0\]\.value: expected an integer, got 1\.5$/ },
    {
      name: 'two globalDefault classes',
      edit: (s) => { s.priorityClasses = [{ name: 'a', value: 1, globalDefault: true }, { name: 'b', value: 2, globalDefault: true }]; },
      err: /:\d+: priorityClasses\[1\]\.globalDefault: PriorityClass a is already marked as default\. Only one default can exist$/,
    },
    { name: 'a class name twice', edit: (s) => { s.priorityClasses = [{ name: 'a', value: 1 }, { name: 'a', value: 2 }]; }, err: /:\d+: priorityClasses\[1\]\.name: duplicate PriorityClass name "a"$/ },
    { name: 'a preemptionPolicy of another kind', edit: (s) => { s.priorityClasses = [{ name: 'a', value: 1, preemptionPolicy: 'Sometimes' }]; }, err: /:\d+: priorityClasses\[0\]\.preemptionPolicy: got "Sometimes"; supported values: "PreemptLowerPriority", "Never"$/ },
    { name: 'an unknown class field', edit: (s) => { s.priorityClasses = [{ name: 'a', value: 1, descripton: 'x' }]; }, err: /:\d+: priorityClasses\[0\]\.descripton: unknown field "descripton"$/ },
  ];
  for (const c of cases) it(c.name, () => expect(errorOf(scenario(c.edit))).toMatch(c.err));

  it('names the line of the field', () => {
    const file = scenario((s) => { s.priorityClasses = [{ name: 'a', value: 1 }, { name: 'b', value: 2_000_000_000 }]; });
    const lines = stringify({ ...base(), priorityClasses: [{ name: 'a', value: 1 }, { name: 'b', value: 2_000_000_000 }] }).split('\n');
    const line = lines.findIndex((l) => l.includes('2000000000')) + 1;
    expect(errorOf(file)).toMatch(new RegExp(`case-\\d+\\.yaml:${line}: priorityClasses\\[1\\]\\.value: `));
  });
});
