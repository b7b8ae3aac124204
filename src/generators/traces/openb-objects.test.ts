import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ClusterState } from '../../cluster/cluster-state.js';
import type { Sym } from '../../model/ids.js';
import { ModelContext } from '../../model/model-context.js';
import { CPU, MEMORY, PODS } from '../../model/resources.js';
import { loadOpenbNodes, loadOpenbPods } from './openb.js';
import { openbNode, OpenbPods } from './openb-objects.js';

const fixture = (f: string) => fileURLToPath(new URL(`./fixtures/${f}`, import.meta.url));

describe('openb rows as nodes and pods', () => {
  it('nodes: cpu, memory, 1001 pods, GPUs and their model', () => {
    const model = new ModelContext();
    const state = ClusterState.from(model, loadOpenbNodes(fixture('nodes.csv')).map((r) => openbNode(r, model)));
    const n0 = state.nodeByName(model.symbols.intern('n-0'));
    const n1 = state.nodeByName(model.symbols.intern('n-1'));
    const row = (n: number) => [CPU, MEMORY, PODS].map((r) => state.allocatable[n * state.dims + r]);
    expect(row(n0)).toEqual([64_000, 262_144 * 2 ** 20, 1001]);
    expect([state.gpus.count[n0], model.symbols.text(state.gpus.model[n0] as Sym)]).toEqual([2, 'P100']);
    expect([state.gpus.count[n1], state.gpus.model[n1]]).toEqual([0, -1]);
  });

  it('pods: requests, GPU request and gpu_spec; rows of one size share a template', () => {
    const model = new ModelContext();
    const pods = new OpenbPods(model);
    const rows = loadOpenbPods(fixture('pods-long.csv'));
    const [p0, p1, p2] = rows.map((r) => pods.pod(r));
    expect([p0!.requests[CPU], p0!.requests[MEMORY], p0!.gpu.count, p0!.gpu.milliPerGpu, p0!.gpu.models.length]).toEqual([12_000, 16_384 * 2 ** 20, 1, 1000, 0]);
    expect([p1!.name, p1!.gpu.count, p1!.gpu.milliPerGpu, Array.from(p1!.gpu.models, (m) => model.symbols.text(m as Sym))])
      .toEqual(['p-1', 1, 460, ['V100M16', 'V100M32']]);
    expect([p2!.gpu.count, p2!.gpu.milliPerGpu]).toEqual([0, 0]);
    expect(new Set([p0!.id, p1!.id, p2!.id]).size).toBe(3);
    const again = pods.pod(rows[0]!);
    expect(again.id).not.toBe(p0!.id);
    expect(again.requests).toBe(p0!.requests);
  });

  it('the 5-column lists give pods with no model constraint', () => {
    const model = new ModelContext();
    const pods = loadOpenbPods(fixture('pods-short.csv')).map((r) => new OpenbPods(model).pod(r));
    expect(pods.map((p) => [p.gpu.count, p.gpu.milliPerGpu, p.gpu.models.length])).toEqual([[8, 1000, 0], [1, 250, 0]]);
  });
});
