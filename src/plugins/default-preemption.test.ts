import { describe, expect, it } from 'vitest';
import { buildFramework } from '../framework/framework.js';
import { makeDiagnosis } from '../framework/diagnosis.js';
import { NO_NOMINATED_PODS } from '../framework/nominated-pods.js';
import { NodeFitChecker } from '../framework/node-fit-checker.js';
import type { PostFilterHost } from '../framework/types.js';
import { testCluster } from '../testing/builders.js';
import { create } from './default-preemption.js';
import { inTreeRegistry } from './index.js';

function setup() {
  const c = testCluster([{ name: 'n1', allocatable: { cpu: '2', memory: '4Gi', pods: 10 } }]);
  c.bound({ name: 'low', nodeName: 'n1', requests: { cpu: '2' }, priority: 0 });
  const fw = buildFramework({ name: 't', filter: ['NodeResourcesFit'], score: [] }, inTreeRegistry, c.model);
  const host: PostFilterHost = {
    state: c.state, checker: new NodeFitChecker(fw), rng: { int: () => 0 }, startTimeS: () => 0, nominated: NO_NOMINATED_PODS,
  };
  return { c, fw, host };
}

describe('DefaultPreemption.postFilter', () => {
  const resolvable = makeDiagnosis(1, new Map([['Insufficient cpu', 1]]), null, false);
  it('nominates the node and names the lower-priority victim', () => {
    const { c, host } = setup();
    const pod = c.pod({ name: 'high', requests: { cpu: '1' }, priority: 100 });
    const r = create(undefined, { model: c.model }).postFilter!({ view: c.state }, pod, resolvable, host);
    expect(r?.victims.map((v) => v.name)).toEqual(['low']);
    expect(c.state.podsOn(r!.node).length).toBe(1); // the dry run left the cluster as it was
  });

  it('does nothing for preemptionPolicy Never or an unresolvable failure', () => {
    const { c, host } = setup();
    const plugin = create(undefined, { model: c.model });
    const never = c.pod({ name: 'never', requests: { cpu: '1' }, priority: 100, spec: { preemptionPolicy: 'Never' } });
    expect(plugin.postFilter!({ view: c.state }, never, resolvable, host)).toBeNull();
    const pod = c.pod({ name: 'high', requests: { cpu: '1' }, priority: 100 });
    expect(plugin.postFilter!({ view: c.state }, pod, makeDiagnosis(1, new Map(), null, true), host)).toBeNull();
  });

  const bad = [
    { args: { minCandidateNodesPercentage: 101 }, err: /minCandidateNodesPercentage: must be in the range \[0, 100\]/ },
    { args: { minCandidateNodesAbsolute: -1 }, err: /minCandidateNodesAbsolute: must not be less than 0/ },
    { args: { minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0 }, err: /cannot both be 0/ },
    { args: { minCandidates: 3 }, err: /unknown field "minCandidates"/ },
  ];
  for (const b of bad) it(`rejects ${JSON.stringify(b.args)}`, () => expect(() => create(b.args, { model: setup().c.model })).toThrow(b.err));
});
