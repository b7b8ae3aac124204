import { describe, expect, it } from 'vitest';
import { METRIC_IDS } from './catalogue.js';
import { summarizeWhatif } from './summarize-whatif.js';
import { tQuantile975 } from './t-quantile.js';
import type { ReplayedPod, WhatifRun } from './types.js';
import { WHATIF_MEASURES, whatifPodCounts } from './whatif-measures.js';

describe('WHATIF_MEASURES', () => {
  it('have ids of their own (the page finds them beside the catalogue\'s) and a definition each', () => {
    const ids = WHATIF_MEASURES.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => METRIC_IDS.includes(id))).toEqual([]);
    for (const m of WHATIF_MEASURES) expect(m.definition.length).toBeGreaterThan(20);
  });
});

describe('whatifPodCounts', () => {
  const pod = (nodeBefore: string, nodeAfter: string, outcome: ReplayedPod['outcome']): ReplayedPod => ({ namespace: 'ns', pod: 'p', ownerKind: 'ReplicaSet', owner: 'rs', nodeBefore, nodeAfter, outcome });
  it('counts moved pods that had a node, and every pod not placed', () => {
    const pods = [pod('a', 'a', 'same'), pod('a', 'b', 'moved'), pod('', 'b', 'moved'), pod('a', '', 'unschedulable'), pod('', '', 'unschedulable')];
    expect(whatifPodCounts(pods)).toEqual({ pods_moved: 1, pods_unschedulable: 2 });
  });
});

describe('summarizeWhatif', () => {
  const run = (policy: string, seed: number, after: number): { key: { scenario: string; policy: string; seed: number }; whatif: WhatifRun } => ({
    key: { scenario: 'whatif', policy, seed }, whatif: { pods: [], dump: { nodes_empty: 2 }, after: { nodes_empty: after } },
  });
  it('gives mean, sd, CI and the sign-flip p-value of the per-seed differences from the dump', () => {
    const [s] = summarizeWhatif([run('pack', 1, 4), run('pack', 2, 5), run('pack', 3, 6), run('pack', 4, 5)], WHATIF_MEASURES.filter((m) => m.id === 'nodes_empty'));
    // after 4, 5, 6, 5: mean 5, sd sqrt(2/3); differences 2, 3, 4, 3 all positive: only the
    // all-plus and all-minus sign assignments reach |14|, p = 2 / 16.
    expect(s).toMatchObject({ policy: 'pack', measure: 'nodes_empty', n: 4, dump: 2, mean: 5, diff: 3, relDiffPct: 150, pValue: 0.125 });
    expect(s!.sd).toBeCloseTo(Math.sqrt(2 / 3), 12);
    // The half-width is summarize's: Student t at 3 degrees of freedom (about 3.18) x sd / sqrt(4).
    expect(s!.ci95High - 5).toBeCloseTo((tQuantile975(3) * Math.sqrt(2 / 3)) / 2, 12);
    expect(tQuantile975(3)).toBeCloseTo(3.18, 2);
  });
  it('leaves out NaN values and keeps policies in order of appearance', () => {
    const rows = summarizeWhatif([run('b', 1, Number.NaN), run('a', 1, 3), run('b', 2, 1)], WHATIF_MEASURES.filter((m) => m.id === 'nodes_empty'));
    expect(rows.map((r) => [r.policy, r.n, r.mean])).toEqual([['b', 1, 1], ['a', 1, 3]]);
  });
});
