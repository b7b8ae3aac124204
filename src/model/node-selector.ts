import type { Sym } from './ids.js';
import type { NodeSelectorInput, NodeSelectorTermInput } from './k8s-schema.js';
import type { Requirement } from './labels.js';
import { makeRequirement, OP_IN, requirementMatches } from './labels.js';
import type { SymbolTable } from './symbols.js';

/**
 * A compiled v1.NodeSelectorTerm: every label requirement and every field requirement
 * (only `metadata.name` exists) must hold. Mirrors component-helpers
 * scheduling/corev1/nodeaffinity: an empty term matches nothing.
 */
export interface NodeSelectorTerm {
  readonly labels: readonly Requirement[];
  /** Requirements on metadata.name; `key` is unused. */
  readonly fields: readonly Requirement[];
  readonly empty: boolean;
}

/** Terms ORed together; no terms matches no node. */
export interface NodeSelector {
  readonly terms: readonly NodeSelectorTerm[];
}

/** Reads one label of a node: label key -> value sym, NO_SYM when absent. */
export type NodeLabelReader = (key: Sym) => Sym;

export function compileNodeSelectorTerm(
  term: NodeSelectorTermInput, symbols: SymbolTable, fail: (path: string, problem: string) => never,
): NodeSelectorTerm {
  const labels = (term.matchExpressions ?? []).map((e, i) =>
    makeRequirement(e.key, e.operator, e.values, symbols, (p) => fail(`matchExpressions[${i}]`, p)));
  const fields = (term.matchFields ?? []).map((e, i) => {
    const f = (p: string): never => fail(`matchFields[${i}]`, p);
    if (e.key !== 'metadata.name') f(`unsupported field ${JSON.stringify(e.key)} (only metadata.name)`);
    if (e.operator !== 'In' && e.operator !== 'NotIn') f(`operator ${e.operator} is not allowed on fields (In or NotIn)`);
    if ((e.values ?? []).length !== 1) f('metadata.name needs exactly one value');
    return makeRequirement(e.key, e.operator, e.values, symbols, f);
  });
  return { labels, fields, empty: labels.length === 0 && fields.length === 0 };
}

export function compileNodeSelector(
  sel: NodeSelectorInput, symbols: SymbolTable, fail: (path: string, problem: string) => never,
): NodeSelector {
  return {
    terms: sel.nodeSelectorTerms.map((t, i) =>
      compileNodeSelectorTerm(t, symbols, (p, m) => fail(`nodeSelectorTerms[${i}].${p}`, m))),
  };
}

/** Whether a node (its name sym and label reader) satisfies one term. */
export function termMatches(term: NodeSelectorTerm, nodeName: Sym, label: NodeLabelReader, symbols: SymbolTable): boolean {
  if (term.empty) return false;
  for (let i = 0; i < term.labels.length; i++) {
    const r = term.labels[i]!;
    if (!requirementMatches(r, label(r.key), symbols)) return false;
  }
  for (let i = 0; i < term.fields.length; i++) {
    if (!requirementMatches(term.fields[i]!, nodeName, symbols)) return false;
  }
  return true;
}

/** Whether any term matches (NodeSelector.Match). */
export function nodeSelectorMatches(sel: NodeSelector, nodeName: Sym, label: NodeLabelReader, symbols: SymbolTable): boolean {
  for (let i = 0; i < sel.terms.length; i++) {
    if (termMatches(sel.terms[i]!, nodeName, label, symbols)) return true;
  }
  return false;
}
