import { describe, expect, it } from 'vitest';
import { ModelContext } from '../model/model-context.js';
import { inTreeRegistry } from '../plugins/index.js';
import {
  KUBE_DEFAULT_MULTI_POINT, KUBE_IN_TREE_PLUGINS, REMOVED_KUBE_PLUGINS, kubeAlreadyRegistered, kubeDoesNotExist,
  kubeDoesNotExtend, kubeInvalidInVersion, removedPluginProblem, simulatorPluginProblem, unmodelledPluginProblem,
} from '../model/kube-plugin-names.js';
import { defaultProfile } from './profile.js';
import { registryCapabilities } from './registry-capabilities.js';

describe('KUBE_DEFAULT_MULTI_POINT (kube v1 TestApplyFeatureGates)', () => {
  // kube's "Feature gate DynamicResourceAllocation enabled" case (DRA is on by default in
  // 1.35), written before the in-tree volume-limit plugins left the defaults; those three
  // are taken out here, as 1.35's getDefaultPlugins no longer lists them.
  const beforeRemoval = [
    'SchedulingGates', 'PrioritySort', 'NodeUnschedulable', 'NodeName', 'TaintToleration:3', 'NodeAffinity:2', 'NodePorts',
    'NodeResourcesFit:1', 'VolumeRestrictions', 'EBSLimits', 'GCEPDLimits', 'NodeVolumeLimits', 'AzureDiskLimits', 'VolumeBinding',
    'VolumeZone', 'PodTopologySpread:2', 'InterPodAffinity:2', 'DynamicResources', 'DefaultPreemption',
    'NodeResourcesBalancedAllocation:1', 'ImageLocality:1', 'DefaultBinder',
  ];
  const removed = new Set(['EBSLimits', 'GCEPDLimits', 'AzureDiskLimits']);

  it('is kube\'s default set with DynamicResources before DefaultPreemption and no removed plugin', () => {
    expect(KUBE_DEFAULT_MULTI_POINT.map((e) => (e.weight === undefined ? e.name : `${e.name}:${e.weight}`)))
      .toEqual(beforeRemoval.filter((n) => !removed.has(n)));
  });

  it('names only plugins 1.35 registers', () => {
    for (const e of KUBE_DEFAULT_MULTI_POINT) {
      expect(KUBE_IN_TREE_PLUGINS.has(e.name), e.name).toBe(true);
      expect(REMOVED_KUBE_PLUGINS.has(e.name), e.name).toBe(false);
    }
  });
});

describe('KUBE_IN_TREE_PLUGINS against schedbench\'s registry', () => {
  const caps = registryCapabilities(inTreeRegistry, new ModelContext());

  for (const [name, p] of KUBE_IN_TREE_PLUGINS) {
    if (p.kind === 'modelled') {
      it(`${name}: the registry's plugin has kube's Filter, Score and PostFilter points`, () => {
        expect(caps.has(name)).toBe(true);
        expect(caps.filters(name)).toBe(p.points.includes('filter'));
        expect(caps.scores(name)).toBe(p.points.includes('score'));
        expect(caps.postFilters(name)).toBe(p.points.includes('postFilter'));
      });
    } else {
      it(`${name}: not in the registry (${p.kind})`, () => expect(caps.has(name)).toBe(false));
    }
  }

  it('no registry plugin takes the name of a removed kube plugin', () => {
    for (const name of REMOVED_KUBE_PLUGINS.keys()) expect(caps.has(name), name).toBe(false);
  });

  it('no plugin is both registered by kube 1.35 and removed', () => {
    for (const name of REMOVED_KUBE_PLUGINS.keys()) expect(KUBE_IN_TREE_PLUGINS.has(name), name).toBe(false);
  });
});

describe('defaultProfile', () => {
  it('is the default set\'s modelled plugins: filters in order, scores with kube\'s weights', () => {
    const d = defaultProfile();
    expect(d.filter).toEqual([
      'NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit',
      'VolumeRestrictions', 'NodeVolumeLimits', 'VolumeBinding', 'VolumeZone', 'PodTopologySpread', 'InterPodAffinity',
    ]);
    expect(d.score).toEqual([
      { name: 'TaintToleration', weight: 3 }, { name: 'NodeAffinity', weight: 2 }, { name: 'NodeResourcesFit', weight: 1 },
      { name: 'VolumeBinding', weight: 1 }, { name: 'PodTopologySpread', weight: 2 }, { name: 'InterPodAffinity', weight: 2 },
      { name: 'NodeResourcesBalancedAllocation', weight: 1 }, { name: 'ImageLocality', weight: 1 },
    ]);
    expect(d.postFilter).toBeUndefined();
  });
});

describe('messages', () => {
  const cases: { name: string; got: string | undefined; want: string | undefined }[] = [
    { name: 'updatePluginList, unknown', got: kubeDoesNotExist('filter', 'X'), want: 'FilterPlugin "X" does not exist' },
    { name: 'updatePluginList, wrong point', got: kubeDoesNotExtend('score', 'X'), want: 'plugin "X" does not extend ScorePlugin plugin' },
    { name: 'updatePluginList, twice', got: kubeAlreadyRegistered('preFilter', 'X'), want: 'plugin "X" already registered as "PreFilterPlugin"' },
    { name: 'validation, removed', got: kubeInvalidInVersion('EBSLimits'), want: 'Invalid value: "EBSLimits": was invalid in version "kubescheduler.config.k8s.io/v1" (KubeSchedulerConfiguration is version "kubescheduler.config.k8s.io/v1")' },
    {
      name: 'unmodelled',
      got: unmodelledPluginProblem('DynamicResources'),
      want: 'DynamicResources is a kube-scheduler 1.35 plugin that schedbench does not model yet (ResourceClaims, DeviceClasses and ResourceSlices (DRA) are not loaded)',
    },
    { name: 'unmodelled, a modelled plugin', got: unmodelledPluginProblem('NodeAffinity'), want: undefined },
    {
      name: 'removed, with kube\'s words first',
      got: removedPluginProblem('CinderLimits', kubeDoesNotExist('preFilter', 'CinderLimits')),
      want: 'PreFilterPlugin "CinderLimits" does not exist (kube-scheduler 1.35 no longer has CinderLimits: NodeVolumeLimits counts the volumes of every CSI driver)',
    },
    { name: 'removed, a registered plugin', got: removedPluginProblem('VolumeBinding', 'x'), want: undefined },
    {
      name: 'simulator plugin elsewhere',
      got: simulatorPluginProblem('DefaultBinder', 'filter'),
      want: 'plugin "DefaultBinder" does not extend FilterPlugin plugin (the simulator binds each pod to the node it was given)',
    },
  ];
  for (const c of cases) it(c.name, () => expect(c.got).toBe(c.want));

  it('every unmodelled plugin says why', () => {
    for (const [name, p] of KUBE_IN_TREE_PLUGINS) {
      if (p.kind === 'unmodelled') expect(unmodelledPluginProblem(name)).toMatch(new RegExp(`^${name} is a kube-scheduler 1\\.35 plugin that schedbench does not model yet \\(.+\\)$`));
    }
  });
});
