import { describe, expect, it } from 'vitest';
import { testCluster } from '../testing/builders.js';
import { InputError } from './errors.js';
import type { LabelSelector } from './labels.js';
import { OP_EXISTS, OP_IN } from './labels.js';
import type { CompiledPod } from './pod.js';
import type { SymbolTable } from './symbols.js';
import { compileWorkload, WorkloadSet } from './workloads.js';

/** A selector as readable text: "app In [web], tier Exists". */
function show(sel: LabelSelector, s: SymbolTable): string {
  if (sel.nothing) return 'nothing';
  return sel.requirements.map((r) => {
    const op = r.op === OP_IN ? 'In' : r.op === OP_EXISTS ? 'Exists' : String(r.op);
    const vals = Array.from(r.values, (v) => s.text(v as never));
    return `${s.text(r.key)} ${op}${vals.length > 0 ? ` [${vals.join(',')}]` : ''}`;
  }).sort().join(', ');
}

interface Case {
  readonly name: string;
  readonly workloads: readonly unknown[];
  readonly pod: { labels: Record<string, string>; owner?: { apiVersion: string; kind: string; name: string } };
  /** helper.DefaultSelector's result, as in kube-scheduler plugins/helper/spread_test.go. */
  readonly want: string;
}

const svc = (name: string, selector: Record<string, string> | null, ns = 'ns') => ({ kind: 'Service', metadata: { name, namespace: ns }, spec: selector === null ? {} : { selector } });

const cases: Case[] = [
  { name: 'no workloads: empty selector', workloads: [], pod: { labels: { app: 'web' } }, want: '' },
  { name: 'a matching Service contributes its map', workloads: [svc('s', { app: 'web' })], pod: { labels: { app: 'web', v: '1' } }, want: 'app In [web]' },
  {
    name: 'matching Services merge; a non-matching one and one without selector are ignored',
    workloads: [svc('a', { app: 'web' }), svc('b', { v: '1' }), svc('c', { app: 'db' }), svc('d', null)],
    pod: { labels: { app: 'web', v: '1' } }, want: 'app In [web], v In [1]',
  },
  { name: 'Services of another namespace do not count', workloads: [svc('s', { app: 'web' }, 'other')], pod: { labels: { app: 'web' } }, want: '' },
  {
    name: 'the owning ReplicationController\'s map is merged in',
    workloads: [svc('s', { app: 'web' }), { kind: 'ReplicationController', metadata: { name: 'rc', namespace: 'ns' }, spec: { selector: { rc: 'x' } } }],
    pod: { labels: { app: 'web', rc: 'x' }, owner: { apiVersion: 'v1', kind: 'ReplicationController', name: 'rc' } }, want: 'app In [web], rc In [x]',
  },
  {
    name: 'the owning ReplicaSet\'s requirements are appended',
    workloads: [svc('s', { app: 'web' }), { kind: 'ReplicaSet', metadata: { name: 'rs', namespace: 'ns' }, spec: { selector: { matchLabels: { hash: 'h1' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] } } }],
    pod: { labels: { app: 'web', hash: 'h1', tier: 'x' }, owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs' } }, want: 'app In [web], hash In [h1], tier Exists',
  },
  {
    name: 'a StatefulSet owner works like a ReplicaSet',
    workloads: [{ kind: 'StatefulSet', metadata: { name: 'ss', namespace: 'ns' }, spec: { selector: { matchLabels: { app: 'db' } } } }],
    pod: { labels: { app: 'db' }, owner: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'ss' } }, want: 'app In [db]',
  },
  {
    name: 'an owner that is not known adds nothing',
    workloads: [svc('s', { app: 'web' })],
    pod: { labels: { app: 'web' }, owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'gone' } }, want: 'app In [web]',
  },
  {
    name: 'a Deployment owner adds nothing (Deployments own ReplicaSets, not pods)',
    workloads: [{ kind: 'Deployment', metadata: { name: 'd', namespace: 'ns' }, spec: { selector: { matchLabels: { app: 'web' } } } }], pod: { labels: { app: 'web' }, owner: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' } }, want: '',
  },
  {
    name: 'a Job owner adds nothing (helper.DefaultSelector reads RC, RS and SS only)',
    workloads: [{ kind: 'Job', metadata: { name: 'j', namespace: 'ns' }, spec: { selector: { matchLabels: { app: 'web' } } } }],
    pod: { labels: { app: 'web' }, owner: { apiVersion: 'batch/v1', kind: 'Job', name: 'j' } }, want: '',
  },
  {
    name: 'an owner of another API version (extensions/v1beta1 ReplicaSet) is not kube\'s rsKind',
    workloads: [{ kind: 'ReplicaSet', metadata: { name: 'rs', namespace: 'ns' }, spec: { selector: { matchLabels: { app: 'web' } } } }],
    pod: { labels: { app: 'web' }, owner: { apiVersion: 'extensions/v1beta1', kind: 'ReplicaSet', name: 'rs' } }, want: '',
  },
];

describe('WorkloadSet.defaultSelector', () => {
  for (const c of cases) {
    it(c.name, () => {
      const t = testCluster([]);
      const ws = new WorkloadSet(t.model);
      for (const w of c.workloads) ws.add(compileWorkload(w, t.model, { apiValidation: false }));
      const base = t.pod({ namespace: 'ns', labels: c.pod.labels });
      const pod: CompiledPod = c.pod.owner === undefined ? base : { ...base, owner: c.pod.owner };
      expect(show(ws.defaultSelector(pod), t.model.symbols)).toBe(c.want);
    });
  }
});

describe('WorkloadSet membership', () => {
  it('says which workloads select or own a pod, and which pods a workload selects', () => {
    const t = testCluster([{ name: 'n1' }]);
    const ws = t.state.workloads;
    const s = compileWorkload(svc('s', { app: 'web' }), t.model);
    const rs = compileWorkload({ kind: 'ReplicaSet', metadata: { name: 'rs', namespace: 'ns' }, spec: { selector: { matchLabels: { app: 'web' } } } }, t.model);
    ws.add(s);
    ws.add(rs);
    const a = t.bound({ name: 'a', namespace: 'ns', labels: { app: 'web' }, nodeName: 'n1' });
    t.bound({ name: 'b', namespace: 'ns', labels: { app: 'db' }, nodeName: 'n1' });
    const owned = { ...a, owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs' } };
    expect(ws.workloadsOf(owned).map((w) => `${w.kind}/${w.name}`)).toEqual(['Service/s', 'ReplicaSet/rs']);
    expect(t.state.podIndexes.podsSelectedBy(s.namespace, s.selector)).toEqual([a.id]);
    const gen = ws.generation;
    expect(ws.remove('Service', s.namespace, 's')).toBe(true);
    expect(ws.generation).toBe(gen + 1);
    expect(ws.get('Service', s.namespace, 's')).toBeNull();
  });

  it('rejects malformed workloads with the field path', () => {
    const t = testCluster([]);
    expect(() => compileWorkload({ kind: 'ReplicaSet', metadata: { name: 'rs' }, spec: { selector: { matchExpressions: [{ key: 'a', operator: 'Near' }] } } }, t.model))
      .toThrow(InputError);
    expect(() => compileWorkload({ kind: 'CronJob', metadata: { name: 'd' }, spec: {} }, t.model)).toThrow(/kind: got "CronJob"; supported values: "Service"/);
  });
});
