import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../model/errors.js';
import { loadOpenbNodes, loadOpenbPods } from '../generators/traces/openb.js';
import { OpenbCellRunner } from './openb-cell.js';
import { buildOpenbPlan } from './openb-plan.js';
import { openbDefaultPolicy, openbHeuristicPolicy } from './openb-policies.js';
import type { OpenbWorld } from './openb-world.js';

const fixture = (f: string) => fileURLToPath(new URL(`./fixtures/openb/${f}`, import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'openb-plan-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
/** A list written for one test: a header and rows. */
const list = (name: string, lines: string[]) => {
  const file = join(tmp, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};
const POD_HEADER = 'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time';

const world: OpenbWorld = {
  nodesFile: fixture('nodes.csv'), podsFile: fixture('pods.csv'), inflate: 1.3, tieBreak: 'node-rank',
  policies: ['Random', 'FGD'].map((p) => openbHeuristicPolicy(p)!),
};

describe('buildOpenbPlan', () => {
  it('one cell per policy and seed, policies outer; the first policy is the baseline', () => {
    const plan = buildOpenbPlan({ ...world, policies: [...world.policies, openbDefaultPolicy()] }, [1, 2]);
    expect(plan.cells.map((c) => c.id)).toEqual(['openb/Random/1', 'openb/Random/2', 'openb/FGD/1', 'openb/FGD/2', 'openb/default/1', 'openb/default/2']);
    expect(plan.report).toMatchObject({ kind: 'openb', baselines: [['openb', 'Random']] });
    expect(buildOpenbPlan(world, [1, 2]).hash).toBe(buildOpenbPlan(world, [1, 2]).hash);
    expect(buildOpenbPlan(world, [1, 3]).hash).not.toBe(buildOpenbPlan(world, [1, 2]).hash);
  });

  it('hands the lists it read to the workers (OpenbWorld.lists), outside the hash, and a runner given them runs as one reading the files', () => {
    const plan = buildOpenbPlan(world, [1]);
    if (plan.world.kind !== 'openb') throw new Error('expected an openb world');
    const lists = plan.world.openb.lists!;
    expect(lists.nodes).toEqual(loadOpenbNodes(world.nodesFile));
    expect(lists.pods).toEqual(loadOpenbPods(world.podsFile));
    // Lists given with the world are neither hashed (the files' digests are) nor kept.
    const given = buildOpenbPlan({ ...world, lists: { nodes: [], pods: [] } }, [1]);
    expect(given.hash).toBe(plan.hash);
    expect(given.world.kind === 'openb' && given.world.openb.lists).toEqual(lists);
    const task = { kind: 'openb' as const, policy: 'FGD', seed: 1 };
    const { wallMs: _a, ...fromLists } = new OpenbCellRunner(plan.world.openb).run('openb/FGD/1', task);
    const { wallMs: _b, ...fromFiles } = new OpenbCellRunner(world).run('openb/FGD/1', task);
    expect(JSON.stringify(fromLists, (k, v) => (k === 'timing' ? undefined : v))).toBe(JSON.stringify(fromFiles, (k, v) => (k === 'timing' ? undefined : v)));
  });

  it('the default policy is kube\'s default profile behind the GPU filters', () => {
    const p = openbDefaultPolicy().profile;
    expect(p.filter.slice(0, 2)).toEqual(['GpuModel', 'GpuFit']);
    expect(p.filter).toContain('NodeResourcesFit');
    expect(p.score.map((s) => s.name)).toContain('NodeResourcesBalancedAllocation');
  });

  // Every refusal comes from the plan, so it is made before the pool starts.
  const bad: { name: string; world?: Partial<OpenbWorld>; seeds?: number[]; err: RegExp }[] = [
    { name: 'no seed', seeds: [], err: /^--seeds: expected at least one seed$/ },
    { name: 'no policy', world: { policies: [] }, err: /^--policies: expected at least one policy$/ },
    { name: 'a policy listed twice', world: { policies: [world.policies[0]!, world.policies[0]!] }, err: /^--policies: policy "Random" is listed twice$/ },
    { name: 'an inflation of 1e6', world: { inflate: 1e6 }, err: /^--inflate: expected a positive number up to 10 \(the limit scenario files have too\), got 1000000$/ },
    { name: 'a NaN inflation', world: { inflate: Number.NaN }, err: /^--inflate: expected a positive number up to 10 .*, got NaN$/ },
    { name: 'a zero inflation', world: { inflate: 0 }, err: /^--inflate: expected a positive number up to 10 .*, got 0$/ },
    { name: 'a cluster without GPUs', world: { nodesFile: fixture('nodes-cpu-only.csv') }, err: /nodes-cpu-only\.csv: the node list has no GPU \(the experiment measures GPU allocation\)$/ },
    { name: 'a node list with no nodes', world: { nodesFile: list('no-nodes.csv', ['sn,cpu_milli,memory_mib,gpu,model']) }, err: /no-nodes\.csv: the node list has no nodes$/ },
    { name: 'a missing pod list', world: { podsFile: fixture('nope.csv') }, err: /nope\.csv: cannot read: no such file$/ },
    { name: 'a pod list with no task', world: { podsFile: list('no-pods.csv', [POD_HEADER]) }, err: /no-pods\.csv: the pod list has no tasks$/ },
    { name: 'a pod list with no GPU task', world: { podsFile: list('cpu-pods.csv', [POD_HEADER, 'p-0,4000,15360,0,0,,LS,Running,0,100,0']) }, err: /cpu-pods\.csv: the pod list has no GPU task$/ },
  ];
  for (const b of bad) {
    it(`refuses ${b.name} with an InputError`, () => {
      const build = () => buildOpenbPlan({ ...world, ...b.world }, b.seeds ?? [1]);
      expect(build).toThrow(InputError);
      expect(build).toThrow(b.err);
    });
  }
});
