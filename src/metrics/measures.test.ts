import { describe, expect, it } from 'vitest';
import type { NodeId } from '../model/ids.js';
import type { PodRecord } from '../sim/types.js';
import { testCluster } from '../testing/builders.js';
import { preferredSatisfiedPct } from './preferred-terms.js';
import { queueDelaysS, sortedQuantile } from './queue-delay.js';
import { maxSpreadSkew } from './spread-skew.js';
import { distinctShapes, strandedPct } from './stranded-capacity.js';
import { timeWeightedMean } from './time-weighted-mean.js';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const node = (name: string, zone: string, cpu = '4') => ({
  name, allocatable: { cpu, memory: '8Gi', pods: 110 }, labels: { [ZONE]: zone, [HOST]: name },
});

describe('timeWeightedMean', () => {
  // 10% for 10 s, 40% for 30 s: (100 + 1200) / 40 = 32.5.
  it('weights each value by how long it held', () => expect(timeWeightedMean([0, 10], [10, 40], 40)).toBe(32.5));
  it('skips NaN spans', () => expect(timeWeightedMean([0, 10], [Number.NaN, 40], 40)).toBe(40));
  it('empty span is NaN', () => expect(timeWeightedMean([5], [1], 5)).toBeNaN());
});

describe('strandedPct', () => {
  it('counts free CPU only on nodes where no shape fits', () => {
    // n1: 4 CPU, 3.5 used -> 0.5 free (a 1-CPU pod does not fit: stranded); n2: 4 free (fits).
    const c = testCluster([node('n1', 'a'), node('n2', 'b')]);
    c.bound({ name: 'big', requests: { cpu: '3500m' }, nodeName: 'n1' });
    const shape = c.pod({ requests: { cpu: '1' } }).requests;
    // stranded 500m of 4500m free = 11.11%.
    expect(strandedPct(c.state, distinctShapes([shape, shape]), 0)).toBeCloseTo((500 / 4500) * 100, 9);
  });
});

describe('maxSpreadSkew', () => {
  it('counts empty domains: 3 pods of one workload in zone a, none in b -> skew 3 on zone', () => {
    const c = testCluster([node('n1', 'a'), node('n2', 'a'), node('n3', 'b')]);
    const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web' };
    for (const [i, n] of ['n1', 'n1', 'n2'].entries()) {
      // The builder takes no ownerReferences: give the compiled pod its owner before binding.
      const p = { ...c.pod({ name: `w${i}`, labels: { app: 'web' } }), owner };
      c.state.bind(p, c.state.nodeByName(c.model.symbols.intern(n)) as NodeId);
    }
    const sym = (k: string) => c.model.symbols.intern(k);
    expect(maxSpreadSkew(c.state, [sym(ZONE)])).toBe(3);
    // hostname: n1 2, n2 1, n3 0 -> 2.
    expect(maxSpreadSkew(c.state, [sym(HOST)])).toBe(2);
  });
});

describe('preferredSatisfiedPct', () => {
  it('weights held terms: node affinity held (w 10), pod affinity not held (w 30) -> 25%', () => {
    const c = testCluster([node('n1', 'a'), node('n2', 'b')]);
    c.bound({
      name: 'p', nodeName: 'n1', labels: { app: 'x' },
      spec: {
        affinity: {
          nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchExpressions: [{ key: ZONE, operator: 'In', values: ['a'] }] } }] },
          podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 30, podAffinityTerm: { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: ZONE } }] },
        },
      },
    });
    expect(preferredSatisfiedPct(c.state)).toBe(25);
    // A db pod joins zone a: the pod-affinity term now holds -> 100%.
    c.bound({ name: 'db', nodeName: 'n1', labels: { app: 'db' } });
    expect(preferredSatisfiedPct(c.state)).toBe(100);
  });

  it('NaN without preferred terms', () => {
    const c = testCluster([node('n1', 'a')]);
    c.bound({ name: 'p', nodeName: 'n1' });
    expect(preferredSatisfiedPct(c.state)).toBeNaN();
  });
});

describe('queueDelaysS', () => {
  const rec = (o: Partial<PodRecord>): PodRecord => ({
    podId: 0 as never, name: 'p', workloadPodId: 0 as never, replacementOf: -1, replacedBy: -1, arrivalS: 0, firstAttemptS: 0,
    bindS: null, endS: null, node: null, attempts: 1, outcome: 'running', lastDiagnosis: null, preemptedCount: 0, evictedCount: 0, ...o,
  });
  it('first bind of any incarnation minus the first arrival; never-bound pods left out', () => {
    const d = queueDelaysS([
      rec({ podId: 0 as never, workloadPodId: 0 as never, arrivalS: 10, bindS: 12 }),
      rec({ podId: 1 as never, workloadPodId: 1 as never, arrivalS: 5, bindS: null, replacedBy: 2 as never, outcome: 'preempted' }),
      rec({ podId: 2 as never, workloadPodId: 1 as never, arrivalS: 20, bindS: 25, replacementOf: 1 as never }),
      rec({ podId: 3 as never, workloadPodId: 3 as never, arrivalS: 0, bindS: null, outcome: 'pending' }),
    ]);
    expect([...d]).toEqual([2, 20]);
    expect(sortedQuantile(d, 0.5)).toBeGreaterThanOrEqual(2);
  });
});
