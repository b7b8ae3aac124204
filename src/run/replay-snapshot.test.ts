import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../framework/profile.js';
import type { ProfileSpec } from '../framework/profile.js';
import { InputError } from '../model/errors.js';
import type { ReplayScope } from '../scenario/scenario-schema.js';
import type { CellResult } from './cell.js';
import { CellRunner, resultOf } from './run-cell.js';
import { buildScenarioPlan } from './scenario-plan.js';
import { whatifHeuristicPolicy, whatifScenario } from './whatif-scenario.js';

const fixture = (p: string) => fileURLToPath(new URL(`../cluster/fixtures/whatif/${p}`, import.meta.url));

/** The test cluster (src/cluster/fixtures/whatif) in each input shape it is written in. */
const SHAPES: readonly (readonly [string, readonly string[]])[] = [
  ['kubectl List with kinds', [fixture('list.json')]],
  ['raw API lists without kinds', [fixture('raw-lists')]],
  ['multi-document YAML', [fixture('cluster.yaml')]],
  ['cluster-info dump folder', [fixture('cluster-info-dump')]],
];

/** Where the dump has each pod (kubectl get pods -o wide, by hand). */
const DUMP: Readonly<Record<string, string>> = {
  'kube-system/kube-proxy-n1': 'n1', 'kube-system/kube-proxy-n2': 'n2', 'kube-system/kube-proxy-n3': 'n3', 'kube-system/kube-proxy-n4': 'n4',
  'kube-system/etcd-n1': 'n1', 'default/debug': 'n2',
  'default/web-5d8f-a': 'n1', 'default/web-5d8f-b': 'n2', 'default/web-5d8f-c': 'n3', 'default/web-5d8f-d': 'n4', 'default/web-5d8f-e': '',
  'team-a/db-0': 'n3', 'team-a/db-1': 'n4', 'team-a/batch-x7k2p': 'n4',
};
/** DaemonSet, mirror and bare pods: never replayed, never moved. */
const PINNED = ['kube-system/kube-proxy-n1', 'kube-system/kube-proxy-n2', 'kube-system/kube-proxy-n3', 'kube-system/kube-proxy-n4', 'kube-system/etcd-n1', 'default/debug'];
/** The replayed pods in creation order (creationTimestamp; web's pods were created d, a, c, b, e). */
const CREATION_ORDER = ['team-a/db-0', 'team-a/db-1', 'default/web-5d8f-d', 'default/web-5d8f-a', 'default/web-5d8f-c', 'default/web-5d8f-b', 'default/web-5d8f-e', 'team-a/batch-x7k2p'];

/** Bin packing: MostAllocated, no system default spreading, no balance score. */
const PACK: ProfileSpec = {
  ...defaultProfile('pack'),
  score: defaultProfile().score.filter((s) => s.name !== 'NodeResourcesBalancedAllocation'),
  args: { NodeResourcesFit: { scoringStrategy: { type: 'MostAllocated' } }, PodTopologySpread: { defaultingType: 'List', defaultConstraints: [] } },
};
const POLICIES: readonly ProfileSpec[] = [defaultProfile('default'), PACK, whatifHeuristicPolicy('BestFit')!];
const SEEDS = [1, 2, 3];

function runReplay(cluster: readonly string[], scope: ReplayScope = { kind: 'all' }, placements = false): CellResult[] {
  const scenario = { ...whatifScenario({ cluster, policies: POLICIES, seeds: SEEDS, scope }), placements };
  const plan = buildScenarioPlan([scenario]);
  const runner = new CellRunner(plan.world);
  return plan.cells.map((c) => {
    return resultOf(runner.run(c));
  });
}

describe('a replay of the test cluster, in every input shape', () => {
  const reference = runReplay(SHAPES[0]![1], { kind: 'all' }, true);
  for (const [shape, files] of SHAPES) {
    describe(shape, () => {
      const results = shape === SHAPES[0]![0] ? reference : runReplay(files, { kind: 'all' }, true);

      it('every controller-owned and pending pod appears once per policy and seed, in creation order', () => {
        expect(results).toHaveLength(POLICIES.length * SEEDS.length);
        for (const r of results) expect(r.whatif!.pods.map((p) => `${p.namespace}/${p.pod}`)).toEqual(CREATION_ORDER);
      });

      it('node_before is where the dump has the pod, and the workload is the top controller', () => {
        for (const r of results) {
          for (const p of r.whatif!.pods) expect(p.nodeBefore, `${p.namespace}/${p.pod}`).toBe(DUMP[`${p.namespace}/${p.pod}`]);
          const owners = new Map(r.whatif!.pods.map((p) => [p.pod, `${p.ownerKind}/${p.owner}`]));
          expect(owners.get('web-5d8f-a')).toBe('Deployment/web');
          expect(owners.get('db-0')).toBe('StatefulSet/db');
          expect(owners.get('batch-x7k2p')).toBe('Job/batch');
        }
      });

      it('pinned pods (DaemonSet, mirror, bare) never move', () => {
        for (const r of results) {
          for (const pod of PINNED) {
            const placed = r.run.placements!.find((p) => p.pod === pod.split('/')[1]);
            expect(placed, pod).toBeDefined();
            expect({ node: placed!.node, outcome: placed!.outcome }, pod).toEqual({ node: DUMP[pod], outcome: 'running' });
          }
        }
      });

      it('outcomes follow the nodes, and the counts are the rows\'', () => {
        for (const r of results) {
          const w = r.whatif!;
          for (const p of w.pods) {
            const want = p.nodeAfter === '' ? 'unschedulable' : p.nodeAfter === p.nodeBefore ? 'same' : 'moved';
            expect(p.outcome).toBe(want);
          }
          expect(w.after['pods_unschedulable']).toBe(w.pods.filter((p) => p.outcome === 'unschedulable').length);
          expect(w.after['pods_moved']).toBe(w.pods.filter((p) => p.outcome === 'moved' && p.nodeBefore !== '').length);
        }
      });

      it('gives the same results as the kubectl List (the dump is the same cluster)', () => {
        expect(results.map((r) => r.whatif)).toEqual(reference.map((r) => r.whatif));
      });
    });
  }

  it('measures the dump itself once, the same in every run: 1 pod pending, no node empty, 8.6 of 16 CPUs requested', () => {
    for (const r of reference) {
      // 4 kube-proxy x 100m + etcd 200m + debug 500m + web 4 x 1 + db 2 x 1.5 + batch 500m = 8.6 CPU of 16.
      expect(r.whatif!.dump).toMatchObject({ pods_moved: 0, pods_unschedulable: 1, nodes_empty: 0, cpu_alloc_in_use_pct: (8.6 / 16) * 100 });
    }
  });

  it('bin packing under MostAllocated leaves a node with only its DaemonSet pod (drainable); the default profile spreads and leaves none', () => {
    for (const r of reference) {
      const empty = r.whatif!.after['nodes_empty'];
      if (r.run.key.policy === 'pack') expect(empty).toBeGreaterThanOrEqual(1);
      if (r.run.key.policy === 'default') expect(empty).toBe(0);
      expect(r.whatif!.after['pods_unschedulable']).toBe(0);
    }
  });
});

describe('replay scopes', () => {
  const cluster = [fixture('list.json')];
  const cases: readonly { name: string; scope: ReplayScope; want: readonly string[] }[] = [
    { name: 'only team-a replays only its pods', scope: { kind: 'only', namespaces: ['team-a'] }, want: ['team-a/db-0', 'team-a/db-1', 'team-a/batch-x7k2p'] },
    { name: 'keep team-a replays every other namespace\'s', scope: { kind: 'keep', namespaces: ['team-a'] }, want: CREATION_ORDER.filter((p) => !p.startsWith('team-a/')) },
    { name: 'keep kube-system changes nothing (no pod there is replayed anyway)', scope: { kind: 'keep', namespaces: ['kube-system'] }, want: CREATION_ORDER },
  ];
  for (const c of cases) {
    it(c.name, () => {
      for (const r of runReplay(cluster, c.scope)) expect(r.whatif!.pods.map((p) => `${p.namespace}/${p.pod}`)).toEqual(c.want);
    });
  }

  it('keep: the kept namespace\'s pods stay where the dump has them', () => {
    for (const r of runReplay(cluster, { kind: 'keep', namespaces: ['team-a'] }, true)) {
      for (const pod of ['db-0', 'db-1', 'batch-x7k2p']) expect(r.run.placements!.find((p) => p.pod === pod)!.node).toBe(DUMP[`team-a/${pod}`]);
    }
  });

  it('a namespace without pods in the dump is an error naming the scenario path', () => {
    expect(() => runReplay(cluster, { kind: 'only', namespaces: ['team-a', 'team-b'] }))
      .toThrow('schedbench whatif: workload.replay.only[1]: no pod of the cluster is in namespace "team-b" (namespaces with pods: default, kube-system, team-a)');
  });
});
