import { describe, expect, it } from 'vitest';
import { compileLabels, labelValue } from '../model/labels.js';
import { NAMESPACE_NAME_LABEL } from '../model/namespace.js';
import { testCluster } from '../testing/builders.js';

describe('ClusterState.ensureNamespace', () => {
  it('adds an unknown namespace with only the kubernetes.io/metadata.name label', () => {
    const { state, model } = testCluster([{ name: 'n1' }]);
    const s = model.symbols;
    const ns = s.intern('shop');
    state.ensureNamespace(ns);
    const labels = state.namespaceLabels(ns);
    expect(labels.length).toBe(2);
    expect(s.text(labelValue(labels, s.intern(NAMESPACE_NAME_LABEL)))).toBe('shop');
    expect(state.namespaces()).toEqual([ns]);
  });

  it('leaves a known namespace as it is', () => {
    const { state, model } = testCluster([{ name: 'n1' }]);
    const s = model.symbols;
    const ns = s.intern('shop');
    const labels = compileLabels({ team: 'red' }, s);
    state.setNamespace(ns, labels);
    state.ensureNamespace(ns);
    expect(state.namespaceLabels(ns)).toBe(labels);
  });
});
