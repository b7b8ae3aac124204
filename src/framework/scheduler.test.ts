import { describe, expect, it } from 'vitest';
import { Rng } from '../generators/rng.js';
import type { NodeId } from '../model/ids.js';
import { testCluster } from '../testing/builders.js';
import { buildFramework } from './framework.js';
import { Scheduler } from './scheduler.js';
import type { Plugin, PluginFactory } from './types.js';
import { PASS, Rejection, SKIP } from './types.js';

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
