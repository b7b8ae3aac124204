import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (f: string) => fileURLToPath(new URL(`../cluster/fixtures/${f}`, import.meta.url));

/** Runs the real `schedbench` entry point, as a user would. */
function schedbench(...args: string[]) {
  const r = spawnSync(process.execPath, ['src/cli/schedbench.js', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1' } });
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

describe('usage errors exit 2; --help and --version exit 0', () => {
  const cases = [
    { name: 'an unknown option', args: ['run', '--bogus', 'x.yaml'], code: 2, stderr: /^schedbench: unknown option '--bogus' \(see --help\)\n$/ },
    { name: 'a missing argument', args: ['report'], code: 2, stderr: /^schedbench: missing required argument 'dir' \(see --help\)\n$/ },
    { name: 'an option without its value', args: ['run', 'x.yaml', '--out'], code: 2, stderr: /^schedbench: option '--out <dir>' argument missing \(see --help\)\n$/ },
    { name: 'a required option missing', args: ['explain', '--pod', 'p.yaml'], code: 2, stderr: /^schedbench: required option '--cluster <files\.\.\.>' not specified \(see --help\)\n$/ },
    { name: 'an unknown command', args: ['rnu'], code: 2, stderr: /^schedbench: unknown command 'rnu' \(Did you mean run\?\) \(see --help\)\n$/ },
    { name: 'no command', args: [], code: 2, stderr: /^schedbench: expected a command: conformance, explain, figures, merge, openb, report, run or whatif \(see --help\)\n$/ },
    { name: '--help', args: ['--help'], code: 0, stderr: /^$/ },
    { name: '--version', args: ['--version'], code: 0, stderr: /^$/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = schedbench(...c.args);
      expect(r.code).toBe(c.code);
      expect(r.stderr).toMatch(c.stderr);
    });
  }
  it('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(schedbench('--version').stdout).toBe(`${pkg.version}\n`);
  });
});

describe('run --out: checked before any run, never deleting what schedbench did not write', () => {
  const scenario = fileURLToPath(new URL('../scenario/fixtures/good.yaml', import.meta.url));
  const work = mkdtempSync(join(tmpdir(), 'schedbench-cli-out-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  writeFileSync(join(work, 'file'), 'x');

  const refused: { name: string; out: (w: string) => string; setup?: (w: string) => void; want: (out: string) => string }[] = [
    {
      name: 'an openb-like folder with the user\'s thesis',
      setup: (w) => { mkdirSync(join(w, 'd')); writeFileSync(join(w, 'd', 'runs.csv'), 'a,b\n'); writeFileSync(join(w, 'd', 'thesis.tex'), 'keep'); },
      out: (w) => join(w, 'd'),
      want: (out) => `${out}: refusing to write here: the folder is not empty and schedbench did not write it (no .schedbench-report); give a new or empty folder, or remove this one yourself`,
    },
    { name: 'a folder under a regular file', out: (w) => join(w, 'file', 'r'), want: (out) => `${out}: cannot create the folder: ${join(work, 'file')} is a file, not a folder` },
    { name: 'an empty path', out: () => '', want: () => '--out: expected a folder, got ""' },
    { name: 'the root folder', out: () => '/', want: () => '/: refusing to write here: the folder is not empty and schedbench did not write it (no .schedbench-report); give a new or empty folder, or remove this one yourself' },
  ];
  for (const c of refused) {
    it(`refuses ${c.name}: one line, exit 2, no run started`, () => {
      c.setup?.(work);
      const out = c.out(work);
      const r = schedbench('run', scenario, '--out', out);
      expect(r.code).toBe(2);
      // Progress goes to stderr one line per run (CI=1): a single line means no run started.
      expect(r.stderr).toBe(`schedbench: ${c.want(out)}\n`);
      expect(r.stdout).toBe('');
    });
  }

  it('the thesis is still there', () => {
    expect(readdirSync(join(work, 'd')).sort()).toEqual(['runs.csv', 'thesis.tex']);
  });

  it('writes into a new folder, then replaces its own report', () => {
    const out = join(work, 'r');
    for (let i = 0; i < 2; i++) {
      const r = schedbench('run', scenario, '--seeds', '1', '--policy', 'default', '--out', out);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${out}/index.html\n`);
    }
    expect(readdirSync(work).sort()).toEqual(['d', 'file', 'r']);
  });
});
