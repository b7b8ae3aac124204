import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registryCapabilities } from '../framework/registry-capabilities.js';
import { ModelContext } from '../model/model-context.js';
import { inTreeRegistry } from '../plugins/index.js';
import { loadScenario } from './load-scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'schedbench-snapshot-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const caps = registryCapabilities(inTreeRegistry, new ModelContext());

function scenario(snapshot: string): string {
  const f = join(dir, `s-${snapshot}.yaml`);
  writeFileSync(f, `name: s\nseeds: [1]\ndurationS: 10\ncluster:\n  snapshot: [${snapshot}]\nworkload:\n  workloads: []\npolicies: [{ name: default, extends: default }]\n`);
  return f;
}

describe('cluster.snapshot with a folder', () => {
  it('stands for the JSON and YAML files under it, in path order (the plan hashes each)', () => {
    mkdirSync(join(dir, 'dump/ns'), { recursive: true });
    writeFileSync(join(dir, 'dump/nodes.json'), JSON.stringify({ kind: 'NodeList', items: [{ metadata: { name: 'a' }, status: { allocatable: { cpu: '1' } } }] }));
    writeFileSync(join(dir, 'dump/ns/pods.json'), JSON.stringify({ kind: 'PodList', items: [] }));
    writeFileSync(join(dir, 'dump/ns/logs.txt'), 'log');
    const s = loadScenario(scenario('dump'), caps);
    expect(s.cluster.kind === 'snapshot' ? s.cluster.files.map((f) => f.slice(dir.length + 1)) : null).toEqual(['dump/nodes.json', 'dump/ns/pods.json']);
  });

  it('a folder without a JSON or YAML file is an error at its entry', () => {
    mkdirSync(join(dir, 'bare'), { recursive: true });
    expect(() => loadScenario(scenario('bare'), caps)).toThrow(/s-bare\.yaml:5: cluster\.snapshot\[0\]: .*bare: a folder without a JSON or YAML file/);
  });
});
