import { describe, expect, it } from 'vitest';
import type { CycleContext, Plugin } from '../framework/types.js';
import { PASS, Rejection, SKIP } from '../framework/types.js';
import type { NodeId } from '../model/ids.js';
import { compilePersistentVolumeClaim } from '../model/persistent-volume-claim.js';
import { testCluster } from '../testing/builders.js';
import * as volumeRestrictions from './volume-restrictions.js';

/** n1 with `holder` bound, using the ReadWriteOncePod claim `solo`; `wanter` asks for the same claim. */
function rwopWorld() {
  const c = testCluster([{ name: 'n1', allocatable: { cpu: '4', memory: '8Gi', pods: 10 } }, { name: 'n2', allocatable: { cpu: '4', memory: '8Gi', pods: 10 } }]);
  c.state.storage.addClaim(compilePersistentVolumeClaim({
    metadata: { name: 'solo', namespace: 'default' },
    spec: { accessModes: ['ReadWriteOncePod'], resources: { requests: { storage: '1Gi' } }, volumeName: 'pv-1' },
  }, c.model));
  const uses = { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'solo' } }] };
  const holder = c.bound({ name: 'holder', nodeName: 'n1', spec: uses });
  const wanter = c.pod({ name: 'wanter', spec: uses });
  return { c, holder, wanter };
}

describe('VolumeRestrictions: ReadWriteOncePod', () => {
  it('a claim another bound pod uses rejects every node, and removing that pod (a preemption what-if) clears it', () => {
    const { c, holder, wanter } = rwopWorld();
    const plugin = volumeRestrictions.create({}, { model: c.model }) as Plugin<unknown>;
    const cx: CycleContext = { view: c.state };
    const pre = plugin.preFilter!(cx, wanter);
    expect(pre).not.toBe(SKIP);
    for (const n of [0, 1] as NodeId[]) expect(plugin.filter!(cx, wanter, n, pre)).not.toBe(PASS);
    const without = plugin.removePod!(cx, wanter, pre, holder, 0 as NodeId);
    expect(plugin.filter!(cx, wanter, 0 as NodeId, without)).toBe(PASS);
    const back = plugin.addPod!(cx, wanter, without, holder, 0 as NodeId);
    expect(plugin.filter!(cx, wanter, 0 as NodeId, back)).not.toBe(PASS);
    // The state before the what-if is untouched.
    expect(plugin.filter!(cx, wanter, 1 as NodeId, pre)).not.toBe(PASS);
  });

  it('skips when the claim is free, and refuses a claim that does not exist', () => {
    const { c, holder, wanter } = rwopWorld();
    c.state.unbind(holder, 0 as NodeId);
    const plugin = volumeRestrictions.create({}, { model: c.model });
    expect(plugin.preFilter!({ view: c.state }, wanter)).toBe(SKIP);
    const ghost = c.pod({ name: 'ghost', spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'nope' } }] } });
    const r = plugin.preFilter!({ view: c.state }, ghost);
    expect(r).toBeInstanceOf(Rejection);
    expect(r).toMatchObject({ message: 'persistentvolumeclaim "nope" not found', unresolvable: true });
  });
});
