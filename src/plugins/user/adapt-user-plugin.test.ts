import { describe, expect, it } from 'vitest';
import type { PluginNode, PluginPod, SchedulerPlugin } from '../../api/plugin-api.js';
import { explain } from '../../framework/explain.js';
import { registryCapabilities } from '../../framework/registry-capabilities.js';
import { buildFramework } from '../../framework/framework.js';
import { Scheduler } from '../../framework/scheduler.js';
import type { PluginFactory } from '../../framework/types.js';
import { Rng } from '../../generators/rng.js';
import type { Sym } from '../../model/ids.js';
import { testCluster } from '../../testing/builders.js';
import { inTreeRegistry } from '../index.js';
import { userPluginFactory } from './adapt-user-plugin.js';
import { UserPluginError } from './user-plugin-error.js';

const nodes = [
  { name: 'n0', allocatable: { cpu: '4', memory: '8Gi', pods: 110 }, labels: { color: 'green', zone: 'a' } },
  { name: 'n1', allocatable: { cpu: '4', memory: '8Gi', pods: 110 }, labels: { color: 'red', zone: 'a' }, taints: [{ key: 'k', value: 'v', effect: 'PreferNoSchedule' }] },
  { name: 'n2', allocatable: { cpu: '8', memory: '16Gi', pods: 110 }, labels: { color: 'green', zone: 'b' } },
];

function setup(plugin: SchedulerPlugin, point: 'filter' | 'score', args?: unknown) {
  const c = testCluster(nodes);
  const registry = new Map<string, PluginFactory>([...inTreeRegistry, [plugin.name, userPluginFactory(plugin)]]);
  const profile = point === 'filter'
    ? { name: 'p', filter: ['NodeResourcesFit', plugin.name], score: [{ name: 'NodeResourcesFit', weight: 1 }] }
    : { name: 'p', filter: ['NodeResourcesFit'], score: [{ name: plugin.name, weight: 1 }] };
  const fw = buildFramework(args === undefined ? profile : { ...profile, args: { [plugin.name]: args } }, registry, c.model, Rng.fromSeed(7));
  const scheduler = new Scheduler(fw, Rng.fromSeed(1));
  return { c, fw, scheduler };
}

describe('a user plugin of the simple contract', () => {
  it('filter: true passes, a string rejects the node with that reason', () => {
    const { c, scheduler } = setup({ name: 'GreenOnly', filter: (_p, n) => n.labels.color === 'green' || `node is ${n.labels.color}` }, 'filter');
    const d = scheduler.scheduleOne(c.state, c.pod({ requests: { cpu: '1' } }));
    expect(d.kind).toBe('bound');
    const e = explain(setup({ name: 'GreenOnly', filter: (_p, n) => n.labels.color === 'green' || `node is ${n.labels.color}` }, 'filter').fw, c.state, c.pod({ requests: { cpu: '1' } }));
    const n1 = e.nodes.find((n) => n.node === 'n1')!;
    expect(n1.feasible).toBe(false);
    expect(n1.filters.find((f) => f.plugin === 'GreenOnly')).toMatchObject({ status: 'Unschedulable', reasons: ['node is red'] });
  });

  it('the diagnosis of an unschedulable pod counts the plugin\'s reasons', () => {
    const { c, scheduler } = setup({ name: 'NoneFit', filter: (_p, n) => `too ${n.labels.color}` }, 'filter');
    const d = scheduler.scheduleOne(c.state, c.pod({}), { explainFailure: true });
    expect(d.kind).toBe('unschedulable');
    if (d.kind !== 'unschedulable') return;
    expect(d.diagnosis.message).toContain('0/3 nodes are available');
    expect(d.diagnosis.message).toContain('2 too green');
    expect(d.diagnosis.message).toContain('1 too red');
  });

  it('preFilter: a string rejects the pod everywhere, unresolvable', () => {
    const { c, fw } = setup({ name: 'NoBig', preFilter: (p) => (p.requests.cpu! > 2000 ? 'pod too big' : undefined) }, 'filter');
    const e = explain(fw, c.state, c.pod({ requests: { cpu: '3' } }));
    expect(e.preFilter.find((p) => p.plugin === 'NoBig')).toMatchObject({ result: 'reject', message: 'pod too big' });
    expect(e.nodes.every((n) => !n.feasible)).toBe(true);
    const ok = explain(fw, c.state, c.pod({ requests: { cpu: '1' } }));
    expect(ok.nodes.every((n) => n.feasible)).toBe(true);
  });

  it('score with normalize none: raw 0..100, truncated; the best node wins', () => {
    const { c, scheduler, fw } = setup({ name: 'Big', score: (_p, n) => n.allocatable.cpu! / 100 + 0.5 }, 'score');
    const d = scheduler.scheduleOne(c.state, c.pod({ requests: { cpu: '1' } }));
    expect(d.kind === 'bound' && c.model.symbols.text(c.state.nodeName[d.node] as Sym)).toBe('n2');
    const e = explain(fw, c.state, c.pod({}));
    expect(e.nodes.map((n) => n.scores[0]!.normalized)).toEqual([40, 40, 80]);
  });

  it.each([
    ['minmax', [0, 0, 100]],
    ['reverse-minmax', [100, 100, 0]],
  ] as const)('normalize %s', (normalize, expected) => {
    const { c, fw } = setup({ name: 'Cpu', score: (_p, n) => n.allocatable.cpu!, normalize }, 'score');
    expect(explain(fw, c.state, c.pod({})).nodes.map((n) => n.scores[0]!.normalized)).toEqual(expected);
  });

  it('equal raw scores normalize to 0 either way (no preference)', () => {
    for (const normalize of ['minmax', 'reverse-minmax'] as const) {
      const { c, fw } = setup({ name: 'Same', score: () => 5, normalize }, 'score');
      expect(explain(fw, c.state, c.pod({})).nodes.map((n) => n.scores[0]!.normalized)).toEqual([0, 0, 0]);
    }
  });

  it('the node view: name, labels, allocatable, requested, podCount, taints, cordon, gpus; frozen', () => {
    const seen: PluginNode[] = [];
    let pod: PluginPod | null = null;
    const { c, fw } = setup({ name: 'Look', filter: (p, n) => { pod = p; seen.push(n); return true; } }, 'filter');
    c.bound({ name: 'x', nodeName: 'n1', requests: { cpu: '500m', memory: '1Gi' } });
    explain(fw, c.state, c.pod({ name: 'me', namespace: 'team', labels: { app: 'web' }, requests: { cpu: '250m' } }));
    const n1 = seen.find((n) => n.name === 'n1')!;
    expect(n1.labels).toEqual({ color: 'red', zone: 'a' });
    expect(n1.allocatable).toMatchObject({ cpu: 4000, memory: 8 * 1024 ** 3, pods: 110 });
    expect(n1.requested).toMatchObject({ cpu: 500, memory: 1024 ** 3, pods: 1 });
    expect(n1.podCount).toBe(1);
    expect(n1.taints).toEqual([{ key: 'k', value: 'v', effect: 'PreferNoSchedule' }]);
    expect(n1.unschedulable).toBe(false);
    expect(n1.gpus).toBeNull();
    expect(Object.isFrozen(n1.labels) && Object.isFrozen(n1.requested)).toBe(true);
    expect(() => { (n1.requested as Record<string, number>).cpu = 0; }).toThrow(TypeError);
    expect(pod).toMatchObject({ name: 'me', namespace: 'team', labels: { app: 'web' }, requests: { cpu: 250, pods: 1 }, ownerKind: null, gpu: null });
  });

  it('args and ctx: pluginConfig args reach the plugin, nodeCount is live, random is seeded', () => {
    const draws = (seed: number) => {
      const out: number[] = [];
      const c = testCluster(nodes);
      const p: SchedulerPlugin<{ k: number }> = { name: 'R', score: (_p, _n, ctx) => { out.push(ctx.random()); return ctx.args.k * ctx.nodeCount; } };
      const registry = new Map<string, PluginFactory>([...inTreeRegistry, ['R', userPluginFactory(p as SchedulerPlugin)]]);
      const fw = buildFramework({ name: 'p', filter: [], score: [{ name: 'R', weight: 1 }], args: { R: { k: 10 } } }, registry, c.model, Rng.fromSeed(seed));
      const e = explain(fw, c.state, c.pod({}));
      return { out, raw: e.nodes.map((n) => n.scores[0]!.raw) };
    };
    expect(draws(1).raw).toEqual([30, 30, 30]);
    expect(draws(1).out).toEqual(draws(1).out);
    expect(draws(1).out).not.toEqual(draws(2).out);
    expect(draws(1).out.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('a user plugin that breaks the contract stops the run naming plugin, hook, pod and node', () => {
  const run = (plugin: SchedulerPlugin, point: 'filter' | 'score') => {
    const { c, scheduler } = setup(plugin, point);
    try {
      scheduler.scheduleOne(c.state, c.pod({ name: 'web-1', namespace: 'shop' }));
    } catch (e) {
      return e;
    }
    return null;
  };

  const cases: [string, SchedulerPlugin, 'filter' | 'score', RegExp][] = [
    ['score NaN', { name: 'P', score: (): number => NaN }, 'score', /plugin P: score\(pod shop\/web-1, node n\d\) returned NaN \(expected a finite number\)/],
    ['score out of range', { name: 'P', score: (): number => 101 }, 'score', /returned 101, outside 0\.\.100/],
    ['score not a number', { name: 'P', score: (): number => '5' as unknown as number }, 'score', /returned "5" \(expected a finite number\)/],
    ['filter returns false', { name: 'P', filter: (): true => false as unknown as true }, 'filter', /plugin P: filter\(pod shop\/web-1, node n0\) returned false \(expected true, or a non-empty string/],
    ['filter returns an empty reason', { name: 'P', filter: (): string => '' }, 'filter', /returned "" \(expected true/],
    ['preFilter returns a number', { name: 'P', preFilter: (): string => 3 as unknown as string, filter: (): true => true }, 'filter', /plugin P: preFilter\(pod shop\/web-1\) returned 3/],
  ];
  it.each(cases  )('%s', (_what, plugin, point, message) => {
    const e = run(plugin, point);
    expect(e).toBeInstanceOf(UserPluginError);
    expect((e as Error).message).toMatch(message);
  });

  it('a hook that throws: the message names where, and the plugin\'s own stack follows', () => {
    function userCode(): never {
      throw new RangeError('boom');
    }
    const e = run({ name: 'Thrower', filter: () => userCode() }, 'filter') as UserPluginError;
    expect(e).toBeInstanceOf(UserPluginError);
    expect(e.message.split('\n')[0]).toBe('plugin Thrower: filter(pod shop/web-1, node n0) threw RangeError: boom');
    expect(e.pluginStack).toContain('userCode');
    expect(UserPluginError.fromData(structuredClone(e.toData())).message).toBe(e.message);
  });
});

describe('checkArgs', () => {
  it('a string refuses the policy at args.<plugin>, before anything is scheduled', () => {
    const p: SchedulerPlugin = { name: 'Weighted', checkArgs: (a) => ((a as { w?: number } | undefined)?.w ?? 1) > 0 ? undefined : 'w must be positive', score: () => 0 };
    expect(() => setup(p, 'score', { w: -1 })).toThrow(/^args\.Weighted: w must be positive$/);
    expect(() => setup(p, 'score', { w: 2 })).not.toThrow();
  });

  it('a checkArgs that throws is the plugin\'s error, with its stack', () => {
    const p: SchedulerPlugin = { name: 'Bad', checkArgs: () => { throw new TypeError('nope'); }, score: () => 0 };
    expect(() => setup(p, 'score', {})).toThrow(/^plugin Bad: checkArgs\(args\) threw TypeError: nope\n/);
  });
});

describe('the extension points of a user plugin', () => {
  it('are declared by its hooks, so a plugin whose args are required is never built without them', () => {
    const needy: SchedulerPlugin = { name: 'Needy', checkArgs: (a) => (a === undefined ? 'args are required' : undefined), score: () => 0 };
    const registry = new Map<string, PluginFactory>([[needy.name, userPluginFactory(needy)], ['GreenOnly', userPluginFactory({ name: 'GreenOnly', preFilter: () => undefined })]]);
    const caps = registryCapabilities(registry, testCluster(nodes).model);
    expect([caps.scores('Needy'), caps.filters('Needy'), caps.filters('GreenOnly'), caps.scores('GreenOnly')]).toEqual([true, false, true, false]);
  });
});
