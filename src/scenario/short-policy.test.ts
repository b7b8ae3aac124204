import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../framework/profile.js';
import type { ShortPolicyInput } from './scenario-schema.js';
import { shortPolicyProfile } from './short-policy.js';

describe('shortPolicyProfile', () => {
  const policy = (p: Partial<ShortPolicyInput>): ShortPolicyInput => ({ name: 'p', extends: 'default', ...p });
  const run = (p: Partial<ShortPolicyInput>) => shortPolicyProfile(policy(p), defaultProfile('p'));

  it('changes weights, disables, appends score and filter plugins', () => {
    const got = run({ weights: { ImageLocality: 5 }, disable: ['TaintToleration'], enable: [{ name: 'MyScore', weight: 2 }], enableFilters: ['GpuFit'] });
    expect(got.filter).toEqual([
      'NodeUnschedulable', 'NodeName', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'VolumeRestrictions', 'NodeVolumeLimits', 'VolumeBinding', 'VolumeZone',
      'PodTopologySpread', 'InterPodAffinity', 'GpuFit',
    ]);
    expect(got.score.map((s) => `${s.name}:${s.weight}`)).toEqual([
      'NodeAffinity:2', 'NodeResourcesFit:1', 'VolumeBinding:1', 'PodTopologySpread:2', 'InterPodAffinity:2', 'NodeResourcesBalancedAllocation:1', 'ImageLocality:5', 'MyScore:2',
    ]);
  });

  it('disabling a DRA plugin of kube\'s default set is accepted: schedbench leaves it out anyway', () => {
    expect(run({ disable: ['DynamicResources'] })).toEqual(run({}));
  });

  it('disabling a volume plugin removes it from filter and score', () => {
    const got = run({ disable: ['VolumeBinding', 'NodeVolumeLimits'] });
    expect(got.filter.filter((f) => f.startsWith('Volume') || f === 'NodeVolumeLimits')).toEqual(['VolumeRestrictions', 'VolumeZone']);
    expect(got.score.map((s) => s.name)).not.toContain('VolumeBinding');
  });

  const unmodelled = /is a kube-scheduler 1\.35 plugin that schedbench does not model yet \(/;
  const bad: { name: string; p: Partial<ShortPolicyInput>; err: RegExp }[] = [
    { name: 'a typo in disable', p: { disable: ['NodeResourceFit'] }, err: /^disable\[0\]: "NodeResourceFit" is not a filter or score plugin of the default profile$/ },
    { name: 'disable DefaultPreemption', p: { disable: ['DefaultPreemption'] }, err: /^disable\[0\]: "DefaultPreemption" is not a filter or score plugin of the default profile; turn preemption off with preemption: false$/ },
    { name: 'disable an unmodelled plugin kube\'s default set lacks', p: { disable: ['GangScheduling'] }, err: /^disable\[0\]: GangScheduling is a kube-scheduler 1\.35 plugin that schedbench does not model yet \(Workload and PodGroup/ },
    { name: 'disable a removed plugin', p: { disable: ['EBSLimits'] }, err: /^disable\[0\]: "EBSLimits" is not a filter or score plugin of the default profile \(kube-scheduler 1\.35 no longer has EBSLimits: NodeVolumeLimits counts the volumes of every CSI driver\)$/ },
    { name: 'disable a simulator plugin', p: { disable: ['PrioritySort'] }, err: /^disable\[0\]: "PrioritySort" is not a filter or score plugin of the default profile \(the simulator's scheduling queue orders pods by priority/ },
    { name: 'weight for an unmodelled plugin', p: { weights: { DynamicResources: 2 } }, err: /^weights\.DynamicResources: DynamicResources / },
    { name: 'weight for a removed plugin', p: { weights: { RequestedToCapacityRatio: 2 } }, err: /^weights\.RequestedToCapacityRatio: not a score plugin of the default profile \(kube-scheduler 1\.35 no longer has RequestedToCapacityRatio: NodeResourcesFit's args\.scoringStrategy\.type chooses the scoring\)$/ },
    { name: 'weight for a filter', p: { weights: { NodeName: 2 } }, err: /^weights\.NodeName: not a score plugin of the default profile \(add it with enable\)$/ },
    { name: 'enable an unmodelled plugin', p: { enable: [{ name: 'MyScore', weight: 1 }, { name: 'DynamicResources', weight: 1 }] }, err: /^enable\[1\]\.name: DynamicResources / },
    { name: 'enable a removed plugin', p: { enable: [{ name: 'SelectorSpread', weight: 1 }] }, err: /^enable\[0\]\.name: ScorePlugin "SelectorSpread" does not exist \(kube-scheduler 1\.35 no longer has SelectorSpread/ },
    { name: 'enable a simulator plugin', p: { enable: [{ name: 'DefaultBinder', weight: 1 }] }, err: /^enable\[0\]\.name: plugin "DefaultBinder" does not extend ScorePlugin plugin \(the simulator binds/ },
    { name: 'enable a plugin that already scores', p: { enable: [{ name: 'ImageLocality', weight: 1 }] }, err: /^enable: ImageLocality already scores; change its weight with weights$/ },
    { name: 'enableFilters an unmodelled plugin', p: { enableFilters: ['DynamicResources'] }, err: /^enableFilters\[0\]: DynamicResources / },
    { name: 'enableFilters a removed plugin', p: { enableFilters: ['AzureDiskLimits'] }, err: /^enableFilters\[0\]: FilterPlugin "AzureDiskLimits" does not exist \(/ },
    { name: 'args for an unmodelled plugin', p: { args: { DynamicResources: { filterTimeout: '10s' } } }, err: /^args\.DynamicResources: DynamicResources / },
    { name: 'args for a removed plugin', p: { args: { CinderLimits: {} } }, err: /^args\.CinderLimits: Invalid value: "CinderLimits": was invalid in version / },
  ];
  for (const c of bad) {
    it(c.name, () => {
      expect(() => run(c.p)).toThrow(c.err);
      if (/unmodelled/.test(c.name)) expect(() => run(c.p)).toThrow(unmodelled);
    });
  }
});
