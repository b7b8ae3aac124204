import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/** `schedbench explain` as a user runs it, on real dumps and hostile files built here. */

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (f: string) => fileURLToPath(new URL(`../cluster/fixtures/${f}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'schedbench-explain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const f = join(dir, name);
  writeFileSync(f, content);
  return f;
}

function schedbench(...args: string[]) {
  const r = spawnSync(process.execPath, ['src/cli/schedbench.js', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const POD = 'kind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, resources: {requests: {cpu: 100m}}}]\n';

describe('schedbench explain', () => {
  it('reads GET /api/v1/nodes and /api/v1/pods responses from separate files; a typo in the pod is a warning line', () => {
    const pod = write('typo-pod.yaml', `${POD}  nodeSelecter: {disk: ssd}\n`);
    const r = schedbench('explain', '--cluster', fixture('api-nodes.json'), fixture('api-pods.json'), '--pod', pod);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/best: worker-1/);
    expect(r.stderr).toBe(`schedbench: warning: ${pod}: fields that v1 Pod does not define (ignored): "spec.nodeSelecter"\n`);
  });

  it('a JSON pod with a byte order mark is accepted', () => {
    const pod = write('bom-pod.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }] } }))]));
    const r = schedbench('explain', '--cluster', fixture('api-nodes.json'), '--pod', pod, '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { best: string[] }).best).toEqual(['worker-1']);
  });

  it('takes a scenario\'s short policy form as --profile', () => {
    const profile = write('short.yaml', 'name: no-balance\nextends: default\ndisable: [NodeResourcesBalancedAllocation]\n');
    const r = schedbench('explain', '--cluster', fixture('api-nodes.json'), '--pod', write('pod.yaml', POD), '--profile', profile);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^pod default\/p, profile no-balance$/m);
    expect(r.stdout).toMatch(/NodeResourcesFit×1/);
    expect(r.stdout).not.toMatch(/NodeResourcesBalancedAllocation/);
  });

  it('an over-committed snapshot is a warning line naming the node', () => {
    const cluster = write('over.yaml', 'kind: Node\nmetadata: {name: tiny}\nstatus:\n  allocatable: {cpu: "1", memory: 1Gi, pods: "10"}\n---\nkind: Pod\nmetadata: {name: big}\nspec:\n  nodeName: tiny\n  containers: [{name: c, resources: {requests: {cpu: "2"}}}]\n');
    const r = schedbench('explain', '--cluster', cluster, '--pod', write('pod.yaml', POD));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('schedbench: warning: 1 node is already over-committed by their bound pods (requests above allocatable; no further pod fits there): "tiny"\n');
  });

  it('honours status.nominatedNodeName of pending pods in the cluster files (filtered with them, scored without)', () => {
    const nodes = ['a', 'b'].map((n) => `kind: Node\nmetadata: {name: ${n}, labels: {kubernetes.io/hostname: ${n}}}\nstatus:\n  allocatable: {cpu: "2", memory: 4Gi, pods: "10"}\n`);
    const waiting = 'kind: Pod\nmetadata: {name: waiting}\nspec:\n  priority: 100\n  containers: [{name: c, resources: {requests: {cpu: 1500m}}}]\nstatus: {nominatedNodeName: a}\n';
    const cluster = write('nominated.yaml', [...nodes, waiting].join('---\n'));
    const pod = write('one-cpu.yaml', 'kind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, resources: {requests: {cpu: "1"}}}]\n');
    const r = schedbench('explain', '--cluster', cluster, '--pod', pod, '--json');
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout) as { best: string[]; nodes: { node: string; feasible: boolean; filters: { plugin: string; reasons: string[] }[] }[] };
    expect(e.best).toEqual(['b']);
    const a = e.nodes.find((n) => n.node === 'a')!;
    expect(a.feasible).toBe(false);
    expect(a.filters.find((f) => f.plugin === 'NodeResourcesFit')!.reasons).toEqual(['with the pods nominated to this node: Insufficient cpu']);
  });

  const bad: { name: string; cluster: () => string; pod: () => string; profile?: () => string; err: RegExp }[] = [
    {
      name: 'a profile with a __proto__ key names it and its line',
      cluster: () => fixture('api-nodes.json'),
      pod: () => write('pod.yaml', POD),
      profile: () => write('proto-profile.yaml', 'name: p\nfilter: [NodeResourcesFit]\nscore: [{name: NodeResourcesFit, weight: 1}]\n__proto__: {x: 1}\n'),
      err: /proto-profile\.yaml:4: __proto__: unknown field "__proto__"$/,
    },
    {
      name: 'a profile weight that is no number quotes it',
      cluster: () => fixture('api-nodes.json'),
      pod: () => write('pod.yaml', POD),
      profile: () => write('weight-profile.yaml', 'name: p\nfilter: [NodeResourcesFit]\nscore: [{name: NodeResourcesFit, weight: Like}]\n'),
      err: /weight-profile\.yaml:3: score\[0\]\.weight: expected number, got "Like"$/,
    },
    {
      name: 'a negative request never reaches the scores (no NodeResourcesFit 102)',
      cluster: () => fixture('api-nodes.json'),
      pod: () => write('neg.yaml', 'kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    resources: {requests: {cpu: -500m, memory: -1Gi}}\n'),
      err: /neg\.yaml:6: pod default\/p: spec\.containers\[0\]\.resources\.requests\.cpu: must not be negative, got "-500m"$/,
    },
    {
      name: 'a YAML alias bomb in the cluster',
      cluster: () => write('bomb.yaml', `${['a0: &a0 [x,x,x,x,x,x,x,x,x,x]', ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(',')}]`)].join('\n')}\nkind: Node\n`),
      pod: () => write('pod.yaml', POD),
      err: /bomb\.yaml: YAML aliases expand too far \(limit: 10000 alias expansions per document\)$/,
    },
    {
      name: 'deeply nested JSON lists in the cluster',
      cluster: () => write('deep.json', `${'['.repeat(500_000)}${']'.repeat(500_000)}`),
      pod: () => write('pod.yaml', POD),
      err: /deep\.json: nested too deeply \(limit: 64 levels of lists and objects\)$/,
    },
    {
      name: 'a snapshot path pointing at a file that is no cluster (not echoed back)',
      cluster: () => write('passwd', 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n'),
      pod: () => write('pod.yaml', POD),
      err: /passwd:1: document 1: expected a Kubernetes object, got "root:x:0:0:root:\/root:\/bin\/bash daemon:x:1:1:daemon:\/usr\/s…$/,
    },
    {
      name: 'a cluster file without nodes',
      cluster: () => write('pods-only.yaml', POD),
      pod: () => write('pod.yaml', POD),
      err: /pods-only\.yaml: the cluster has no nodes/,
    },
    {
      name: 'a pod file with many objects',
      cluster: () => fixture('api-nodes.json'),
      pod: () => fixture('api-nodes.json'),
      err: /api-nodes\.json: expected exactly one Pod, found 2 objects \("Node", "Node"\)$/,
    },
    {
      name: 'a short policy disabling a plugin the default profile lacks names the field and its line',
      cluster: () => fixture('api-nodes.json'),
      pod: () => write('pod.yaml', POD),
      profile: () => write('short-bad.yaml', 'name: x\nextends: default\ndisable:\n  - NodeResourcesFit\n  - MagicScore\n'),
      err: /short-bad\.yaml:5: disable\[1\]: "MagicScore" is not a filter or score plugin of the default profile$/,
    },
  ];
  for (const c of bad) {
    it(c.name, () => {
      const r = schedbench('explain', '--cluster', c.cluster(), '--pod', c.pod(), ...(c.profile ? ['--profile', c.profile()] : []));
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.split('\n').filter((l) => l !== '');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^schedbench: /);
      expect(lines[0]).toMatch(c.err);
    });
  }
});
