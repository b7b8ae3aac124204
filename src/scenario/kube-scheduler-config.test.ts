import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../framework/profile.js';
import type { KubeSchedulerConfiguration, PluginCapabilities } from './kube-scheduler-config.js';
import { kubeSchedulerConfigurationSchema, profilesFromConfig } from './kube-scheduler-config.js';

const FILTERS = new Set(['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity', 'MyFilter']);
const SCORES = new Set(['TaintToleration', 'NodeAffinity', 'NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity', 'NodeResourcesBalancedAllocation', 'ImageLocality', 'MyScore']);
const caps: PluginCapabilities = {
  has: (n) => FILTERS.has(n) || SCORES.has(n) || n === 'DefaultPreemption',
  filters: (n) => FILTERS.has(n),
  scores: (n) => SCORES.has(n),
  postFilters: (n) => n === 'DefaultPreemption',
};
const cfg = (profile: Record<string, unknown>, top: Record<string, unknown> = {}): KubeSchedulerConfiguration =>
  kubeSchedulerConfigurationSchema.parse({ apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration', profiles: [profile], ...top });
const scoreOf = (c: KubeSchedulerConfiguration) => profilesFromConfig(c, caps)[0]!.score.map((s) => `${s.name}:${s.weight}`);

describe('profilesFromConfig', () => {
  it('no plugins section gives kube-scheduler\'s default profile', () => {
    const [p] = profilesFromConfig(cfg({}), caps);
    const d = defaultProfile();
    expect(p!.filter).toEqual(d.filter);
    expect(p!.score).toEqual(d.score);
    expect(p!.postFilter).toEqual(['DefaultPreemption']);
  });

  it('a score weight re-listed at the Score point overrides MultiPoint and moves first', () => {
    expect(scoreOf(cfg({ plugins: { score: { enabled: [{ name: 'NodeAffinity', weight: 5 }] } } }))).toEqual([
      'NodeAffinity:5', 'TaintToleration:3', 'NodeResourcesFit:1', 'PodTopologySpread:2', 'InterPodAffinity:2',
      'NodeResourcesBalancedAllocation:1', 'ImageLocality:1',
    ]);
  });

  it('disabling "*" at Score keeps only what is enabled there; weight 0 means 1', () => {
    expect(scoreOf(cfg({ plugins: { score: { disabled: [{ name: '*' }], enabled: [{ name: 'MyScore', weight: 0 }, { name: 'NodeResourcesFit', weight: 4 }] } } })))
      .toEqual(['MyScore:1', 'NodeResourcesFit:4']);
  });

  it('disabling at MultiPoint removes a plugin everywhere', () => {
    const [p] = profilesFromConfig(cfg({ plugins: { multiPoint: { disabled: [{ name: 'TaintToleration' }] } } }), caps);
    expect(p!.filter).not.toContain('TaintToleration');
    expect(p!.score.map((s) => s.name)).not.toContain('TaintToleration');
  });

  it('disabling at Filter keeps the plugin scoring', () => {
    const [p] = profilesFromConfig(cfg({ plugins: { filter: { disabled: [{ name: 'NodeResourcesFit' }] } } }), caps);
    expect(p!.filter).not.toContain('NodeResourcesFit');
    expect(p!.score.map((s) => s.name)).toContain('NodeResourcesFit');
  });

  it('a new MultiPoint plugin is appended after the defaults', () => {
    const [p] = profilesFromConfig(cfg({ plugins: { multiPoint: { enabled: [{ name: 'MyFilter' }] } } }), caps);
    expect(p!.filter.at(-1)).toBe('MyFilter');
  });

  it('pluginConfig args, percentageOfNodesToScore and DefaultPreemption are carried over', () => {
    const [p] = profilesFromConfig(cfg({
      plugins: { postFilter: { disabled: [{ name: 'DefaultPreemption' }] } },
      pluginConfig: [
        { name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'MostAllocated' } } },
        { name: 'VolumeBinding', args: { bindTimeoutSeconds: 600 } },
      ],
    }, { percentageOfNodesToScore: 30 }), caps);
    expect(p!.args).toEqual({ NodeResourcesFit: { scoringStrategy: { type: 'MostAllocated' } } });
    expect(p!.percentageOfNodesToScore).toBe(30);
    expect(p!.postFilter).toEqual([]);
  });

  const bad = [
    { name: 'unknown plugin', profile: { plugins: { score: { enabled: [{ name: 'Nope' }] } } }, err: /profiles\[0\]\.plugins\.score\.enabled\[0\]\.name: unknown plugin "Nope"/ },
    { name: 'unknown pluginConfig', profile: { pluginConfig: [{ name: 'Nope', args: {} }] }, err: /profiles\[0\]\.pluginConfig\[0\]\.name: unknown plugin/ },
    { name: 'duplicate pluginConfig', profile: { pluginConfig: [{ name: 'NodeResourcesFit' }, { name: 'NodeResourcesFit' }] }, err: /pluginConfig\[1\]\.name: duplicate/ },
    { name: 'PreScore disabled apart from Score', profile: { plugins: { preScore: { disabled: [{ name: 'InterPodAffinity' }] } } }, err: /preScore\.disabled\[0\]: InterPodAffinity cannot be disabled apart from score/ },
  ];
  for (const c of bad) it(c.name, () => expect(() => profilesFromConfig(cfg(c.profile), caps)).toThrow(c.err));

  it('the top level takes every v1 field and refuses unknown ones, as strict decoding does', () => {
    const top = {
      apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration', parallelism: 16,
      leaderElection: { leaderElect: true }, clientConnection: { kubeconfig: '/etc/k' }, healthzBindAddress: '', metricsBindAddress: '',
      enableProfiling: true, enableContentionProfiling: false, percentageOfNodesToScore: 50, podInitialBackoffSeconds: 1,
      podMaxBackoffSeconds: 10, profiles: [{ schedulerName: 'x' }], extenders: [], delayCacheUntilActive: false,
    };
    expect(kubeSchedulerConfigurationSchema.safeParse(top).success).toBe(true);
    const typo = kubeSchedulerConfigurationSchema.safeParse({ ...top, percentageOfNodeToScore: 10 });
    expect(typo.success).toBe(false);
    expect(typo.error!.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['percentageOfNodeToScore'] });
  });

  it('the schema rejects unknown fields and versions', () => {
    expect(kubeSchedulerConfigurationSchema.safeParse({ apiVersion: 'kubescheduler.config.k8s.io/v1beta3', kind: 'KubeSchedulerConfiguration' }).success).toBe(false);
    expect(kubeSchedulerConfigurationSchema.safeParse({ apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration', profiles: [{ plugin: {} }] }).success).toBe(false);
  });
});
