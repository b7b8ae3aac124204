import type { ClusterView } from '../cluster/cluster-view.js';
import type { NodeId, Sym } from '../model/ids.js';
import { NO_SYM } from '../model/ids.js';

/**
 * The largest spread skew at the end of a run: for every workload (running pods that
 * share a controller owner) and every topology key, the number of its pods in the most
 * loaded domain minus the least loaded one, where every domain of that key among live
 * nodes counts (an empty domain counts 0); the maximum over all. 0 without owned pods.
 */
export function maxSpreadSkew(view: ClusterView, topologyKeys: readonly Sym[]): number {
  let worst = 0;
  for (const key of topologyKeys) {
    const column = view.labelColumn(key);
    if (column === null) continue;
    const domains = new Map<number, number>();
    for (const node of view.nodeOrder()) {
      const d = column[node]!;
      if (d !== NO_SYM && !domains.has(d)) domains.set(d, domains.size);
    }
    if (domains.size === 0) continue;
    const perWorkload = new Map<string, Int32Array>();
    for (const node of view.nodeOrder()) {
      const d = column[node]!;
      if (d === NO_SYM) continue;
      for (const id of view.podsOn(node as NodeId)) {
        const owner = view.pod(id).owner;
        if (owner === null) continue;
        const w = `${owner.kind}/${view.model.symbols.text(view.pod(id).namespace)}/${owner.name}`;
        let counts = perWorkload.get(w);
        if (counts === undefined) {
          counts = new Int32Array(domains.size);
          perWorkload.set(w, counts);
        }
        counts[domains.get(d)!]++;
      }
    }
    for (const counts of perWorkload.values()) {
      let max = 0;
      let min = Infinity;
      for (const c of counts) {
        if (c > max) max = c;
        if (c < min) min = c;
      }
      if (max - min > worst) worst = max - min;
    }
  }
  return worst;
}
