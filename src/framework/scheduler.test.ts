import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../generators/rng.js';
import type { NodeId } from '../model/ids.js';
import { testCluster } from '../testing/builders.js';
import { isExplained, UNEXPLAINED_REASONS } from './diagnosis.js';
import { buildFramework } from './framework.js';
import { Scheduler } from './scheduler.js';
import type { CycleContext, Diagnosis, Plugin, PluginFactory } from './types.js';
import { PASS, Rejection, SKIP } from './types.js';
import { verdictReasons, verdictStatus } from './verdict.js';

/** Toy plugins that make the framework's own behaviour visible. */
function registry(log: string[] = []) {
  const rejectOdd: Plugin = {
    name: 'RejectOdd',
    reasons: [{ text: 'node(s) were odd', unresolvable: false }],
    filter: (_cx, _pod, node) => (node % 2 === 1 ? 1 : PASS),
  };
  const rejectAll: Plugin = {
    name: 'RejectAll',
    reasons: [{ text: 'node(s) had no room', unresolvable: false }, { text: 'node(s) were bad', unresolvable: true }],
    filter: (_cx, _pod, node) => (node < 2 ? 1 : 2),
  };
  const record: Plugin<undefined, undefined> = {
    name: 'Record',
    filter: (cx, _pod, node) => { log.push(String(node)); return PASS; },
  };
  const nodeIdScore: Plugin<undefined, undefined> = {
    name: 'NodeId',
    score: (_cx, _pod, node) => node,
    normalize: (_cx, _pod, _list, scores) => { for (let i = 0; i < scores.length; i++) scores[i] = scores[i]! * 10; },
  };
  const skipping: Plugin<undefined, undefined> = {
    name: 'Skipping',
    preScore: () => SKIP,
    score: () => { throw new Error('score after Skip'); },
  };
  const gate: Plugin = { name: 'Gate', preFilter: () => new Rejection('pod is gated', true), filter: () => PASS };
  return new Map<string, PluginFactory>([
    ['RejectOdd', () => rejectOdd], ['RejectAll', () => rejectAll], ['Record', () => record],
    ['NodeId', () => nodeIdScore], ['Skipping', () => skipping], ['Gate', () => gate],
  ]);
}

const nodes = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `n${i}`, allocatable: { cpu: '1', memory: '1Gi', pods: 10 } }));

describe('Scheduler.scheduleOne', () => {
  it('filters, scores with weights and picks the best node', () => {
    const c = testCluster(nodes(5));
    const fw = buildFramework({ name: 't', filter: ['RejectOdd'], score: [{ name: 'NodeId', weight: 2 }, { name: 'Skipping', weight: 1 }] }, registry(), c.model);
    const d = new Scheduler(fw, Rng.fromSeed(1)).scheduleOne(c.state, c.pod({}));
    expect(d.kind).toBe('bound');
    if (d.kind !== 'bound') return;
    expect(d.node).toBe(4);
    expect(d.score).toBe(4 * 10 * 2);
    expect([...d.pluginScores]).toEqual([80, 0]);
    expect(d.feasibleNodes).toBe(3);
  });

  it('words the diagnosis as kube-scheduler does, reasons sorted', () => {
    const c = testCluster(nodes(5));
    const fw = buildFramework({ name: 't', filter: ['RejectAll'], score: [] }, registry(), c.model);
    const d = new Scheduler(fw, Rng.fromSeed(1)).scheduleOne(c.state, c.pod({}));
    expect(d.kind).toBe('unschedulable');
    if (d.kind !== 'unschedulable') return;
    expect(d.diagnosis.message).toBe('0/5 nodes are available: 2 node(s) had no room, 3 node(s) were bad.');
    expect(d.diagnosis.unresolvable).toBe(false);
  });

  it('a PreFilter rejection ends the cycle with its message', () => {
    const c = testCluster(nodes(3));
    const fw = buildFramework({ name: 't', filter: ['Gate'], score: [] }, registry(), c.model);
    const d = new Scheduler(fw, Rng.fromSeed(1)).scheduleOne(c.state, c.pod({}));
    expect(d.kind === 'unschedulable' && d.diagnosis.message).toBe('0/3 nodes are available: pod is gated.');
    expect(d.kind === 'unschedulable' && d.diagnosis.unresolvable).toBe(true);
  });

  it('an empty cluster says no nodes are available', () => {
    const c = testCluster([]);
    const fw = buildFramework({ name: 't', filter: [], score: [] }, registry(), c.model);
    const d = new Scheduler(fw, Rng.fromSeed(1)).scheduleOne(c.state, c.pod({}));
    expect(d.kind === 'unschedulable' && d.diagnosis.message).toBe('no nodes available to schedule pods');
  });

  it('rotates the search start by the nodes processed, as nextStartNodeIndex does', () => {
    const log: string[] = [];
    const c = testCluster(nodes(250));
    // 250 nodes at 40% -> 100 feasible nodes to find per cycle.
    const fw = buildFramework({ name: 't', filter: ['Record'], score: [], percentageOfNodesToScore: 40 }, registry(log), c.model);
    const s = new Scheduler(fw, Rng.fromSeed(1));
    s.scheduleOne(c.state, c.pod({}));
    expect(log.length).toBe(100);
    expect(log[0]).toBe('0');
    log.length = 0;
    s.scheduleOne(c.state, c.pod({}));
    expect(log[0]).toBe('100');
    log.length = 0;
    s.scheduleOne(c.state, c.pod({}));
    expect(log[0]).toBe('200');
    expect(log[50]).toBe('0'); // wrapped around
  });

  it('with one feasible node, binds there without scoring', () => {
    const c = testCluster(nodes(2));
    const fw = buildFramework({ name: 't', filter: ['RejectOdd'], score: [{ name: 'NodeId', weight: 1 }] }, registry(), c.model);
    const d = new Scheduler(fw, Rng.fromSeed(1)).scheduleOne(c.state, c.pod({}));
    expect(d.kind === 'bound' && d.node).toBe(0 as NodeId);
    expect(d.kind === 'bound' && d.score).toBe(0);
  });
});

describe('buildFramework', () => {
  const c = testCluster([]);
  const cases = [
    { name: 'unknown plugin', spec: { name: 't', filter: ['Nope'], score: [] }, err: /filter\[0\]: unknown plugin "Nope"/ },
    { name: 'zero weight', spec: { name: 't', filter: [], score: [{ name: 'NodeId', weight: 0 }] }, err: /score\[0\]\.weight: expected a positive integer/ },
    { name: 'plugin without Filter in filter list', spec: { name: 't', filter: ['NodeId'], score: [] }, err: /has no Filter/ },
    { name: 'percentage over 100', spec: { name: 't', filter: [], score: [], percentageOfNodesToScore: 101 }, err: /percentageOfNodesToScore/ },
    { name: 'args for a disabled plugin', spec: { name: 't', filter: [], score: [], args: { RejectOdd: {} } }, err: /args\.RejectOdd/ },
  ];
  for (const k of cases) it(k.name, () => expect(() => buildFramework(k.spec, registry(), c.model)).toThrow(k.err));
});

describe('Scheduler with a PreFilterResult', () => {
  it('visits only the named nodes and leaves the others out of the diagnosis', () => {
    const c = testCluster(nodes(4));
    const { symbols } = c.model;
    const pin: Plugin<Int32Array> = {
      name: 'Pin',
      reasons: [{ text: 'node(s) were odd', unresolvable: false }],
      preFilter: () => Int32Array.of(symbols.intern('n1'), symbols.intern('n3')),
      preFilterNodeNames: (names) => names,
      filter: (_cx, _pod, node) => (node % 2 === 1 ? 1 : PASS),
    };
    const reg = new Map<string, PluginFactory>([['Pin', () => pin as Plugin]]);
    const fw = buildFramework({ name: 't', filter: ['Pin'], score: [] }, reg, c.model);
    const d = new Scheduler(fw, Rng.fromSeed(1)).scheduleOne(c.state, c.pod({}));
    expect(d.kind === 'unschedulable' && d.diagnosis.message).toBe('0/4 nodes are available: 2 node(s) were odd.');
  });
});

describe('Scheduler.scheduleOne with explainFailure: false', () => {
  const resolvable: Plugin = {
    name: 'Resolvable', reasons: [{ text: 'node(s) had no room', unresolvable: false }], filter: () => 1,
  };
  const unresolvable: Plugin = {
    name: 'Unresolvable', reasons: [{ text: 'x', unresolvable: false }, { text: 'node(s) were bad', unresolvable: true }], filter: () => 3,
  };
  const mixed: Plugin = {
    name: 'Mixed', reasons: [{ text: 'node(s) had no room', unresolvable: false }, { text: 'node(s) were bad', unresolvable: true }],
    filter: (_cx, _pod, node) => (node === 2 ? 1 : 2),
  };
  const reg = new Map<string, PluginFactory>([
    ['Resolvable', () => resolvable], ['Unresolvable', () => unresolvable], ['Mixed', () => mixed], ...registry(),
  ]);
  const cases = [
    { name: 'every rejection resolvable', filter: ['Resolvable'], unresolvable: false },
    { name: 'every rejection unresolvable (any unresolvable bit counts)', filter: ['Unresolvable'], unresolvable: true },
    { name: 'one resolvable rejection among unresolvable ones', filter: ['Mixed'], unresolvable: false },
    { name: 'first failing filter charged: RejectOdd before Unresolvable', filter: ['RejectOdd', 'Unresolvable'], unresolvable: false },
  ];
  for (const k of cases) {
    it(`${k.name}: unresolvable is exact, reasons are not collected`, () => {
      const c = testCluster(nodes(5));
      const fw = buildFramework({ name: 't', filter: k.filter, score: [] }, reg, c.model);
      const cheap = new Scheduler(fw, Rng.fromSeed(1)).scheduleOne(c.state, c.pod({}), { explainFailure: false });
      const full = new Scheduler(fw, Rng.fromSeed(1)).scheduleOne(c.state, c.pod({}));
      if (cheap.kind !== 'unschedulable' || full.kind !== 'unschedulable') throw new Error('expected unschedulable');
      expect(cheap.diagnosis.unresolvable).toBe(k.unresolvable);
      expect(full.diagnosis.unresolvable).toBe(k.unresolvable);
      expect(cheap.diagnosis.nodeCount).toBe(5);
      expect(cheap.diagnosis.reasons).toBe(UNEXPLAINED_REASONS);
      expect(isExplained(cheap.diagnosis)).toBe(false);
      expect(isExplained(full.diagnosis)).toBe(true);
      expect(cheap.diagnosis.message).toBe('0/5 nodes are available (reasons not collected).');
    });
  }

  it('a PreFilter rejection and an empty cluster keep their messages', () => {
    const c = testCluster(nodes(3));
    const gate = new Scheduler(buildFramework({ name: 't', filter: ['Gate'], score: [] }, reg, c.model), Rng.fromSeed(1));
    const d = gate.scheduleOne(c.state, c.pod({}), { explainFailure: false });
    expect(d.kind === 'unschedulable' && d.diagnosis.message).toBe('0/3 nodes are available: pod is gated.');
    expect(d.kind === 'unschedulable' && isExplained(d.diagnosis)).toBe(true);
    const empty = testCluster([]);
    const none = new Scheduler(buildFramework({ name: 't', filter: [], score: [] }, reg, empty.model), Rng.fromSeed(1));
    const e = none.scheduleOne(empty.state, empty.pod({}), { explainFailure: false });
    expect(e.kind === 'unschedulable' && e.diagnosis.message).toBe('no nodes available to schedule pods');
  });

  it('binds exactly as the explaining path does', () => {
    const c = testCluster(nodes(9));
    const fw = buildFramework({ name: 't', filter: ['RejectOdd'], score: [{ name: 'NodeId', weight: 1 }] }, reg, c.model);
    const a = new Scheduler(fw, Rng.fromSeed(3));
    const b = new Scheduler(fw, Rng.fromSeed(3));
    for (let i = 0; i < 4; i++) expect(a.scheduleOne(c.state, c.pod({}), { explainFailure: false })).toEqual(b.scheduleOne(c.state, c.pod({})));
  });
});

describe('Scheduler diagnosis (property)', () => {
  /**
   * The reference: every rejected node's reason texts counted once per node, exactly as
   * kube's FitError builds its histogram, from each node's first failing filter.
   */
  function reference(filters: readonly Plugin[], cx: CycleContext, nodeCount: number): Diagnosis {
    const reasons = new Map<string, number>();
    let unresolvable = true;
    let rejected = 0;
    for (let n = 0; n < nodeCount; n++) {
      for (const p of filters) {
        const v = p.filter!(cx, null as never, n as NodeId, undefined);
        if (v === PASS) continue;
        rejected++;
        if (verdictStatus(p, v) !== 'UnschedulableAndUnresolvable') unresolvable = false;
        for (const t of new Set(verdictReasons(p, cx, null as never, n as NodeId, v, undefined))) reasons.set(t, (reasons.get(t) ?? 0) + 1);
        break;
      }
    }
    const parts = [...reasons].map(([t, k]) => `${k} ${t}`).sort();
    return {
      nodeCount, reasons, preFilterMessage: null, unresolvable: unresolvable && rejected > 0,
      message: `0/${nodeCount} nodes are available:${parts.length > 0 ? ` ${parts.join(', ')}.` : ''}`,
    };
  }

  it('counts the same reasons and words the same message as the per-node reference', () => {
    const verdictArb = fc.integer({ min: 0, max: 15 });
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 40 }),
      fc.array(fc.array(verdictArb, { minLength: 40, maxLength: 40 }), { minLength: 1, maxLength: 3 }),
      fc.array(fc.constantFrom('none', 'per node', 'per verdict when bit 0 is clear'), { minLength: 3, maxLength: 3 }),
      (nodeCount, table, describeKinds) => {
        // Rejecting everything at the last filter, so no node is feasible.
        const filters: Plugin[] = table.map((verdicts, f) => ({
          name: `P${f}`,
          // Four reasons, two sharing a text; bit 3 unresolvable. Verdict 0 at the last filter becomes 16 (no text).
          reasons: [
            { text: `p${f} a`, unresolvable: false }, { text: `p${f} b`, unresolvable: f === 0 },
            { text: `p${f} a`, unresolvable: false }, { text: 'shared', unresolvable: true },
          ],
          filter: (_cx, _pod, node) => (f === table.length - 1 && verdicts[node]! === 0 ? 16 : verdicts[node]!),
          ...(describeKinds[f] === 'per node' ? { describe: (_cx: CycleContext, _pod: unknown, node: NodeId, v: number) => [`p${f} node ${node % 3} v${v}`, 'shared', 'shared'] } : {}),
          // Worded per verdict unless bit 0 is set (describeVariesByNode says which).
          ...(describeKinds[f] === 'per verdict when bit 0 is clear' ? {
            describe: (_cx: CycleContext, _pod: unknown, node: NodeId, v: number) => ((v & 1) !== 0 ? [`p${f} node ${node % 3} v${v}`, 'shared'] : [`p${f} v${v}`, 'shared', `p${f} v${v}`]),
            describeVariesByNode: (v: number) => (v & 1) !== 0,
          } : {}),
        }));
        const c = testCluster(nodes(nodeCount));
        const reg = new Map<string, PluginFactory>(filters.map((p) => [p.name, () => p]));
        const fw = buildFramework({ name: 't', filter: filters.map((p) => p.name), score: [] }, reg, c.model);
        const want = reference(filters, { view: c.state }, nodeCount);
        const d = new Scheduler(fw, Rng.fromSeed(1)).scheduleOne(c.state, c.pod({}));
        const cheap = new Scheduler(fw, Rng.fromSeed(1)).scheduleOne(c.state, c.pod({}), { explainFailure: false });
        if (d.kind !== 'unschedulable' || cheap.kind !== 'unschedulable') throw new Error('expected unschedulable');
        expect(d.diagnosis.message).toBe(want.message);
        expect(new Map([...d.diagnosis.reasons].sort())).toEqual(new Map([...want.reasons].sort()));
        expect(d.diagnosis.unresolvable).toBe(want.unresolvable);
        expect(cheap.diagnosis.unresolvable).toBe(want.unresolvable);
      },
    ), { numRuns: 200 });
  });
});
