import { describe, expect, it } from 'vitest';
import { ModelContext } from './model-context.js';
import { compileWorkload } from './workloads.js';

const obj = (kind: string, spec: unknown, extra: Record<string, unknown> = {}) => ({ kind, metadata: { name: 'w', namespace: 'ns', ...extra }, spec });
const sel = { matchLabels: { app: 'web' } };

describe('controllers at the door (owner-objects.ts)', () => {
  const ok: { name: string; raw: unknown; want: Record<string, unknown> }[] = [
    { name: 'Deployment replicas default to 1', raw: obj('Deployment', { selector: sel }), want: { kind: 'Deployment', replicas: 1, parallelism: null } },
    { name: 'ReplicaSet keeps replicas and its Deployment owner', raw: obj('ReplicaSet', { replicas: 3, selector: sel }, { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', controller: true }] }), want: { replicas: 3, owner: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' } } },
    { name: 'StatefulSet replicas 0 is kept', raw: obj('StatefulSet', { replicas: 0, selector: sel }), want: { replicas: 0 } },
    { name: 'ReplicationController selector defaults to the template labels', raw: obj('ReplicationController', { template: { metadata: { labels: { app: 'web' } } } }), want: { replicas: 1 } },
    { name: 'Job parallelism defaults to 1, completions unset', raw: obj('Job', { selector: sel }), want: { replicas: null, parallelism: 1, completions: null } },
    { name: 'Job with parallelism and completions', raw: obj('Job', { parallelism: 4, completions: 10 }), want: { parallelism: 4, completions: 10 } },
    { name: 'DaemonSet has no scale', raw: obj('DaemonSet', { selector: sel }), want: { replicas: null, parallelism: null } },
    { name: 'an owner reference without controller: true is not the owner', raw: obj('ReplicaSet', { selector: sel }, { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' }] }), want: { owner: null } },
  ];
  for (const c of ok) it(c.name, () => expect(compileWorkload(c.raw, new ModelContext())).toMatchObject(c.want));

  it('a ReplicationController selector defaulted from the template selects its pods', () => {
    const w = compileWorkload(obj('ReplicationController', { template: { metadata: { labels: { app: 'web' } } } }), new ModelContext());
    expect(w.labels?.length).toBe(2);
    expect(w.selector.requirements.length).toBe(1);
  });

  const bad: { name: string; raw: unknown; err: RegExp }[] = [
    { name: 'a Deployment without selector', raw: obj('Deployment', {}), err: /^f\.yaml: Deployment w: spec\.selector: required/ },
    { name: 'a DaemonSet with an empty selector', raw: obj('DaemonSet', { selector: {} }), err: /DaemonSet w: spec\.selector: empty selector is invalid/ },
    { name: 'a ReplicationController without any selector', raw: obj('ReplicationController', {}), err: /ReplicationController w: spec\.selector: required/ },
    { name: 'a selector that does not match the template', raw: obj('ReplicaSet', { selector: sel, template: { metadata: { labels: { app: 'db' } } } }), err: /spec\.template\.metadata\.labels: `selector` does not match template `labels`$/ },
    { name: 'replicas above int32', raw: obj('Deployment', { replicas: 2 ** 31, selector: sel }), err: /spec\.replicas: must be at most 2147483647 \(an int32\)/ },
    { name: 'negative completions', raw: obj('Job', { completions: -1 }), err: /Job w: spec\.completions: must be greater than or equal to 0, got -1$/ },
    { name: 'a bad selector operator', raw: obj('StatefulSet', { selector: { matchExpressions: [{ key: 'a', operator: 'Near' }] } }), err: /spec\.selector\.matchExpressions\[0\]\.operator: got "Near"/ },
    { name: 'a name missing', raw: { kind: 'Job', metadata: {}, spec: {} }, err: /Job \(unnamed\): metadata\.name: expected string, got nothing$/ },
    { name: 'a label key that is not a qualified name', raw: obj('Service', { selector: { 'a b': 'x' } }), err: /Service w: spec\.selector\.a b: not a label key/ },
  ];
  for (const c of bad) it(`refuses ${c.name}`, () => expect(() => compileWorkload(c.raw, new ModelContext(), { file: 'f.yaml' })).toThrow(c.err));

  it('kube unit-test objects (apiValidation off): a nil apps/v1 selector selects nothing', () => {
    const w = compileWorkload(obj('ReplicaSet', {}), new ModelContext(), { apiValidation: false });
    expect(w.selector.nothing).toBe(true);
  });
});
