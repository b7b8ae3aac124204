import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (f: string) => fileURLToPath(new URL(`../cluster/fixtures/${f}`, import.meta.url));
const example = (f: string) => join(root, 'examples', 'plugins', f);
const dir = mkdtempSync(join(tmpdir(), 'schedbench-user-plugins-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the real `schedbench` entry point, as a user would. */
function schedbench(...args: string[]) {
  const r = spawnSync(process.execPath, ['src/cli/schedbench.js', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

/** A small scenario using `plugins` and the given policies, written beside the plugin files it names. */
function scenario(name: string, plugins: string[], policies: string): string {
  return file(`${name}.yaml`, [
    `name: ${name}`, 'seeds: [1, 2]', 'durationS: 600',
    `plugins: [${plugins.map((p) => JSON.stringify(p)).join(', ')}]`,
    'cluster: { generate: { pools: [{ name: n, count: 6, capacity: { cpu: "4", memory: 8Gi, pods: 30 } }] } }',
    'workload: { workloads: [{ kind: Deployment, name: web, replicas: 20, template: { requests: { cpu: 300m, memory: 512Mi } }, arrival: { process: poisson, ratePerS: 0.2 } }] }',
    `policies: ${policies}`,
  ].join('\n'));
}

describe('user plugins through the CLI', () => {
  it('run: a scenario\'s plugins load in the worker threads and give the same CSVs as in one thread', () => {
    const s = scenario('fewest', [example('fewest-pods.ts')], '[{ name: default, extends: default }, { name: fewest, extends: default, enable: [{ name: FewestPods, weight: 5 }] }]');
    const a = schedbench('run', s, '--jobs', '2', '--out', join(dir, 'a'));
    const b = schedbench('run', s, '--jobs', '1', '--out', join(dir, 'b'));
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const runs = (d: string) => readFileSync(join(dir, d, 'runs.csv'), 'utf8');
    expect(runs('a')).toBe(runs('b'));
    expect(runs('a')).toMatch(/^fewest,fewest,1,/m);
  });

  it('run --plugin: a plugin file from the command line, enabled by a KubeSchedulerConfiguration with pluginConfig args', () => {
    const s = scenario('alloc', [], `
  - apiVersion: kubescheduler.config.k8s.io/v1
    kind: KubeSchedulerConfiguration
    profiles:
      - schedulerName: most
        plugins: { score: { enabled: [{ name: NodeResourcesAllocatable, weight: 2 }] } }
        pluginConfig: [{ name: NodeResourcesAllocatable, args: { mode: Most } }]`);
    const r = schedbench('run', s, '--plugin', example('node-resources-allocatable.ts'), '--jobs', '1', '--out', join(dir, 'alloc'));
    expect(r.code, r.stderr).toBe(0);
    const bad = file('alloc-bad.yaml', readFileSync(s, 'utf8').replace('mode: Most', 'mode: Middle'));
    const refused = schedbench('run', bad, '--plugin', example('node-resources-allocatable.ts'), '--out', join(dir, 'alloc-bad'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/alloc-bad\.yaml:\d+: policies\[0\]: policy most: args\.NodeResourcesAllocatable: invalid mode, got Middle/);
    expect(existsSync(join(dir, 'alloc-bad'))).toBe(false);
  });

  it('a plugin that breaks the contract stops the run: one line naming plugin, hook, pod and node, its stack, exit 2, nothing left behind', () => {
    const broken = file('broken-plugin.mjs', 'export default { name: "Broken", score(pod, node) { if (node.podCount > 2) throw new Error("too many pods"); return 50; } };\n');
    const s = scenario('broken', [broken], '[{ name: b, extends: default, enable: [{ name: Broken, weight: 1 }] }]');
    for (const jobs of ['1', '2']) {
      const out = join(dir, `broken-${jobs}`);
      const r = schedbench('run', s, '--jobs', jobs, '--out', out);
      expect(r.code).toBe(2);
      const lines = r.stderr.split('\n').filter((l) => l.startsWith('schedbench:'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^schedbench: plugin Broken: score\(pod default\/web-\S+, node n-\d+\) threw Error: too many pods$/);
      expect(r.stderr).toContain('broken-plugin.mjs');
      expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    }
  });

  it('a scenario naming a plugin file that does not exist: file, line and field', () => {
    const s = scenario('missing', ['nope.ts'], '[{ name: d, extends: default }]');
    const r = schedbench('run', s, '--out', join(dir, 'missing'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/missing\.yaml:4: plugins\[0\]: .*nope\.ts: no such file$/);
  });

  it('explain --plugin: the plugin\'s raw, normalized and weighted scores like a built-in\'s', () => {
    const profile = file('profile.yaml', 'name: fewest\nextends: default\nenable: [{ name: FewestPods, weight: 3 }]\n');
    const r = schedbench('explain', '--cluster', fixture('snapshot.json'), '--pod', fixture('pending-pod.yaml'), '--profile', profile, '--plugin', example('fewest-pods.ts'), '--json');
    expect(r.code, r.stderr).toBe(0);
    const e = JSON.parse(r.stdout) as { nodes: { feasible: boolean; scores: { plugin: string; weight: number; raw: number | null; normalized: number; weighted: number }[] }[] };
    const row = e.nodes.find((n) => n.feasible)!.scores.find((s) => s.plugin === 'FewestPods')!;
    expect(row.weight).toBe(3);
    expect(row.weighted).toBe(row.normalized * 3);
    expect(typeof row.raw).toBe('number');
  });

  it('openb --plugin: a user score plugin runs as a heuristic; an unknown one is named with the known ones', () => {
    const r = schedbench('openb', '--seeds', '1', '--policies', 'KeepWholeGpus', '--plugin', example('keep-whole-gpus.ts'), '--inflate', '0.3', '--jobs', '1', '--out', join(dir, 'openb'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^KeepWholeGpus\s+1\s+/m);
    const bad = schedbench('openb', '--policies', 'KeepWholeGpu', '--plugin', example('keep-whole-gpus.ts'), '--out', join(dir, 'openb-bad'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--policies: unknown policy "KeepWholeGpu" \(known: .*, KeepWholeGpus, default/);
  });

  it.each([
    ['compare.yaml', []],
    ['compare-gpu.yaml', ['--policy', 'keep-whole-gpus-only']],
  ])('the example scenario %s runs', (name, extra) => {
    const r = schedbench('run', example(name), '--seeds', '1', '--jobs', '2', ...extra, '--out', join(dir, `example-${name}`));
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, `example-${name}`, 'runs.csv'), 'utf8').split('\n').length).toBeGreaterThan(2);
  });

  it('whatif --plugin: a user score plugin re-places a dump\'s pods like a heuristic', () => {
    const out = join(dir, 'whatif');
    const r = schedbench('whatif', '--cluster', fixture('whatif/list.json'), '--policies', 'default,FewestPods', '--plugin', example('fewest-pods.ts'), '--seeds', '1', '--jobs', '1', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'whatif.csv'), 'utf8')).toMatch(/^FewestPods,1,/m);
  });

  it('the README\'s example plugin and policies, written outside any package (CommonJS to Node), run as the README says', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Write your own policy'));
    const code = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
    const policies = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    const home = mkdtempSync(join(dir, 'readme-'));
    mkdirSync(join(home, 'plugins'));
    writeFileSync(join(home, 'plugins', 'prefer-green.ts'), code);
    const s = join(home, 'green.yaml');
    writeFileSync(s, [
      'name: green', 'seeds: [1]', 'durationS: 600', 'placements: true',
      'cluster: { generate: { pools: [{ name: g, count: 3, capacity: { cpu: "4", memory: 8Gi, pods: 30 }, labels: { color: green } }, { name: r, count: 3, capacity: { cpu: "4", memory: 8Gi, pods: 30 }, labels: { color: red } }, { name: m, count: 2, capacity: { cpu: "4", memory: 8Gi, pods: 30 }, labels: { color: green, maintenance: "true" } }] } }',
      'workload: { workloads: [{ kind: Deployment, name: web, replicas: 20, template: { requests: { cpu: 300m, memory: 512Mi } }, arrival: { process: poisson, ratePerS: 0.2 } }] }',
      policies,
    ].join('\n'));
    const r = schedbench('run', s, '--jobs', '1', '--out', join(home, 'out'));
    expect(r.code, r.stderr).toBe(0);
    const rows = readFileSync(join(home, 'out', 'placements.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    // placements.csv: scenario,policy,seed,pod,node,...: the green policies use green nodes out of maintenance only.
    for (const policy of ['green', 'green-kube']) {
      const nodes = rows.filter((x) => x[1] === policy).map((x) => x[4]!);
      expect(nodes.length).toBe(20);
      expect(nodes.every((n) => n.startsWith('g-')), policy).toBe(true);
    }
  });
});
