import { describe, expect, it } from 'vitest';
import { buildFramework } from '../framework/framework.js';
import { Scheduler } from '../framework/scheduler.js';
import { Rng } from '../generators/rng.js';
import { compilePod } from '../model/compile-pod.js';
import { compileWorkload } from '../model/workloads.js';
import { inTreeRegistry } from '../plugins/index.js';
import { simulate } from '../sim/simulator.js';
import { testCluster } from '../testing/builders.js';
import { groupOutcomes } from './group-outcomes.js';
import type { GroupOutcome } from './types.js';

type Owner = { readonly kind: string; readonly name: string; readonly apiVersion: string } | null;

/** A workload object as a dump has it: kind, name, and its own controller reference. */
interface ObjectSketch { readonly kind: string; readonly apiVersion: string; readonly name: string; readonly owner?: Owner }

/**
 * Runs 1-CPU pods (each owned by `owner`, all arriving at 0) on one node of `cpu` CPUs
 * with the cluster's workload objects `objects`, and groups the outcomes by workload.
 */
function workloadGroups(pods: readonly { readonly name: string; readonly owner: Owner }[], objects: readonly ObjectSketch[], withObjects = true): [string, number, number][] {
  const c = testCluster([{ name: 'n0', allocatable: { cpu: '3', memory: '64Gi', pods: 110 } }]);
  for (const o of objects) {
    c.state.workloads.add(compileWorkload({
      apiVersion: o.apiVersion, kind: o.kind,
      metadata: { name: o.name, namespace: 'default', ...(o.owner ? { ownerReferences: [{ ...o.owner, controller: true }] } : {}) },
      spec: o.kind === 'Job' ? { template: { metadata: { labels: { app: o.name } } } } : { selector: { matchLabels: { app: o.name } }, template: { metadata: { labels: { app: o.name } } } },
    }, c.model));
  }
  const arrivals = pods.map((p) => ({
    atS: 0, durationS: null,
    pod: compilePod({
      metadata: { name: p.name, namespace: 'default', ownerReferences: p.owner === null ? [] : [{ ...p.owner, controller: true }] },
      spec: { containers: [{ name: 'c', resources: { requests: { cpu: '1' } } }] },
    }, c.model),
  }));
  const scheduler = new Scheduler(buildFramework({ name: 'fit', filter: ['NodeResourcesFit'], score: [] }, inTreeRegistry, c.model), Rng.fromSeed(1).fork('tiebreak'));
  const result = simulate({ state: c.state, scheduler, arrivals, nodeEvents: [], endS: 10, rng: Rng.fromSeed(1).fork('preemption') }, {});
  const groups: GroupOutcome[] = groupOutcomes(result, arrivals.map((a) => a.pod), withObjects ? c.state.workloads : undefined);
  return groups.filter((g) => g.by === 'workload').map((g) => [g.group, g.pods, g.unschedulableEnd]);
}

const rs = (name: string): Owner => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name });
const deployment = (name: string): Owner => ({ apiVersion: 'apps/v1', kind: 'Deployment', name });

describe('groupOutcomes: pods grouped by the workload a user wrote', () => {
  const cases: { name: string; pods: { name: string; owner: Owner }[]; objects: ObjectSketch[]; want: [string, number, number][] }[] = [
    {
      name: 'a Deployment\'s pods, across its old and new ReplicaSet, are one group Deployment/<name>',
      pods: [{ name: 'web-a-1', owner: rs('web-6d4cf56db6') }, { name: 'web-b-1', owner: rs('web-7f9c8b5d4') }, { name: 'web-a-2', owner: rs('web-6d4cf56db6') }],
      objects: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-6d4cf56db6', owner: deployment('web') },
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7f9c8b5d4', owner: deployment('web') },
      ],
      // 3 pods on a 3-CPU node: all bound.
      want: [['Deployment/web', 3, 0]],
    },
    {
      name: 'a ReplicaSet of its own (no controller reference) stays ReplicaSet/<name>',
      pods: [{ name: 'solo-1', owner: rs('solo') }],
      objects: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'solo' }],
      want: [['ReplicaSet/solo', 1, 0]],
    },
    {
      name: 'a ReplicaSet the cluster does not hold stays ReplicaSet/<name>',
      pods: [{ name: 'ghost-1', owner: rs('ghost-5b6f') }],
      objects: [],
      want: [['ReplicaSet/ghost-5b6f', 1, 0]],
    },
    {
      name: 'Jobs (a CronJob\'s too), StatefulSets and bare pods stay as they are; the 4th pod does not fit',
      pods: [
        { name: 'nightly-1', owner: { apiVersion: 'batch/v1', kind: 'Job', name: 'nightly-29012' } },
        { name: 'db-0', owner: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' } },
        { name: 'bare', owner: null },
        { name: 'db-1', owner: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' } },
      ],
      objects: [
        { apiVersion: 'batch/v1', kind: 'Job', name: 'nightly-29012', owner: { apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly' } },
        { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' },
      ],
      // Pods are tried in arrival (pod id) order: nightly-1, db-0 and bare take the 3 CPUs.
      want: [['Job/nightly-29012', 1, 0], ['StatefulSet/db', 2, 1], ['(no owner)', 1, 0]],
    },
  ];
  for (const c of cases) it(c.name, () => expect(workloadGroups(c.pods, c.objects)).toEqual(c.want));

  it('without the cluster\'s workload objects, a Deployment\'s pods are grouped by their ReplicaSet', () => {
    const pods = [{ name: 'web-1', owner: rs('web-6d4cf56db6') }];
    const objects = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-6d4cf56db6', owner: deployment('web') }];
    expect(workloadGroups(pods, objects, false)).toEqual([['ReplicaSet/web-6d4cf56db6', 1, 0]]);
  });
});
