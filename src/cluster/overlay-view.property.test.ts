import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gpuRequestOf } from '../model/gpu-request.js';
import type { NodeId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import type { ClusterState } from './cluster-state.js';
import type { ClusterView } from './cluster-view.js';
import { gpuCluster } from './gpu-fixtures.js';
import { OverlayView } from './overlay-view.js';

/**
 * An overlay what-if equals the same change applied to the state: for random clusters
 * of GPU nodes with bound pods (CPU, memory, host ports, whole and shared GPUs), a random
 * sequence of removals and additions on one node seen through an OverlayView gives the
 * node-local data that binding and unbinding the same pods in the live state gives, and
 * the live state is untouched by the overlay.
 */

const podArb = fc.record({
  cpuMilli: fc.integer({ min: 0, max: 4000 }),
  memoryGi: fc.integer({ min: 0, max: 16 }),
  gpus: fc.constantFrom(0, 0, 1, 1, 2),
  milli: fc.constantFrom(250, 500, 1000),
  port: fc.option(fc.constantFrom(80, 443, 8080), { nil: undefined }),
});
type PodGen = typeof podArb extends fc.Arbitrary<infer T> ? T : never;

/** What the filters read of one node, as plain data. */
function nodeFacts(view: ClusterView, node: NodeId) {
  const dims = view.dims;
  const g = view.gpus;
  const gpuBase = g.offset[node]!;
  return {
    requested: Array.from(view.requested.subarray(node * dims, (node + 1) * dims)),
    nonZero: Array.from(view.nonZeroRequested.subarray(node * 2, node * 2 + 2)),
    pods: [...view.podsOn(node)].sort((a, b) => a - b),
    ports: view.usedHostPorts(node).map((p) => `${p.ip}/${p.protocol}/${p.port}`).sort(),
    freeMilli: Array.from(g.freeMilli.subarray(gpuBase, gpuBase + g.count[node]!)),
    freeMilliTotal: g.freeMilliTotal[node],
    fullyFree: g.fullyFree[node],
    maxFreeMilli: g.maxFreeMilli[node],
  };
}

function withPort(pod: CompiledPod, g: PodGen): CompiledPod {
  if (g.port === undefined) return pod;
  return { ...pod, hostPorts: [{ ip: '0.0.0.0', protocol: 'TCP', port: g.port }] as unknown as CompiledPod['hostPorts'] };
}

describe('OverlayView (property): a what-if equals the change applied to the state', () => {
  it('for random removals and additions on one node', () => {
    fc.assert(fc.property(
      fc.array(podArb, { minLength: 1, maxLength: 8 }),
      fc.array(podArb, { minLength: 0, maxLength: 4 }),
      fc.array(fc.record({ op: fc.constantFrom('remove', 'add'), pick: fc.nat() }), { maxLength: 10 }),
      (boundGen, newGen, ops) => {
        const c = gpuCluster([{ name: 'n0', gpus: 4 }, { name: 'n1', gpus: 2 }]);
        const state: ClusterState = c.state;
        const n0 = c.node('n0');
        const bound = boundGen.map((g, i) => {
          const p = withPort(c.pod({ name: `b${i}`, cpuMilli: g.cpuMilli, memoryGi: g.memoryGi, gpus: g.gpus, milli: g.gpus > 1 ? 1000 : g.milli }), g);
          state.bind(p, i % 3 === 2 ? c.node('n1') : n0);
          return p;
        });
        const fresh = newGen.map((g, i) => withPort(c.pod({ name: `new${i}`, cpuMilli: g.cpuMilli, memoryGi: g.memoryGi, gpus: g.gpus, milli: g.gpus > 1 ? 1000 : g.milli }), g));
        const before = { n0: nodeFacts(state, n0), n1: nodeFacts(state, c.node('n1')), requested: Array.from(state.requested) };

        const overlay = new OverlayView();
        overlay.begin(state);
        overlay.focus(n0);
        // The same ops, decided up front on what is on the node / still to add.
        const on = new Set(bound.filter((p) => state.nodeOf(p.id) === n0));
        const off = new Set(fresh);
        const applied: { op: 'add' | 'remove'; pod: CompiledPod; mask: number }[] = [];
        for (const o of ops) {
          const from = o.op === 'remove' ? [...on] : [...off];
          if (from.length === 0) continue;
          const pod = from[o.pick % from.length]!;
          if (o.op === 'remove') { on.delete(pod); off.add(pod); } else { off.delete(pod); on.add(pod); }
          if (o.op === 'remove') overlay.remove(pod); else overlay.add(pod);
          applied.push({ op: o.op, pod, mask: overlay.gpusOf(pod.id) });
        }
        const seen = nodeFacts(overlay, n0);
        const seenOther = nodeFacts(overlay, c.node('n1'));
        const nodeOfSeen = [...bound, ...fresh].map((p) => overlay.nodeOf(p.id));
        // The live state never moved.
        expect(nodeFacts(state, n0)).toEqual(before.n0);
        expect(Array.from(state.requested)).toEqual(before.requested);

        // The same changes on the state itself, then undone.
        // A pod the what-if removed and adds back keeps its GPUs when still free (undo is
        // exact); the state binds it where the overlay put it. A fresh pod's GPUs are
        // bind's own choice, which the overlay must match.
        const removedBefore = new Set<number>();
        for (const a of applied) {
          if (a.op === 'remove') {
            state.unbind(a.pod, n0);
            removedBefore.add(a.pod.id);
          } else {
            // (A mask that does not fit is the overlay's overcommitting fallback, bind's own choice too.)
            const keep = removedBefore.has(a.pod.id) && state.gpus.maskFits(n0, gpuRequestOf(a.pod), a.mask);
            state.bind(a.pod, n0, keep ? a.mask : undefined);
          }
        }
        expect(seen).toEqual(nodeFacts(state, n0));
        expect(seenOther).toEqual(nodeFacts(state, c.node('n1')));
        expect(nodeOfSeen).toEqual([...bound, ...fresh].map((p) => state.nodeOf(p.id)));
        for (let i = applied.length - 1; i >= 0; i--) {
          const a = applied[i]!;
          if (a.op === 'remove') state.bind(a.pod, n0); else state.unbind(a.pod, n0);
        }
        // Focus elsewhere: the previous focus reads as the base again. (Not `before`: undoing
        // with bind may put a GPU pod back on other GPUs than it had.)
        overlay.focus(c.node('n1'));
        expect(nodeFacts(overlay, n0)).toEqual(nodeFacts(state, n0));
      },
    ), { numRuns: 300 });
  });

  it('has no pod indexes: PreFilter states follow a what-if through addPod/removePod', () => {
    const c = gpuCluster([{ name: 'n0', gpus: 1 }]);
    const overlay = new OverlayView();
    overlay.begin(c.state);
    expect(() => overlay.podIndexes).toThrow(/addPod\/removePod/);
  });
});
