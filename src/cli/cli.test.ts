import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (f: string) => fileURLToPath(new URL(`../cluster/fixtures/${f}`, import.meta.url));

/** Runs the real `schedbench` entry point, as a user would. */
function schedbench(...args: string[]) {
  const r = spawnSync(process.execPath, ['src/cli/schedbench.js', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('schedbench CLI', () => {
  it('explain --json: every node with each plugin\'s verdict, and the best node', () => {
    const podFile = fixture('pending-pod.yaml');
    const r = schedbench('explain', '--cluster', fixture('snapshot.json'), '--pod', podFile, '--json');
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout) as { nodes: { node: string; feasible: boolean; filters: { plugin: string; status: string }[] }[]; best: string[] };
    expect(e.nodes.map((n) => [n.node, n.feasible])).toEqual([['node-a', false], ['node-b', true]]);
    expect(e.nodes[0]!.filters.find((f) => f.plugin === 'TaintToleration')!.status).toBe('UnschedulableAndUnresolvable');
    expect(e.best).toEqual(['node-b']);
  });

  it('bad input: one line on stderr naming file, line and field, exit 2, no stack trace', () => {
    const r = schedbench('explain', '--cluster', fixture('bad-quantity.json'), '--pod', fixture('pending-pod.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/bad-quantity\.json:9: pod default\/web-1: spec\.containers\[0\]\.resources\.requests\.cpu: "12x" is not a quantity/);
  });

  it('--help on a subcommand tells its options', () => {
    const r = schedbench('explain', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--cluster <files\.\.\.>/);
    expect(r.stdout).toMatch(/--profile <file>/);
  });
});
