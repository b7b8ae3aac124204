import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { METRICS } from '../metrics/catalogue.js';
import { WHATIF_MEASURES } from '../metrics/whatif-measures.js';
import { readReportFolder, rebuildHtml } from '../report/index.js';
import { deterministicReportFiles } from '../testing/deterministic-report-files.js';

const bin = fileURLToPath(new URL('./schedbench.js', import.meta.url));
const dump = fileURLToPath(new URL('../cluster/fixtures/whatif/cluster-info-dump', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'schedbench-whatif-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const schedbench = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
const POLICIES = 'default,BestFit';

describe('schedbench whatif', () => {
  const out = join(root, 'whatif');
  const first = schedbench(['whatif', '--cluster', dump, '--policies', POLICIES, '--seeds', '1-3', '--jobs', '2', '--out', out]);

  it('writes the report with whatif.csv: one row per replayed pod per policy and seed, in the issue\'s columns', () => {
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^measure +dump +default: mean \(vs dump\) +BestFit: mean \(vs dump\)\n/);
    expect(first.stdout.trimEnd().split('\n').at(-1)).toBe(join(out, 'index.html'));
    const lines = readFileSync(join(out, 'whatif.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('policy,seed,namespace,pod,owner_kind,owner,node_before,node_after,outcome');
    // 8 replayed pods (4 web running + 1 pending, 2 db, 1 batch) x 2 policies x 3 seeds.
    expect(lines).toHaveLength(1 + 8 * 2 * 3);
    expect(lines[1]).toMatch(/^default,1,team-a,db-0,StatefulSet,db,n3,n\d,(same|moved)$/);
    expect(lines.filter((l) => l.includes(',web-5d8f-e,'))[0]).toMatch(/^default,1,default,web-5d8f-e,Deployment,web,,n\d,moved$/);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<section id="whatif">');
    expect(html).toContain('<span class="label" title="Live nodes holding no pods but DaemonSet and mirror (static) pods');
  });

  it('the same arguments give the same CSVs, whatever --jobs', () => {
    const again = schedbench(['whatif', '--cluster', dump, '--policies', POLICIES, '--seeds', '1-3', '--jobs', '1', '--out', join(root, 'again')]);
    expect(again.status, again.stderr).toBe(0);
    expect(deterministicReportFiles(join(root, 'again'))).toEqual(deterministicReportFiles(out));
  });

  it('shards merge into the same report, byte for byte', () => {
    for (const k of [1, 2]) {
      const s = schedbench(['whatif', '--cluster', dump, '--policies', POLICIES, '--seeds', '1-3', '--jobs', '1', '--shard', `${k}/2`, '--out', join(root, `shard-${k}`)]);
      expect(s.status, s.stderr).toBe(0);
    }
    const merged = schedbench(['merge', join(root, 'shard-1'), join(root, 'shard-2'), '--out', join(root, 'merged')]);
    expect(merged.status, merged.stderr).toBe(0);
    expect(deterministicReportFiles(join(root, 'merged'))).toEqual(deterministicReportFiles(out));
  });

  it('the page is rebuilt from the CSVs byte for byte, and whatif tables read back', () => {
    const before = readFileSync(join(out, 'index.html'), 'utf8');
    rebuildHtml(out, [...METRICS, ...WHATIF_MEASURES]);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe(before);
    const w = readReportFolder(out).tables.whatif!;
    expect(w.pods).toHaveLength(8 * 2 * 3);
    expect(w.summary.map((s) => `${s.policy}/${s.measure}`)).toEqual(['default', 'BestFit'].flatMap((p) => WHATIF_MEASURES.map((m) => `${p}/${m.id}`)));
    expect(w.summary.every((s) => s.n === 3 && s.dump === w.summary.find((x) => x.measure === s.measure)!.dump)).toBe(true);
  });

  it('a report whose whatif.csv lost rows is refused when rebuilt', () => {
    const cut = join(root, 'cut');
    const copy = schedbench(['whatif', '--cluster', dump, '--policies', 'default', '--seeds', '1', '--jobs', '1', '--out', cut]);
    expect(copy.status, copy.stderr).toBe(0);
    const file = join(cut, 'whatif.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    // Drop the row of a pod that the dump had on a node and that moved.
    const moved = lines.findIndex((l, i) => i > 0 && /,n\d,n\d,moved$/.test(l));
    expect(moved).toBeGreaterThan(0);
    writeFileSync(file, lines.filter((_, i) => i !== moved).join('\n'));
    const r = schedbench(['report', cut]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/whatif\.csv: policy "default", seed 1: \d rows count as pods_moved, but whatif-runs\.csv says \d \(line 2\): the files do not match/);
  });

  const errors: readonly { name: string; args: string[]; want: string }[] = [
    { name: 'an unknown namespace', args: ['--only', 'team-a,nope'], want: 'schedbench: --only: no pod of the cluster is in namespace "nope" (namespaces with pods: default, kube-system, team-a)\n' },
    { name: '--keep with --only', args: ['--keep', 'team-a', '--only', 'default'], want: 'schedbench: --only: give --keep or --only, not both\n' },
    { name: 'an unknown policy', args: ['--policies', 'default,Tetris'], want: 'schedbench: --policies: unknown policy "Tetris" (known: default, Random, FirstFit, BestFit, WorstFit, DotProduct, GpuPacking, GpuClustering, FGD, or a policy file ending in .yaml, .yml or .json)\n' },
    { name: 'a policy twice', args: ['--policies', 'default,default'], want: 'schedbench: --policies: policy "default" is named twice; each policy needs its own name (a KubeSchedulerConfiguration names its profiles by schedulerName)\n' },
  ];
  for (const c of errors) {
    it(`refuses ${c.name} before any cell, writing nothing`, () => {
      const dir = join(root, `bad-${c.name.replace(/\W+/g, '-')}`);
      const r = schedbench(['whatif', '--cluster', dump, '--jobs', '1', '--out', dir, ...c.args]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(c.want);
      expect(existsSync(dir)).toBe(false);
    });
  }

  it('--help names every option', () => {
    const r = schedbench(['whatif', '--help']);
    expect(r.status).toBe(0);
    for (const flag of ['--cluster', '--policies', '--seeds', '--keep', '--only', '--out', '--jobs', '--shard', '--resume']) expect(r.stdout).toContain(flag);
  });
});
