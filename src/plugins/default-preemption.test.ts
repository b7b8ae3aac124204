import { describe, expect, it } from 'vitest';
import { buildFramework } from '../framework/framework.js';
import { makeDiagnosis } from '../framework/diagnosis.js';
import { NO_NOMINATED_PODS } from '../framework/nominated-pods.js';
import { NodeFitChecker } from '../framework/node-fit-checker.js';
import type { NoCandidate, PostFilterHost, PostFilterResult, StatusCode } from '../framework/types.js';
import { NO_CANDIDATE } from '../framework/types.js';
import type { NodeId } from '../model/ids.js';
import { testCluster } from '../testing/builders.js';
import { create, podEligibleToPreemptOthers } from './default-preemption.js';
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

/** A PostFilter answer that must be a plan. */
function plan(r: PostFilterResult | NoCandidate | null): PostFilterResult {
  if (r === null || r === NO_CANDIDATE) throw new Error(`expected a preemption plan, got ${String(r)}`);
  return r;
}

describe('DefaultPreemption.postFilter', () => {
  const resolvable = makeDiagnosis(1, new Map([['Insufficient cpu', 1]]), null, false);
  it('nominates the node and names the lower-priority victim', () => {
    const { c, host } = setup();
    const pod = c.pod({ name: 'high', requests: { cpu: '1' }, priority: 100 });
    const r = plan(create(undefined, { model: c.model }).postFilter!({ view: c.state }, pod, resolvable, host));
    expect(r.victims.map((v) => v.name)).toEqual(['low']);
    expect(c.state.podsOn(r.node).length).toBe(1); // the dry run left the cluster as it was
  });

  it('answers nothing for preemptionPolicy Never (the nomination stays) and no candidate for an unresolvable failure (it is cleared)', () => {
    const { c, host } = setup();
    const plugin = create(undefined, { model: c.model });
    const never = c.pod({ name: 'never', requests: { cpu: '1' }, priority: 100, spec: { preemptionPolicy: 'Never' } });
    expect(plugin.postFilter!({ view: c.state }, never, resolvable, host)).toBeNull();
    const pod = c.pod({ name: 'high', requests: { cpu: '1' }, priority: 100 });
    expect(plugin.postFilter!({ view: c.state }, pod, makeDiagnosis(1, new Map(), null, true), host)).toBe(NO_CANDIDATE);
  });

  it('a pod whose earlier preemption is still under way on its nominated node does not preempt again', () => {
    const c = testCluster([
      { name: 'n1', allocatable: { cpu: '2', memory: '4Gi', pods: 10 }, unschedulable: true },
      { name: 'n2', allocatable: { cpu: '2', memory: '4Gi', pods: 10 } },
    ]);
    const victim = c.pod({ name: 'victim', requests: { cpu: '2' }, priority: 0 });
    c.state.bind({ ...victim, terminating: true, preemptedByScheduler: true }, c.state.nodeByName(c.model.symbols.intern('n1')) as NodeId);
    c.bound({ name: 'other', nodeName: 'n2', requests: { cpu: '2' }, priority: 0 });
    const run = (filters: string[]) => {
      const fw = buildFramework({ name: 't', filter: filters, score: [] }, inTreeRegistry, c.model);
      const host: PostFilterHost = { state: c.state, checker: new NodeFitChecker(fw), rng: { int: () => 0 }, startTimeS: () => 0, nominated: NO_NOMINATED_PODS };
      const pod = c.pod({ name: 'high', requests: { cpu: '1' }, priority: 100, status: { nominatedNodeName: 'n1' } });
      return create(undefined, { model: c.model }).postFilter!({ view: c.state }, pod, makeDiagnosis(2, new Map(), null, false), host);
    };
    // n1 is Unschedulable for the pod (Insufficient cpu; NodeResourcesFit ignores the cordon): wait for the victim to go.
    expect(run(['NodeResourcesFit'])).toBeNull();
    // n1 is UnschedulableAndUnresolvable (cordoned): waiting cannot help, preempt elsewhere.
    expect(plan(run(['NodeUnschedulable', 'NodeResourcesFit'])).victims.map((v) => v.name)).toEqual(['other']);
  });

  describe('podEligibleToPreemptOthers', () => {
    const c = testCluster([{ name: 'n1', allocatable: { cpu: '2', memory: '4Gi', pods: 10 } }]);
    const n1 = c.state.nodeByName(c.model.symbols.intern('n1')) as NodeId;
    const bind = (name: string, priority: number, terminating: boolean, preemptedByScheduler: boolean) => {
      const p = { ...c.pod({ name, priority }), terminating, preemptedByScheduler };
      c.state.bind(p, n1);
      return p;
    };
    bind('running', 0, false, false);
    bind('evicted', 0, true, false);
    const cases: { name: string; pod: Parameters<typeof c.pod>[0]; victim?: [number, boolean, boolean]; status?: StatusCode; want: boolean }[] = [
      { name: 'preemptionPolicy Never', pod: { priority: 100, spec: { preemptionPolicy: 'Never' } }, want: false },
      { name: 'no nominated node', pod: { priority: 100 }, want: true },
      { name: 'a nominated node without pods terminating by preemption', pod: { priority: 100, status: { nominatedNodeName: 'n1' } }, want: true },
      { name: 'a lower-priority pod terminating by preemption on the nominated node', pod: { priority: 100, status: { nominatedNodeName: 'n1' } }, victim: [0, true, true], status: 'Unschedulable', want: false },
      { name: 'the same, but the nominated node was UnschedulableAndUnresolvable', pod: { priority: 100, status: { nominatedNodeName: 'n1' } }, victim: [0, true, true], status: 'UnschedulableAndUnresolvable', want: true },
      { name: 'the pod terminating by preemption has the same priority', pod: { priority: 100, status: { nominatedNodeName: 'n1' } }, victim: [100, true, true], status: 'Unschedulable', want: true },
      { name: 'preempted but not terminating (no deletionTimestamp)', pod: { priority: 100, status: { nominatedNodeName: 'n1' } }, victim: [0, false, true], status: 'Unschedulable', want: true },
      { name: 'a nominated node that does not exist', pod: { priority: 100, status: { nominatedNodeName: 'gone' } }, want: true },
    ];
    for (const t of cases) {
      it(t.name, () => {
        const v = t.victim === undefined ? null : bind('victim', ...t.victim);
        try {
          expect(podEligibleToPreemptOthers(c.state, c.pod(t.pod), () => t.status ?? 'Success')).toBe(t.want);
        } finally {
          if (v !== null) c.state.unbind(v, n1);
        }
      });
    }
  });

  const bad = [
    { args: { minCandidateNodesPercentage: 101 }, err: /minCandidateNodesPercentage: must be in the range \[0, 100\]/ },
    { args: { minCandidateNodesAbsolute: -1 }, err: /minCandidateNodesAbsolute: must not be less than 0/ },
    { args: { minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0 }, err: /cannot both be 0/ },
    { args: { minCandidates: 3 }, err: /unknown field "minCandidates"/ },
  ];
  for (const b of bad) it(`rejects ${JSON.stringify(b.args)}`, () => expect(() => create(b.args, { model: setup().c.model })).toThrow(b.err));
});
