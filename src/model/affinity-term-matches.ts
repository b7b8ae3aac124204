import type { Sym } from './ids.js';
import type { LabelSet } from './labels.js';
import { selectorMatches } from './labels.js';
import type { PodAffinityTerm } from './pod.js';
import type { SymbolTable } from './symbols.js';

/**
 * Whether a pod (its labels and namespace) is selected by a pod-affinity term: its
 * namespace is one the term names or one the term's namespaceSelector selects (by the
 * namespace's labels, `nsLabels`), and its labels match the term's selector
 * (framework.AffinityTerm.Matches).
 */
export function affinityTermMatches(term: PodAffinityTerm, labels: LabelSet, namespace: Sym, nsLabels: LabelSet, symbols: SymbolTable): boolean {
  if (!term.namespaces.includes(namespace) && !selectorMatches(term.namespaceSelector, nsLabels, symbols)) return false;
  return selectorMatches(term.selector, labels, symbols);
}
