import type { ClusterView } from '../cluster/cluster-view.js';
import { affinityTermMatches } from '../model/affinity-term-matches.js';
import type { CompiledPod, PodAffinityTerm } from '../model/pod.js';

/**
 * Whether `pod` is selected by a pod-affinity term: its namespace is one the term names
 * or one its namespaceSelector selects, and its labels match the term's selector
 * (framework.AffinityTerm.Matches). The queue uses it to move pods waiting for an
 * affinity partner when a matching pod is bound.
 */
export function podMatchesAffinityTerm(term: PodAffinityTerm, pod: CompiledPod, view: ClusterView): boolean {
  return affinityTermMatches(term, pod.labels, pod.namespace, view.namespaceLabels(pod.namespace), view.model.symbols);
}
