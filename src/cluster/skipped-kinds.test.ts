import { describe, expect, it } from 'vitest';
import { SkippedKinds } from './skipped-kinds.js';

describe('SkippedKinds', () => {
  it('reports the kinds kube-scheduler reads but schedbench does not model apart from the rest, each group on one line', () => {
    const s = new SkippedKinds();
    for (const k of ['Event', 'ResourceClaim', 'Event', 'ConfigMap', 'DeviceClass', 'ResourceClaim']) s.add(k);
    const lines: string[] = [];
    s.report((m) => lines.push(m));
    expect(lines).toEqual([
      'skipped 3 objects that kube-scheduler reads but schedbench does not model yet (pods\' resource claims are ignored): "ResourceClaim" ×2, "DeviceClass" ×1',
      'skipped 3 objects of kinds scheduling does not read: "Event" ×2, "ConfigMap" ×1',
    ]);
  });

  it('says nothing when nothing was skipped', () => {
    const lines: string[] = [];
    new SkippedKinds().report((m) => lines.push(m));
    expect(lines).toEqual([]);
  });
});
