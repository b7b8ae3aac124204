import { describe, expect, it } from 'vitest';
import { buildFramework } from './framework.js';
import type { NodeId } from '../model/ids.js';
import { compileTaints } from '../model/taints.js';
import { inTreeRegistry } from '../plugins/index.js';
import { testCluster } from '../testing/builders.js';
import { NodeFitChecker } from './node-fit-checker.js';

const node = (name: string) => ({ name, allocatable: { cpu: '1', memory: '1Gi', pods: 10 }, labels: { 'kubernetes.io/hostname': name } });

describe('NodeFitChecker', () => {
  it('sees bound pods change between calls for the same pod (PreFilters that read pods rerun)', () => {
    const c = testCluster([node('a')]);
    const fw = buildFramework({ name: 't', filter: ['NodeResourcesFit', 'InterPodAffinity'], score: [] }, inTreeRegistry, c.model);
    const checker = new NodeFitChecker(fw);
    const web = c.bound({ name: 'w1', nodeName: 'a', labels: { app: 'web' }, requests: { cpu: '100m' } });
    const p = c.pod({
      name: 'p', requests: { cpu: '100m' },
      spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } } },
    });
    expect(checker.fits(c.state, p, 0 as NodeId)).toBe(false);
    c.state.unbind(web, 0 as NodeId);
    expect(checker.fits(c.state, p, 0 as NodeId)).toBe(true);
  });

  it('sees node changes between calls for the same pod (every PreFilter reruns)', () => {
    const c = testCluster([node('a')]);
    const fw = buildFramework({ name: 't', filter: ['TaintToleration'], score: [] }, inTreeRegistry, c.model);
    const checker = new NodeFitChecker(fw);
    const p = c.pod({ name: 'p' });
    // No tainted node: TaintToleration's PreFilter skips the filter.
    expect(checker.fits(c.state, p, 0 as NodeId)).toBe(true);
    c.state.setTaints(0 as NodeId, compileTaints([{ key: 'k', value: 'v', effect: 'NoSchedule' }], c.model.symbols));
    expect(checker.fits(c.state, p, 0 as NodeId)).toBe(false);
  });
});
