import { describe, expect, it } from 'vitest';
import { ModelContext } from '../model/model-context.js';
import { inTreeRegistry } from '../plugins/index.js';
import { buildFramework } from './framework.js';
import type { ProfileSpec } from './profile.js';
import { defaultProfile } from './profile.js';

describe('buildFramework with kube-scheduler 1.35 plugin names', () => {
  const model = new ModelContext();
  const spec = (s: Partial<ProfileSpec>): ProfileSpec => ({ name: 't', filter: [], score: [], ...s });
  const cases: { name: string; spec: ProfileSpec; err: RegExp }[] = [
    { name: 'an unmodelled kube filter', spec: spec({ filter: ['DynamicResources'] }), err: /^filter\[0\]: DynamicResources is a kube-scheduler 1\.35 plugin that schedbench does not model yet \(ResourceClaims, DeviceClasses and ResourceSlices \(DRA\) are not loaded\)$/ },
    { name: 'an unmodelled kube plugin as score', spec: spec({ score: [{ name: 'DynamicResources', weight: 1 }] }), err: /^score\[0\]\.name: DynamicResources is a kube-scheduler 1\.35 plugin that schedbench does not model yet/ },
    { name: 'an unmodelled kube plugin as postFilter', spec: spec({ postFilter: ['GangScheduling'] }), err: /^postFilter\[0\]: GangScheduling is a kube-scheduler 1\.35 plugin that schedbench does not model yet/ },
    { name: 'args for an unmodelled kube plugin', spec: spec({ args: { NodeDeclaredFeatures: {} } }), err: /^args\.NodeDeclaredFeatures: NodeDeclaredFeatures is a kube-scheduler 1\.35 plugin that schedbench does not model yet/ },
    { name: 'a removed filter: kube\'s words', spec: spec({ filter: ['EBSLimits'] }), err: /^filter\[0\]: FilterPlugin "EBSLimits" does not exist \(kube-scheduler 1\.35 no longer has EBSLimits: NodeVolumeLimits counts the volumes of every CSI driver\)$/ },
    { name: 'a removed score plugin', spec: spec({ score: [{ name: 'SelectorSpread', weight: 1 }] }), err: /^score\[0\]\.name: ScorePlugin "SelectorSpread" does not exist \(kube-scheduler 1\.35 no longer has SelectorSpread/ },
    { name: 'args for a removed plugin in invalidPluginsByVersion', spec: spec({ args: { GCEPDLimits: {} } }), err: /^args\.GCEPDLimits: Invalid value: "GCEPDLimits": was invalid in version "kubescheduler\.config\.k8s\.io\/v1"/ },
    { name: 'args for another removed plugin', spec: spec({ args: { NodeResourcesLeastAllocated: {} } }), err: /^args\.NodeResourcesLeastAllocated: no plugin "NodeResourcesLeastAllocated" to configure \(kube-scheduler 1\.35 no longer has/ },
    { name: 'a simulator plugin as filter', spec: spec({ filter: ['PrioritySort'] }), err: /^filter\[0\]: plugin "PrioritySort" does not extend FilterPlugin plugin \(the simulator's scheduling queue/ },
    { name: 'an unknown name lists the known ones', spec: spec({ filter: ['Nope'] }), err: /^filter\[0\]: unknown plugin "Nope" \(known: BestFit, / },
    { name: 'a filter twice', spec: spec({ filter: ['NodeName', 'NodeName'] }), err: /^filter\[1\]: plugin "NodeName" already registered as "FilterPlugin"$/ },
    { name: 'a score plugin twice', spec: spec({ score: [{ name: 'ImageLocality', weight: 1 }, { name: 'ImageLocality', weight: 2 }] }), err: /^score\[1\]: plugin "ImageLocality" already registered as "ScorePlugin"$/ },
    { name: 'a postFilter twice', spec: spec({ postFilter: ['DefaultPreemption', 'DefaultPreemption'] }), err: /^postFilter\[1\]: plugin "DefaultPreemption" already registered as "PostFilterPlugin"$/ },
    { name: 'a score plugin as filter', spec: spec({ filter: ['ImageLocality'] }), err: /^filter\[0\]: plugin "ImageLocality" does not extend FilterPlugin plugin \(it has no Filter extension point\)$/ },
    { name: 'a filter as score plugin', spec: spec({ score: [{ name: 'NodeName', weight: 1 }] }), err: /^score\[0\]: plugin "NodeName" does not extend ScorePlugin plugin/ },
  ];
  for (const c of cases) it(c.name, () => expect(() => buildFramework(c.spec, inTreeRegistry, model)).toThrow(c.err));

  it('builds kube\'s default profile', () => {
    const fw = buildFramework(defaultProfile(), inTreeRegistry, model);
    expect(fw.filters.map((p) => p.name)).toEqual(defaultProfile().filter);
    expect([...fw.weights]).toEqual([3, 2, 1, 1, 2, 2, 1, 1]);
    expect(fw.postFilters.map((p) => p.name)).toEqual(['DefaultPreemption']);
  });
});

describe('buildFramework: what-if hooks', () => {
  it('refuses a plugin whose PreFilter reads bound pods but has no addPod/removePod', () => {
    const registry = new Map([['CountsPods', () => ({ name: 'CountsPods', preFilterReadsPods: true, preFilter: () => undefined, filter: () => 0 })]]);
    expect(() => buildFramework({ name: 'p', filter: ['CountsPods'], score: [] }, registry, new ModelContext()))
      .toThrow(/CountsPods: a PreFilter that reads bound pods needs addPod and removePod/);
  });

  it('every in-tree plugin whose PreFilter reads bound pods has both hooks', () => {
    for (const [name, create] of inTreeRegistry) {
      const p = create(undefined, { model: new ModelContext() });
      if (p.preFilterReadsPods) expect([name, typeof p.addPod, typeof p.removePod]).toEqual([name, 'function', 'function']);
    }
  });
});
