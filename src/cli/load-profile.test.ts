import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelContext } from '../model/model-context.js';
import { inTreeRegistry } from '../plugins/index.js';
import { loadProfiles } from './load-profile.js';

describe('loadProfiles names kube-scheduler 1.35 plugins schedbench cannot run, at their line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'load-profile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const load = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return () => loadProfiles(file, inTreeRegistry, new ModelContext());
  };

  const cases: { name: string; text: string; err: RegExp }[] = [
    {
      name: 'a KubeSchedulerConfiguration enabling an unmodelled plugin',
      text: 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n  - plugins:\n      filter:\n        enabled:\n          - name: DynamicResources\n',
      err: /kube\.yaml:7: profiles\[0\]\.plugins\.filter\.enabled\[0\]\.name: DynamicResources is a kube-scheduler 1\.35 plugin that schedbench does not model yet \(/,
    },
    {
      name: 'a KubeSchedulerConfiguration enabling a removed plugin',
      text: 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n  - plugins:\n      multiPoint:\n        enabled:\n          - name: EBSLimits\n',
      err: /kube\.yaml:7: profiles\[0\]\.plugins\.multiPoint\.enabled\[0\]\.name: PreFilterPlugin "EBSLimits" does not exist \(kube-scheduler 1\.35 no longer has EBSLimits/,
    },
    {
      name: 'a short policy configuring an unmodelled plugin',
      text: 'name: p\nextends: default\nargs:\n  DynamicResources: {}\n',
      err: /short\.yaml:4: args\.DynamicResources: DynamicResources is a kube-scheduler 1\.35 plugin that schedbench does not model yet/,
    },
    {
      name: 'schedbench\'s profile shape with an unmodelled filter',
      text: 'name: p\nfilter:\n  - NodeName\n  - DynamicResources\nscore: []\n',
      err: /own\.yaml:4: filter\[1\]: DynamicResources is a kube-scheduler 1\.35 plugin that schedbench does not model yet/,
    },
    {
      name: 'schedbench\'s profile shape with a removed score plugin',
      text: 'name: p\nfilter: []\nscore:\n  - name: NodeResourcesMostAllocated\n    weight: 1\n',
      err: /own\.yaml:4: score\[0\]\.name: ScorePlugin "NodeResourcesMostAllocated" does not exist \(kube-scheduler 1\.35 no longer has/,
    },
    {
      name: 'schedbench\'s profile shape configuring a removed plugin',
      text: 'name: p\nfilter: []\nscore: []\nargs:\n  GCEPDLimits: {}\n',
      err: /own\.yaml:5: args\.GCEPDLimits: Invalid value: "GCEPDLimits": was invalid in version/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const file = c.name.startsWith('a KubeScheduler') ? 'kube.yaml' : c.name.startsWith('a short') ? 'short.yaml' : 'own.yaml';
      expect(load(file, c.text)).toThrow(c.err);
    });
  }

  it('reads a KubeSchedulerConfiguration that disables removed and unmodelled plugins', () => {
    const [p] = load('ok.yaml', 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n  - schedulerName: s\n    plugins:\n      multiPoint:\n        disabled:\n          - name: EBSLimits\n          - name: DynamicResources\n')();
    expect(p!.name).toBe('s');
    expect(p!.filter).toContain('NodeResourcesFit');
  });
});
