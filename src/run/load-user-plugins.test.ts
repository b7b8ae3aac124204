import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../model/errors.js';
import { loadUserPlugins } from './load-user-plugins.js';

const dir = mkdtempSync(join(tmpdir(), 'schedbench-plugins-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

const fewestPodsTs = `
import type { ScorePlugin } from '../api/plugin-api.js';
const plugin: ScorePlugin = { name: 'FewestPods', score: (_pod, node) => 100 - Math.min(100, node.podCount) };
export default plugin;
`;
const greenJs = `export default { name: 'GreenOnly', filter: (pod, node) => node.labels.color === 'green' || 'not green' };\n`;

async function refusal(files: string[]): Promise<string> {
  try {
    await loadUserPlugins(files);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('loadUserPlugins', () => {
  it('TypeScript and JavaScript plugin files join the in-tree registry, each once, with their hashes', async () => {
    const ts = file('fewest-pods.ts', fewestPodsTs);
    const js = file('green.mjs', greenJs);
    const r = await loadUserPlugins([ts, js, ts]);
    expect(r.plugins.map((p) => [p.name, p.file])).toEqual([['FewestPods', ts], ['GreenOnly', js]]);
    expect(r.plugins[0]!.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.registry.has('FewestPods') && r.registry.has('GreenOnly') && r.registry.has('NodeResourcesFit')).toBe(true);
  });

  it.each([
    ['a built-in name', 'clash.mjs', `export default { name: 'NodeResourcesFit', score: () => 0 };`, /clash\.mjs: default\.name: "NodeResourcesFit" is the name of a built-in plugin/],
    ['a kube plugin schedbench does not model', 'vol.mjs', `export default { name: 'VolumeBinding', filter: () => true };`, /"VolumeBinding" is the name of a built-in plugin/],
    ['no default export', 'none.mjs', `export const plugin = {};`, /none\.mjs: no default export/],
    ['a misspelt hook', 'typo.mjs', `export default { name: 'T', scores: () => 0 };`, /typo\.mjs: default\.scores: unknown field/],
    ['no hook', 'empty.mjs', `export default { name: 'E' };`, /empty\.mjs: default: a plugin needs at least one of preFilter, filter and score/],
    ['a hook that is not a function', 'nf.mjs', `export default { name: 'N', filter: true };`, /nf\.mjs: default\.filter: expected a function, got true/],
    ['a bad normalize', 'norm.mjs', `export default { name: 'N', score: () => 0, normalize: 'max' };`, /default\.normalize: expected one of 'none', 'minmax', 'reverse-minmax', got "max"/],
    ['a bad name', 'name.mjs', `export default { name: '', score: () => 0 };`, /default\.name: expected a plugin name/],
    ['a syntax error', 'broken.mjs', `export default { name: 'B', score: () => };`, /broken\.mjs: the plugin file does not load: /],
    ['a file that throws on import', 'throws.mjs', `throw new Error('no config');`, /throws\.mjs: the plugin file does not load: no config/],
  ])('refuses %s, naming the file and field', async (_what, name, text, message) => {
    expect(await refusal([file(name, text)])).toMatch(message);
  });

  it('refuses a missing file, a folder, and a file that is not JavaScript or TypeScript', async () => {
    expect(await refusal([join(dir, 'missing.ts')])).toMatch(/missing\.ts: cannot read the plugin file \(ENOENT\)/);
    expect(await refusal([file('plugin.json', '{}')])).toMatch(/plugin\.json: a plugin file must end in \.ts, \.mts, \.js, \.mjs/);
  });

  it('refuses two files with one plugin name, naming both', async () => {
    const a = file('a.mjs', `export default { name: 'Same', score: () => 0 };`);
    const b = file('b.mjs', `export default { name: 'Same', score: () => 1 };`);
    expect(await refusal([a, b])).toMatch(new RegExp(`b\\.mjs: default\\.name: "Same" is also the name of the plugin in .*a\\.mjs`));
  });

  it('refuses a file changed since the plan recorded it (what a worker checks)', async () => {
    const f = file('changing.mjs', `export default { name: 'C', score: () => 0 };`);
    const { plugins } = await loadUserPlugins([f]);
    await expect(loadUserPlugins([f], plugins)).resolves.toBeDefined();
    writeFileSync(f, `export default { name: 'C', score: () => 1 };`);
    await expect(loadUserPlugins([f], plugins)).rejects.toThrow(/changing\.mjs: the plugin file changed after the run was planned/);
  });
});

describe('a plan with user plugins', () => {
  it('hashes the plugin files by content: an edited plugin is another plan, a moved one the same', async () => {
    const { buildScenarioPlan } = await import('./scenario-plan.js');
    const { loadScenarios } = await import('./load-scenarios.js');
    const sub = mkdtempSync(join(dir, 'plan-'));
    const plugin = join(sub, 'p.mjs');
    writeFileSync(plugin, `export default { name: 'P', score: () => 1 };`);
    const scenario = join(sub, 's.yaml');
    writeFileSync(scenario, [
      'name: s', 'seeds: [1]', 'durationS: 60', 'plugins: [p.mjs]',
      'cluster: { generate: { pools: [{ name: n, count: 2, capacity: { cpu: "4", memory: 8Gi, pods: 10 } }] } }',
      'workload: { workloads: [{ kind: Deployment, name: w, replicas: 2, template: { requests: { cpu: 100m } }, arrival: { process: poisson, ratePerS: 1 } }] }',
      'policies: [{ name: p, extends: default, enable: [{ name: P, weight: 1 }] }]',
    ].join('\n'));
    const hash = async (f = scenario) => buildScenarioPlan(await loadScenarios([f], () => {})).hash;
    const first = await hash();
    expect(await hash()).toBe(first);
    const moved = mkdtempSync(join(dir, 'moved-'));
    cpSync(sub, moved, { recursive: true });
    expect(await hash(join(moved, 's.yaml'))).toBe(first);
    writeFileSync(plugin, `export default { name: 'P', score: () => 2 };`);
    expect(await hash()).not.toBe(first);
  });
});

describe('the advanced form', () => {
  it('a file exporting { name, create } gives the framework its own Plugin, args and env included', async () => {
    const f = file('advanced.mjs', [
      'export default {',
      "  name: 'NodeIdScore',",
      '  create(args, env) {',
      "    if (!env.model) throw new Error('no model');",
      '    const k = args?.k ?? 1;',
      "    return { name: 'NodeIdScore', score: (_cx, _pod, node) => Math.min(100, node * k) };",
      '  },',
      '};',
    ].join('\n'));
    const { registry } = await loadUserPlugins([f]);
    const { testCluster } = await import('../testing/builders.js');
    const { buildFramework } = await import('../framework/framework.js');
    const { explain } = await import('../framework/explain.js');
    const c = testCluster([0, 1, 2].map((i) => ({ name: `n${i}`, allocatable: { cpu: '1', memory: '1Gi', pods: 10 } })));
    const fw = buildFramework({ name: 'p', filter: [], score: [{ name: 'NodeIdScore', weight: 1 }], args: { NodeIdScore: { k: 10 } } }, registry, c.model);
    expect(explain(fw, c.state, c.pod({})).nodes.map((n) => n.scores[0]!.normalized)).toEqual([0, 10, 20]);
  });

  it('refuses a create that returns a plugin of another name', async () => {
    const f = file('advanced-bad.mjs', "export default { name: 'A', create: () => ({ name: 'B' }) };\n");
    const { registry } = await loadUserPlugins([f]);
    const { ModelContext } = await import('../model/model-context.js');
    expect(() => registry.get('A')!(undefined, { model: new ModelContext() })).toThrow(/advanced-bad\.mjs: default\.create: must return a Plugin named "A"/);
  });
});

