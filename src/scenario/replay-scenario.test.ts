import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFramework } from '../framework/framework.js';
import { registryCapabilities } from '../framework/registry-capabilities.js';
import { ModelContext } from '../model/model-context.js';
import { inTreeRegistry } from '../plugins/index.js';
import { loadScenario } from './load-scenario.js';

const caps = registryCapabilities(inTreeRegistry, new ModelContext());
const dir = mkdtempSync(join(tmpdir(), 'schedbench-replay-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dump = fileURLToPath(new URL('../cluster/fixtures/whatif/list.json', import.meta.url));

/** A scenario whose workload (lines 6 on) is `workload`, over the test cluster unless `cluster` says otherwise. */
function load(name: string, workload: string, cluster = `{ snapshot: [${JSON.stringify(dump)}] }`) {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `name: ${name}\nseeds: [1]\ndurationS: 60\ncluster: ${cluster}\npolicies: [{ name: default, extends: default }]\n${workload}\n`);
  return loadScenario(file, caps, (p) => buildFramework(p, inTreeRegistry, new ModelContext()));
}

describe('workload.replay', () => {
  const good: readonly { name: string; workload: string; want: unknown }[] = [
    { name: 'all', workload: 'workload: { replay: {} }', want: { kind: 'replay', scope: { kind: 'all' }, spec: { workloads: [] } } },
    { name: 'only', workload: 'workload: { replay: { only: [team-a, default] } }', want: { kind: 'replay', scope: { kind: 'only', namespaces: ['team-a', 'default'] }, spec: { workloads: [] } } },
    { name: 'keep', workload: 'workload: { replay: { keep: [kube-system] } }', want: { kind: 'replay', scope: { kind: 'keep', namespaces: ['kube-system'] }, spec: { workloads: [] } } },
  ];
  for (const c of good) it(`reads ${c.name}`, () => expect(load(c.name, c.workload).workload).toEqual(c.want));

  it('takes arrivals besides, resolved as generated workloads are', () => {
    const s = load('plus', [
      'workload:',
      '  replay: { only: [default] }',
      '  bestEffortShare: 0.5',
      '  workloads:',
      '    - { kind: Deployment, name: more, replicas: 3, template: { requests: { cpu: 100m } }, arrival: { process: all-at-once, atS: 10 } }',
    ].join('\n'));
    expect(s.workload.kind).toBe('replay');
    expect(s.workload.kind === 'replay' && s.workload.spec.workloads.map((w) => w.name)).toEqual(['more']);
    expect(s.workload.kind === 'replay' && s.workload.spec.bestEffortShare).toBe(0.5);
  });

  const bad: readonly { name: string; workload: string; cluster?: string; err: RegExp }[] = [
    { name: 'both', workload: 'workload: { replay: { keep: [a], only: [b] } }', err: /both\.yaml:6: workload\.replay\.only: give keep or only, not both .*got \["b"\]$/ },
    { name: 'twice', workload: 'workload: { replay: { only: [a, b, a] } }', err: /twice\.yaml:6: workload\.replay\.only\[2\]: each namespace once, got "a" twice$/ },
    { name: 'empty-list', workload: 'workload: { replay: { only: [] } }', err: /empty-list\.yaml:6: workload\.replay\.only: / },
    { name: 'bad-namespace', workload: 'workload: { replay: { keep: [Team_A] } }', err: /bad-namespace\.yaml:6: workload\.replay\.keep\[0\]: a lowercase DNS label/ },
    { name: 'unknown-field', workload: 'workload: { replay: { except: [a] } }', err: /unknown-field\.yaml:6: workload\.replay\.except: unknown field "except"/ },
    {
      name: 'generated-cluster', workload: 'workload: { replay: {} }', cluster: '{ generate: { pools: [{ name: p, count: 1, capacity: { cpu: "1" } }] } }',
      err: /generated-cluster\.yaml:6: workload\.replay: a replay places the pods of a snapshot cluster again; give the cluster as `snapshot: \[files or folders\]`, got a generated cluster$/,
    },
  ];
  for (const c of bad) it(`refuses ${c.name}`, () => expect(() => load(c.name, c.workload, c.cluster)).toThrow(c.err));
});
