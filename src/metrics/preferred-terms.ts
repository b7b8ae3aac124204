import type { ClusterView } from '../cluster/cluster-view.js';
import type { NodeId, PodId, Sym } from '../model/ids.js';
import { NO_SYM } from '../model/ids.js';
import { labelValue, selectorMatches } from '../model/labels.js';
import { termMatches } from '../model/node-selector.js';
import type { CompiledPod, PodAffinityTerm } from '../model/pod.js';

/**
 * The weight-weighted share (percent) of running pods' preferred terms that hold where
 * the pods run, at the end of a run:
 *   - a preferred node-affinity term holds when it matches the pod's node;
 *   - a preferred pod-affinity term holds when another running pod that the term
 *     selects (labels and namespaces) shares the pod's domain of the term's topology key;
 *   - a preferred pod-anti-affinity term holds when no such pod does.
 * A pod-(anti-)affinity term whose topology key the node lacks counts as not held
 * (affinity) or held (anti-affinity). NaN when no running pod has a preferred term.
 */
export function preferredSatisfiedPct(view: ClusterView): number {
  // Most runs have no preferred term at all: answered without gathering the running pods.
  if (!anyPreferredTerm(view)) return Number.NaN;
  const { symbols } = view.model;
  const running: { pod: CompiledPod; node: NodeId }[] = [];
  for (const node of view.nodeOrder()) {
    for (const id of view.podsOn(node as NodeId)) running.push({ pod: view.pod(id as PodId), node: node as NodeId });
  }
  // Domain of every running pod per topology key, built once per key.
  const domainsByKey = new Map<Sym, Int32Array>();
  const domainOf = (key: Sym): Int32Array => {
    let d = domainsByKey.get(key);
    if (d === undefined) {
      const column = view.labelColumn(key);
      d = Int32Array.from(running, (r) => (column === null ? NO_SYM : column[r.node]!));
      domainsByKey.set(key, d);
    }
    return d;
  };
  // Selected running pods per domain, per distinct term (replicas share their terms), so
  // the whole measure costs O(distinct terms x running pods), not O(pods^2).
  const countsBySignature = new Map<string, Map<number, number>>();
  const countsFor = (term: PodAffinityTerm): Map<number, number> => {
    const sig = termSignature(term);
    let counts = countsBySignature.get(sig);
    if (counts === undefined) {
      counts = new Map();
      const domains = domainOf(term.topologyKey);
      for (let j = 0; j < running.length; j++) {
        const d = domains[j]!;
        if (d !== NO_SYM && termSelects(term, running[j]!.pod, view)) counts.set(d, (counts.get(d) ?? 0) + 1);
      }
      countsBySignature.set(sig, counts);
    }
    return counts;
  };
  // Whether another running pod that the term (of pod i) selects shares i's domain.
  const matchesInDomain = (term: PodAffinityTerm, i: number): boolean => {
    const mine = domainOf(term.topologyKey)[i]!;
    if (mine === NO_SYM) return false;
    const self = termSelects(term, running[i]!.pod, view) ? 1 : 0;
    return (countsFor(term).get(mine) ?? 0) - self > 0;
  };
  let total = 0;
  let held = 0;
  running.forEach(({ pod, node }, i) => {
    const nodeName = view.nodeName[node] as Sym;
    const labels = view.nodeLabels(node);
    for (const t of pod.preferredNodeAffinity) {
      total += t.weight;
      if (termMatches(t.term, nodeName, (k) => labelValue(labels, k), symbols)) held += t.weight;
    }
    for (const t of pod.affinityPreferred) {
      total += t.weight;
      if (matchesInDomain(t.term, i)) held += t.weight;
    }
    for (const t of pod.antiAffinityPreferred) {
      total += t.weight;
      if (domainOf(t.term.topologyKey)[i] === NO_SYM || !matchesInDomain(t.term, i)) held += t.weight;
    }
  });
  return total > 0 ? (held / total) * 100 : Number.NaN;
}

/** Whether some running pod has a preferred term of any kind. */
function anyPreferredTerm(view: ClusterView): boolean {
  for (const node of view.nodeOrder()) {
    for (const id of view.podsOn(node as NodeId)) {
      const pod = view.pod(id as PodId);
      if (pod.preferredNodeAffinity.length > 0 || pod.affinityPreferred.length > 0 || pod.antiAffinityPreferred.length > 0) return true;
    }
  }
  return false;
}

/** Whether a pod-affinity term selects `pod`: its labels and its namespace. */
function termSelects(term: PodAffinityTerm, pod: CompiledPod, view: ClusterView): boolean {
  const { symbols } = view.model;
  if (!selectorMatches(term.selector, pod.labels, symbols)) return false;
  if (term.namespaces.includes(pod.namespace)) return true;
  return selectorMatches(term.namespaceSelector, view.namespaceLabels(pod.namespace), symbols);
}

/** A key that is equal for terms that select the same pods in the same domains. */
function termSignature(t: PodAffinityTerm): string {
  const reqs = t.selector.requirements.map((r) => `${r.key}:${r.op}:${Array.from(r.values).join('/')}:${r.bound}`).join(';');
  const nsSel = t.namespaceSelector.nothing ? 'none' : t.namespaceSelector.requirements.map((r) => `${r.key}:${r.op}:${Array.from(r.values).join('/')}`).join(';');
  return `${t.topologyKey}|${t.selector.nothing ? 'none' : reqs}|${Array.from(t.namespaces).join(',')}|${nsSel}`;
}
