import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../framework/profile.js';
import { volumeBindingBindsClaims } from '../sim/simulator.js';
import type { KubeSchedulerConfiguration, MergedPlugins, PluginCapabilities, PluginSet } from './kube-scheduler-config.js';
import { frameworkPlugins, kubeSchedulerConfigurationSchema, mergePluginSet, profilesFromConfig } from './kube-scheduler-config.js';

// The registry as profilesFromConfig sees it: kube's modelled plugins, DefaultPreemption, and
// stand-ins for kube's test plugins (TestPlugin filters, scores and post-filters; the Score*
// plugins only score) and for a user's heuristics (MyFilter, MyScore).
const FILTERS = new Set(['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'VolumeRestrictions', 'NodeVolumeLimits', 'VolumeBinding', 'VolumeZone', 'PodTopologySpread', 'InterPodAffinity', 'MyFilter', 'TestPlugin']);
const SCORES = new Set(['TaintToleration', 'NodeAffinity', 'NodeResourcesFit', 'VolumeBinding', 'PodTopologySpread', 'InterPodAffinity', 'NodeResourcesBalancedAllocation', 'ImageLocality', 'MyScore', 'TestPlugin', 'ScorePlugin1', 'ScorePlugin2', 'ScoreWithNormalizePlugin1']);
const POST_FILTERS = new Set(['DefaultPreemption', 'TestPlugin']);
const caps: PluginCapabilities = {
  has: (n) => FILTERS.has(n) || SCORES.has(n) || POST_FILTERS.has(n),
  filters: (n) => FILTERS.has(n),
  scores: (n) => SCORES.has(n),
  postFilters: (n) => POST_FILTERS.has(n),
};
const cfg = (profile: Record<string, unknown>, top: Record<string, unknown> = {}): KubeSchedulerConfiguration =>
  kubeSchedulerConfigurationSchema.parse({ apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration', profiles: [profile], ...top });
const profileOf = (profile: Record<string, unknown>) => profilesFromConfig(cfg(profile), caps)[0]!;
const scoreOf = (profile: Record<string, unknown>) => profileOf(profile).score.map((s) => `${s.name}:${s.weight}`);

type Given = { enabled?: { name: string; weight?: number }[]; disabled?: string[] };
const set = (g: Given = {}): PluginSet => ({ enabled: (g.enabled ?? []).map((e, j) => ({ ...e, from: j })), disabled: g.disabled ?? [] });
const POINTS = ['multiPoint', 'preEnqueue', 'queueSort', 'preFilter', 'filter', 'postFilter', 'preScore', 'score', 'reserve', 'permit', 'preBind', 'bind', 'postBind'] as const;
/** A profile's plugins as NewFramework receives them (already merged: no kube defaults added). */
const merged = (given: Partial<Record<(typeof POINTS)[number], Given>>): MergedPlugins =>
  Object.fromEntries(POINTS.map((p) => [p, set(given[p])])) as unknown as MergedPlugins;
const entries = (s: PluginSet) => s.enabled.map((e) => (e.weight === undefined ? e.name : `${e.name}:${e.weight}`));

describe('mergePluginSet (kube v1 TestMergePlugins)', () => {
  // Transcribed from pkg/scheduler/apis/config/v1/default_plugins_test.go; each kube case
  // merges one point (Filter or MultiPoint) of defaults without disabled entries.
  const cases: { name: string; defaults: { name: string; weight?: number }[]; custom: Given; want: string[]; wantDisabled?: string[] }[] = [
    { name: 'AppendCustomPlugin', defaults: [{ name: 'DefaultPlugin1' }, { name: 'DefaultPlugin2' }], custom: { enabled: [{ name: 'CustomPlugin' }] }, want: ['DefaultPlugin1', 'DefaultPlugin2', 'CustomPlugin'] },
    { name: 'InsertAfterDefaultPlugins2', defaults: [{ name: 'DefaultPlugin1' }, { name: 'DefaultPlugin2' }], custom: { enabled: [{ name: 'CustomPlugin' }, { name: 'DefaultPlugin2' }], disabled: ['DefaultPlugin2'] }, want: ['DefaultPlugin1', 'CustomPlugin', 'DefaultPlugin2'], wantDisabled: ['DefaultPlugin2'] },
    { name: 'InsertBeforeAllPlugins', defaults: [{ name: 'DefaultPlugin1' }, { name: 'DefaultPlugin2' }], custom: { enabled: [{ name: 'CustomPlugin' }, { name: 'DefaultPlugin1' }, { name: 'DefaultPlugin2' }], disabled: ['*'] }, want: ['CustomPlugin', 'DefaultPlugin1', 'DefaultPlugin2'], wantDisabled: ['*'] },
    { name: 'ReorderDefaultPlugins', defaults: [{ name: 'DefaultPlugin1' }, { name: 'DefaultPlugin2' }], custom: { enabled: [{ name: 'DefaultPlugin2' }, { name: 'DefaultPlugin1' }], disabled: ['*'] }, want: ['DefaultPlugin2', 'DefaultPlugin1'], wantDisabled: ['*'] },
    { name: 'ApplyNilCustomPlugin', defaults: [{ name: 'DefaultPlugin1' }, { name: 'DefaultPlugin2' }], custom: {}, want: ['DefaultPlugin1', 'DefaultPlugin2'] },
    { name: 'CustomPluginOverrideDefaultPlugin', defaults: [{ name: 'Plugin1' }, { name: 'Plugin2' }, { name: 'Plugin3' }], custom: { enabled: [{ name: 'Plugin1', weight: 2 }, { name: 'Plugin3', weight: 3 }] }, want: ['Plugin1:2', 'Plugin2', 'Plugin3:3'] },
    { name: 'OrderPreserveAfterOverride', defaults: [{ name: 'Plugin1' }, { name: 'Plugin2' }, { name: 'Plugin3' }], custom: { enabled: [{ name: 'Plugin2', weight: 2 }, { name: 'Plugin1', weight: 1 }] }, want: ['Plugin1:1', 'Plugin2:2', 'Plugin3'] },
    { name: 'RepeatedCustomPlugin', defaults: [{ name: 'Plugin1' }, { name: 'Plugin2' }, { name: 'Plugin3' }], custom: { enabled: [{ name: 'Plugin1' }, { name: 'Plugin2', weight: 2 }, { name: 'Plugin3' }, { name: 'Plugin2', weight: 4 }] }, want: ['Plugin1', 'Plugin2:4', 'Plugin3', 'Plugin2:2'] },
    { name: 'Append custom MultiPoint plugin', defaults: [{ name: 'DefaultPlugin1' }, { name: 'DefaultPlugin2' }], custom: { enabled: [{ name: 'CustomPlugin' }] }, want: ['DefaultPlugin1', 'DefaultPlugin2', 'CustomPlugin'] },
    { name: 'Append disabled Multipoint plugins', defaults: [{ name: 'DefaultPlugin1' }, { name: 'DefaultPlugin2' }], custom: { enabled: [{ name: 'CustomPlugin' }, { name: 'CustomPlugin2' }], disabled: ['DefaultPlugin2'] }, want: ['DefaultPlugin1', 'CustomPlugin', 'CustomPlugin2'], wantDisabled: ['DefaultPlugin2'] },
    { name: 'override default MultiPoint plugins with custom value', defaults: [{ name: 'DefaultPlugin' }], custom: { enabled: [{ name: 'DefaultPlugin', weight: 5 }] }, want: ['DefaultPlugin:5'] },
    { name: 'multipoint with only disabled gets merged', defaults: [{ name: 'DefaultPlugin' }], custom: { disabled: ['DefaultPlugin'] }, want: [], wantDisabled: ['DefaultPlugin'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = mergePluginSet(c.defaults, set(c.custom));
      expect(entries(got)).toEqual(c.want);
      expect(got.disabled).toEqual(c.wantDisabled ?? []);
    });
  }
});

describe('frameworkPlugins (kube runtime TestNewFrameworkMultiPointExpansion)', () => {
  // Transcribed from pkg/scheduler/framework/runtime/framework_test.go. kube's testPlugin
  // implements every point; ours (TestPlugin) filters, scores and post-filters, so each
  // case also lists PrioritySort and DefaultBinder in MultiPoint for the queue sort and bind
  // points kube's testPlugin fills. Only the points schedbench runs are compared.
  const QB = [{ name: 'PrioritySort' }, { name: 'DefaultBinder' }];
  const T = 'TestPlugin';
  const cases: { name: string; plugins: Partial<Record<(typeof POINTS)[number], Given>>; want?: { preFilter?: string[]; filter?: string[]; postFilter?: string[]; preScore?: string[]; score: string[] }; err?: RegExp }[] = [
    { name: 'plugin expansion', plugins: { multiPoint: { enabled: [{ name: T, weight: 5 }, ...QB] } }, want: { preFilter: [T], filter: [T], postFilter: [T], preScore: [T], score: [`${T}:5`] } },
    { name: 'disable MultiPoint plugin at some extension points', plugins: { multiPoint: { enabled: [{ name: T }, ...QB] }, preScore: { disabled: [T] }, score: { disabled: [T] } }, want: { preFilter: [T], filter: [T], postFilter: [T], preScore: [], score: [] } },
    { name: 'Multiple MultiPoint plugins', plugins: { multiPoint: { enabled: [{ name: T }, { name: 'ScorePlugin1' }, ...QB] } }, want: { filter: [T], preScore: [T, 'ScorePlugin1'], score: [`${T}:1`, 'ScorePlugin1:1'] } },
    { name: 'disable MultiPoint extension', plugins: { multiPoint: { enabled: [{ name: T }, { name: 'ScorePlugin1' }, ...QB] }, preScore: { disabled: ['*'] } }, want: { filter: [T], preScore: [], score: [`${T}:1`, 'ScorePlugin1:1'] } },
    // kube's scoreWithNormalizePlugin1 has no PreScore; ours does, so PreScore is not compared.
    { name: 'Reorder MultiPoint plugins (specified extension takes precedence)', plugins: { multiPoint: { enabled: [{ name: 'ScoreWithNormalizePlugin1' }, { name: T }, { name: 'ScorePlugin1' }, ...QB] }, score: { enabled: [{ name: 'ScorePlugin1' }, { name: T }] } }, want: { filter: [T], score: ['ScorePlugin1:1', `${T}:1`, 'ScoreWithNormalizePlugin1:1'] } },
    { name: 'Reorder MultiPoint plugins (specified extension only takes precedence when it exists in MultiPoint)', plugins: { multiPoint: { enabled: [{ name: T }, { name: 'ScorePlugin1' }, ...QB] }, score: { enabled: [{ name: 'ScoreWithNormalizePlugin1' }, { name: 'ScorePlugin1' }, { name: T }] } }, want: { filter: [T], score: ['ScorePlugin1:1', `${T}:1`, 'ScoreWithNormalizePlugin1:1'] } },
    { name: 'Override MultiPoint plugins weights', plugins: { multiPoint: { enabled: [{ name: T }, { name: 'ScorePlugin1' }, ...QB] }, score: { enabled: [{ name: 'ScorePlugin1', weight: 5 }, { name: T, weight: 3 }] } }, want: { preScore: [T, 'ScorePlugin1'], score: ['ScorePlugin1:5', `${T}:3`] } },
    { name: "disable and enable MultiPoint plugins with '*'", plugins: { multiPoint: { enabled: [{ name: 'PrioritySort' }, { name: 'DefaultBinder' }, { name: 'ScorePlugin1' }], disabled: ['*'] } }, want: { filter: [], preScore: ['ScorePlugin1'], score: ['ScorePlugin1:1'] } },
    { name: 'disable and enable MultiPoint plugin by name', plugins: { multiPoint: { enabled: [{ name: 'DefaultBinder' }, { name: 'PrioritySort' }, { name: 'ScorePlugin1' }], disabled: ['ScorePlugin1'] } }, want: { preScore: ['ScorePlugin1'], score: ['ScorePlugin1:1'] } },
    { name: "Expect 'already registered' error", plugins: { multiPoint: { enabled: [{ name: T }, { name: T }, ...QB] } }, err: /^p\.multiPoint\.enabled\[1\]\.name: plugin "TestPlugin" already registered as "PreFilterPlugin"$/ },
    { name: 'Override MultiPoint plugins weights and avoid a plugin being loaded multiple times', plugins: { multiPoint: { enabled: [{ name: T }, { name: 'ScorePlugin1' }, ...QB] }, score: { enabled: [{ name: 'ScorePlugin1', weight: 5 }, { name: 'ScorePlugin2', weight: 5 }, { name: T, weight: 3 }] } }, want: { preScore: [T, 'ScorePlugin1'], score: ['ScorePlugin1:5', `${T}:3`, 'ScorePlugin2:5'] } },
    // updatePluginList and NewFramework's own checks, with kube's words.
    { name: 'a plugin listed twice at one point', plugins: { multiPoint: { enabled: QB }, filter: { enabled: [{ name: 'NodeName' }, { name: 'NodeName' }] } }, err: /^p\.filter\.enabled\[1\]\.name: plugin "NodeName" already registered as "FilterPlugin"$/ },
    { name: 'a plugin at a point it does not implement', plugins: { multiPoint: { enabled: QB }, filter: { enabled: [{ name: 'ImageLocality' }] } }, err: /^p\.filter\.enabled\[0\]\.name: plugin "ImageLocality" does not extend FilterPlugin plugin$/ },
    { name: 'a schedbench plugin at a point kube has and schedbench does not run', plugins: { multiPoint: { enabled: QB }, reserve: { enabled: [{ name: 'NodeResourcesFit' }] } }, err: /^p\.reserve\.enabled\[0\]\.name: plugin "NodeResourcesFit" does not extend ReservePlugin plugin$/ },
    { name: 'a simulator plugin at another point', plugins: { multiPoint: { enabled: QB }, score: { enabled: [{ name: 'PrioritySort' }] } }, err: /^p\.score\.enabled\[0\]\.name: plugin "PrioritySort" does not extend ScorePlugin plugin \(the simulator's scheduling queue orders pods by priority/ },
    { name: 'no queue sort plugin', plugins: { multiPoint: { enabled: [{ name: 'DefaultBinder' }, { name: T }] } }, err: /^p\.queueSort: only one queue sort plugin required for profile with scheduler name "s", but got 0$/ },
    { name: 'two queue sort plugins', plugins: { multiPoint: { enabled: QB }, queueSort: { enabled: [{ name: 'PrioritySort' }, { name: 'PrioritySort' }] } }, err: /^p\.queueSort\.enabled\[1\]\.name: plugin "PrioritySort" already registered as "QueueSortPlugin"$/ },
    { name: 'no bind plugin', plugins: { multiPoint: { enabled: [{ name: 'PrioritySort' }, { name: T }] } }, err: /^p\.bind: at least one bind plugin is needed for profile with scheduler name "s"$/ },
    { name: 'an unknown plugin in MultiPoint', plugins: { multiPoint: { enabled: [...QB, { name: 'Nope' }] } }, err: /^p\.multiPoint\.enabled\[2\]\.name: unknown plugin "Nope"$/ },
    { name: 'a removed plugin in MultiPoint: kube\'s words at the first point expanded', plugins: { multiPoint: { enabled: [...QB, { name: 'EBSLimits' }] } }, err: /^p\.multiPoint\.enabled\[2\]\.name: PreFilterPlugin "EBSLimits" does not exist \(kube-scheduler 1\.35 no longer has EBSLimits: / },
    { name: 'a removed plugin in MultiPoint while PreFilter disables "*"', plugins: { multiPoint: { enabled: [...QB, { name: 'SelectorSpread' }] }, preFilter: { disabled: ['*'] } }, err: /^p\.multiPoint\.enabled\[2\]\.name: FilterPlugin "SelectorSpread" does not exist \(kube-scheduler 1\.35 no longer has SelectorSpread: PodTopologySpread/ },
    { name: 'a removed plugin at a point', plugins: { multiPoint: { enabled: QB }, score: { enabled: [{ name: 'NodeResourcesMostAllocated' }] } }, err: /^p\.score\.enabled\[0\]\.name: ScorePlugin "NodeResourcesMostAllocated" does not exist \(kube-scheduler 1\.35 no longer has NodeResourcesMostAllocated: NodeResourcesFit's args\.scoringStrategy\.type/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const run = () => frameworkPlugins(merged(c.plugins), caps, 's', 'p');
      if (c.err !== undefined) {
        expect(run).toThrow(c.err);
        return;
      }
      const { points, weights } = run();
      const w = c.want!;
      expect(points.score.map((n) => `${n}:${weights.get(n)}`)).toEqual(w.score);
      for (const point of ['preFilter', 'filter', 'postFilter', 'preScore'] as const) {
        if (w[point] !== undefined) expect(points[point]).toEqual(w[point]);
      }
      expect(points.queueSort).toEqual(['PrioritySort']);
      expect(points.bind).toEqual(['DefaultBinder']);
    });
  }
});

describe('profilesFromConfig', () => {
  it('no plugins section gives kube-scheduler\'s default profile', () => {
    const [p] = profilesFromConfig(cfg({}), caps);
    const d = defaultProfile();
    expect(p!.filter).toEqual(d.filter);
    expect(p!.score).toEqual(d.score);
    expect(p!.postFilter).toEqual(['DefaultPreemption']);
  });

  // The simulator binds claims only where VolumeBinding runs at Reserve and PreBind.
  const volumeCases = [
    { name: 'the default profile', plugins: {}, reserve: true, preBind: true, binds: true },
    { name: 'VolumeBinding disabled at reserve', plugins: { reserve: { disabled: [{ name: 'VolumeBinding' }] } }, reserve: false, preBind: true, binds: false },
    { name: 'VolumeBinding disabled at preBind', plugins: { preBind: { disabled: [{ name: 'VolumeBinding' }] } }, reserve: true, preBind: false, binds: false },
    { name: 'every reserve plugin disabled', plugins: { reserve: { disabled: [{ name: '*' }] } }, reserve: false, preBind: true, binds: false },
  ];
  for (const c of volumeCases) {
    it(`reserve and preBind as expanded: ${c.name}`, () => {
      const p = profileOf({ plugins: c.plugins });
      expect(p.reserve?.includes('VolumeBinding')).toBe(c.reserve);
      expect(p.preBind?.includes('VolumeBinding')).toBe(c.preBind);
      expect(p.filter).toContain('VolumeBinding');
      expect(volumeBindingBindsClaims(p)).toBe(c.binds);
    });
  }

  it('a score weight re-listed at the Score point overrides MultiPoint and moves first', () => {
    expect(scoreOf({ plugins: { score: { enabled: [{ name: 'NodeAffinity', weight: 5 }] } } })).toEqual([
      'NodeAffinity:5', 'TaintToleration:3', 'NodeResourcesFit:1', 'VolumeBinding:1', 'PodTopologySpread:2', 'InterPodAffinity:2',
      'NodeResourcesBalancedAllocation:1', 'ImageLocality:1',
    ]);
  });

  it('a weight re-listed in MultiPoint replaces the default in place', () => {
    expect(scoreOf({ plugins: { multiPoint: { enabled: [{ name: 'ImageLocality', weight: 4 }] } } })).toEqual([
      'TaintToleration:3', 'NodeAffinity:2', 'NodeResourcesFit:1', 'VolumeBinding:1', 'PodTopologySpread:2', 'InterPodAffinity:2',
      'NodeResourcesBalancedAllocation:1', 'ImageLocality:4',
    ]);
  });

  it('disabling "*" at Score keeps only what is enabled there; weight 0 means 1', () => {
    expect(scoreOf({ plugins: { score: { disabled: [{ name: '*' }], enabled: [{ name: 'MyScore', weight: 0 }, { name: 'NodeResourcesFit', weight: 4 }] } } }))
      .toEqual(['MyScore:1', 'NodeResourcesFit:4']);
  });

  it('disabling at MultiPoint removes a plugin everywhere', () => {
    const p = profileOf({ plugins: { multiPoint: { disabled: [{ name: 'TaintToleration' }] } } });
    expect(p.filter).not.toContain('TaintToleration');
    expect(p.score.map((s) => s.name)).not.toContain('TaintToleration');
  });

  it('disabling at Filter keeps the plugin scoring', () => {
    const p = profileOf({ plugins: { filter: { disabled: [{ name: 'NodeResourcesFit' }] } } });
    expect(p.filter).not.toContain('NodeResourcesFit');
    expect(p.score.map((s) => s.name)).toContain('NodeResourcesFit');
  });

  it('a new MultiPoint plugin is appended after the defaults', () => {
    expect(profileOf({ plugins: { multiPoint: { enabled: [{ name: 'MyFilter' }] } } }).filter.at(-1)).toBe('MyFilter');
  });

  it('disabling "*" at MultiPoint keeps what is re-enabled, in its order', () => {
    const p = profileOf({ plugins: { multiPoint: { disabled: [{ name: '*' }], enabled: [{ name: 'PrioritySort' }, { name: 'DefaultBinder' }, { name: 'NodeName' }, { name: 'NodeResourcesFit', weight: 2 }] } } });
    expect(p.filter).toEqual(['NodeName', 'NodeResourcesFit']);
    expect(p.score).toEqual([{ name: 'NodeResourcesFit', weight: 2 }]);
    expect(p.postFilter).toEqual([]);
  });

  it('pluginConfig args, percentageOfNodesToScore and DefaultPreemption are carried over', () => {
    const [p] = profilesFromConfig(cfg({
      plugins: { postFilter: { disabled: [{ name: 'DefaultPreemption' }] } },
      pluginConfig: [
        { name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'MostAllocated' } } },
        { name: 'PrioritySort', args: { apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'PrioritySortArgs' } },
      ],
    }, { percentageOfNodesToScore: 30 }), caps);
    expect(p!.args).toEqual({ NodeResourcesFit: { scoringStrategy: { type: 'MostAllocated' } } });
    expect(p!.percentageOfNodesToScore).toBe(30);
    expect(p!.postFilter).toEqual([]);
  });

  it('kube\'s plugins schedbench does not model may be disabled (they are left out anyway)', () => {
    const p = profileOf({ plugins: { multiPoint: { disabled: [{ name: 'DynamicResources' }] }, filter: { disabled: [{ name: 'NodeDeclaredFeatures' }] } } });
    expect(p.filter).toEqual(defaultProfile().filter);
  });

  it('the volume plugins are in the default set and can be disabled like any', () => {
    const p = profileOf({ plugins: { multiPoint: { disabled: [{ name: 'VolumeBinding' }] }, filter: { disabled: [{ name: 'NodeVolumeLimits' }] } } });
    expect(p.filter).toEqual(defaultProfile().filter.filter((f) => f !== 'VolumeBinding' && f !== 'NodeVolumeLimits'));
    expect(p.score.map((s) => s.name)).not.toContain('VolumeBinding');
  });

  it('removed plugins may be disabled, as kube allows (old configs often do)', () => {
    expect(profileOf({ plugins: { multiPoint: { disabled: [{ name: 'EBSLimits' }, { name: 'GCEPDLimits' }, { name: 'AzureDiskLimits' }] } } }).filter).toEqual(defaultProfile().filter);
  });

  it('PrioritySort, DefaultBinder and SchedulingGates may be named at their own points', () => {
    const p = profileOf({ plugins: { queueSort: { enabled: [{ name: 'PrioritySort' }] }, bind: { enabled: [{ name: 'DefaultBinder' }] }, preEnqueue: { enabled: [{ name: 'SchedulingGates' }] } } });
    expect(p.filter).toEqual(defaultProfile().filter);
  });

  const unmodelled = (name: string) => new RegExp(`: ${name} is a kube-scheduler 1\\.35 plugin that schedbench does not model yet \\(`);
  const bad: { name: string; profile: Record<string, unknown>; err: RegExp }[] = [
    { name: 'unknown plugin', profile: { plugins: { score: { enabled: [{ name: 'Nope' }] } } }, err: /^profiles\[0\]\.plugins\.score\.enabled\[0\]\.name: unknown plugin "Nope"$/ },
    { name: 'unknown pluginConfig', profile: { pluginConfig: [{ name: 'Nope', args: {} }] }, err: /^profiles\[0\]\.pluginConfig\[0\]\.name: unknown plugin "Nope"$/ },
    { name: 'duplicate pluginConfig (kube\'s field.Duplicate)', profile: { pluginConfig: [{ name: 'NodeResourcesFit' }, { name: 'NodeResourcesFit' }] }, err: /^profiles\[0\]\.pluginConfig\[1\]\.name: Duplicate value: "NodeResourcesFit"$/ },
    { name: 'PreScore disabled apart from Score', profile: { plugins: { preScore: { disabled: [{ name: 'InterPodAffinity' }] } } }, err: /^profiles\[0\]\.plugins\.preScore\.disabled\[0\]\.name: InterPodAffinity cannot be disabled at preScore apart from score/ },
    { name: 'PreFilter enabled apart from Filter', profile: { plugins: { filter: { disabled: [{ name: 'NodePorts' }] }, preFilter: { enabled: [{ name: 'NodePorts' }] } } }, err: /^profiles\[0\]\.plugins\.preFilter\.enabled\[0\]\.name: NodePorts runs at preFilter only together with filter/ },
    // kube 1.35's validation (invalidPluginsByVersion), word for word.
    { name: 'a removed plugin enabled at Filter', profile: { plugins: { filter: { enabled: [{ name: 'EBSLimits' }] } } }, err: /^profiles\[0\]\.plugins\.filter\.enabled\[0\]\.name: Invalid value: "EBSLimits": was invalid in version "kubescheduler\.config\.k8s\.io\/v1" \(KubeSchedulerConfiguration is version "kubescheduler\.config\.k8s\.io\/v1"\) \(kube-scheduler 1\.35 no longer has EBSLimits: NodeVolumeLimits counts the volumes of every CSI driver\)$/ },
    { name: 'a removed plugin configured', profile: { pluginConfig: [{ name: 'AzureDiskLimits', args: {} }] }, err: /^profiles\[0\]\.pluginConfig\[0\]\.name: Invalid value: "AzureDiskLimits": was invalid in version / },
    { name: 'a removed plugin in MultiPoint', profile: { plugins: { multiPoint: { enabled: [{ name: 'GCEPDLimits' }] } } }, err: /^profiles\[0\]\.plugins\.multiPoint\.enabled\[0\]\.name: PreFilterPlugin "GCEPDLimits" does not exist \(kube-scheduler 1\.35 no longer has GCEPDLimits/ },
    { name: 'an older removed plugin configured', profile: { pluginConfig: [{ name: 'SelectorSpread', args: {} }] }, err: /^profiles\[0\]\.pluginConfig\[0\]\.name: no plugin "SelectorSpread" to configure \(kube-scheduler 1\.35 no longer has SelectorSpread/ },
    // Plugins kube has and schedbench does not model: refused wherever they are named.
    { name: 'an unmodelled plugin in MultiPoint', profile: { plugins: { multiPoint: { enabled: [{ name: 'DynamicResources' }] } } }, err: unmodelled('DynamicResources') },
    { name: 'an unmodelled plugin at Filter', profile: { plugins: { filter: { enabled: [{ name: 'DynamicResources' }] } } }, err: /^profiles\[0\]\.plugins\.filter\.enabled\[0\]\.name: DynamicResources is a kube-scheduler 1\.35 plugin that schedbench does not model yet \(/ },
    { name: 'an unmodelled plugin at Permit', profile: { plugins: { permit: { enabled: [{ name: 'GangScheduling' }] } } }, err: unmodelled('GangScheduling') },
    { name: 'an unmodelled plugin at PreFilter', profile: { plugins: { preFilter: { enabled: [{ name: 'NodeDeclaredFeatures' }] } } }, err: unmodelled('NodeDeclaredFeatures') },
    { name: 'an unmodelled plugin configured', profile: { pluginConfig: [{ name: 'DynamicResources', args: { filterTimeout: '10s' } }] }, err: /^profiles\[0\]\.pluginConfig\[0\]\.name: DynamicResources is a kube-scheduler 1\.35 plugin that schedbench does not model yet/ },
    { name: 'args for a simulator plugin', profile: { pluginConfig: [{ name: 'DefaultBinder', args: { timeout: 1 } }] }, err: /^profiles\[0\]\.pluginConfig\[0\]\.args: DefaultBinder takes no args/ },
    { name: 'MultiPoint "*" without a queue sort plugin', profile: { plugins: { multiPoint: { disabled: [{ name: '*' }], enabled: [{ name: 'DefaultBinder' }, { name: 'NodeName' }] } } }, err: /^profiles\[0\]\.plugins\.queueSort: only one queue sort plugin required for profile with scheduler name "default-scheduler", but got 0$/ },
  ];
  for (const c of bad) it(c.name, () => expect(() => profilesFromConfig(cfg(c.profile), caps)).toThrow(c.err));

  it('every profile must have the same queueSort set (validateCommonQueueSort)', () => {
    const two = kubeSchedulerConfigurationSchema.parse({
      apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration',
      profiles: [{ schedulerName: 'a', plugins: { queueSort: { enabled: [{ name: 'PrioritySort' }] } } }, { schedulerName: 'b' }],
    });
    expect(() => profilesFromConfig(two, caps)).toThrow(/^profiles\[1\]\.plugins\.queueSort: must be the same for all profiles$/);
  });

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
