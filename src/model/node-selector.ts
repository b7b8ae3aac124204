import type { Sym } from './ids.js';
import { NO_SYM } from './ids.js';
import type { NodeSelectorInput, NodeSelectorTermInput } from './k8s-schema.js';
import type { Requirement } from './labels.js';
import { makeRequirement, OP_IN, requirementMatches, requirementParseError } from './labels.js';
import type { SymbolTable } from './symbols.js';

/** Where a node selector term failed kube-scheduler's parsing, relative to the term. */
export interface TermParseError {
  /** e.g. "matchExpressions[1]". */
  readonly path: string;
  readonly problem: string;
}

/**
 * A compiled v1.NodeSelectorTerm: every label requirement and every field requirement
 * (only `metadata.name` exists) must hold. Mirrors component-helpers
 * scheduling/corev1/nodeaffinity: an empty term matches nothing, and so does a term
 * kube-scheduler cannot parse (LazyErrorNodeSelector ignores it instead of failing).
 */
export interface NodeSelectorTerm {
  readonly labels: readonly Requirement[];
  /** Requirements on metadata.name; `key` is unused. */
  readonly fields: readonly Requirement[];
  readonly empty: boolean;
  /** Set when labels.NewRequirement would reject a requirement: the term matches nothing. */
  readonly parseError: TermParseError | null;
}

/** Terms ORed together; no terms matches no node. */
export interface NodeSelector {
  readonly terms: readonly NodeSelectorTerm[];
}

/** Reads one label of a node: label key -> value sym, NO_SYM when absent. */
export type NodeLabelReader = (key: Sym) => Sym;

/**
 * Compiles a term. `fail` receives what Kubernetes' API validation rejects (wrong value
 * counts, fields other than metadata.name); what only kube-scheduler's parser rejects
 * (invalid keys or values, non-integer Gt/Lt) lands in `parseError` instead.
 */
export function compileNodeSelectorTerm(
  term: NodeSelectorTermInput, symbols: SymbolTable, fail: (path: string, problem: string) => never,
): NodeSelectorTerm {
  let parseError: TermParseError | null = null;
  const labels = (term.matchExpressions ?? []).map((e, i) => {
    const path = `matchExpressions[${i}]`;
    const r = makeRequirement(e.key, e.operator, e.values, symbols, (p) => fail(path, p));
    const problem = requirementParseError(e.key, e.operator, e.values);
    if (problem !== null && parseError === null) parseError = { path, problem };
    return r;
  });
  const fields = (term.matchFields ?? []).map((e, i) => {
    const f = (p: string): never => fail(`matchFields[${i}]`, p);
    if (e.key !== 'metadata.name') f(`unsupported field ${JSON.stringify(e.key)} (only metadata.name)`);
    if (e.operator !== 'In' && e.operator !== 'NotIn') f(`operator ${e.operator} is not allowed on fields (In or NotIn)`);
    if ((e.values ?? []).length !== 1) f('metadata.name needs exactly one value');
    return makeRequirement(e.key, e.operator, e.values, symbols, f);
  });
  return { labels, fields, empty: labels.length === 0 && fields.length === 0, parseError };
}

/** Compiles a v1.NodeSelector (terms ORed); see compileNodeSelectorTerm for errors. */
export function compileNodeSelector(
  sel: NodeSelectorInput, symbols: SymbolTable, fail: (path: string, problem: string) => never,
): NodeSelector {
  return {
    terms: sel.nodeSelectorTerms.map((t, i) =>
      compileNodeSelectorTerm(t, symbols, (p, m) => fail(`nodeSelectorTerms[${i}].${p}`, m))),
  };
}

/** Whether a term can match any node at all (kube skips empty and unparsable terms). */
export function termCanMatch(term: NodeSelectorTerm): boolean {
  return !term.empty && term.parseError === null;
}

/** Whether a node (its name sym and label reader) satisfies one term. */
export function termMatches(term: NodeSelectorTerm, nodeName: Sym, label: NodeLabelReader, symbols: SymbolTable): boolean {
  if (term.empty || term.parseError !== null) return false;
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

/**
 * The node names a selector pins the pod to, as kube's NodeAffinity PreFilter computes
 * its PreFilterResult: per term the intersection of its `metadata.name In` values, then
 * the union over terms. null when some term has no such requirement (every node stays
 * eligible); an empty array when every term pins conflicting names.
 */
export function pinnedNodeNames(sel: NodeSelector): Int32Array | null {
  const union = new Set<number>();
  for (const term of sel.terms) {
    let names: number[] | null = null;
    for (const f of term.fields) {
      if (f.op !== OP_IN) continue;
      const these = [...f.values];
      names = names === null ? these : intersect(names, these);
    }
    if (names === null) return null;
    for (const n of names) union.add(n);
  }
  return Int32Array.from([...union].sort((a, b) => a - b));
}

function intersect(a: readonly number[], b: readonly number[]): number[] {
  return a.filter((x) => b.includes(x));
}

/** Label key -> that label's value per node id (NO_SYM when absent), or null: ClusterView.labelColumn. */
export type LabelColumns = (key: Sym) => Int32Array | null;

/**
 * A term bound to one cluster snapshot for one cycle: each label requirement is paired
 * with its label column, so matching a node costs one array read per requirement and
 * allocates nothing. Build it in preFilter/preScore, never per node.
 */
export interface BoundTerm {
  /** false for an empty or unparsable term: it matches no node. */
  readonly live: boolean;
  readonly labels: readonly Requirement[];
  /** columns[i] belongs to labels[i]; null when no node has the key. */
  readonly columns: readonly (Int32Array | null)[];
  readonly fields: readonly Requirement[];
}

/** Binds a term to this cycle's label columns (see BoundTerm). */
export function bindTerm(term: NodeSelectorTerm, columns: LabelColumns): BoundTerm {
  return {
    live: termCanMatch(term),
    labels: term.labels,
    columns: term.labels.map((r) => columns(r.key)),
    fields: term.fields,
  };
}

/** Whether node `node` (named `nodeName`) satisfies a bound term. */
export function boundTermMatches(t: BoundTerm, node: number, nodeName: Sym, symbols: SymbolTable): boolean {
  if (!t.live) return false;
  const labels = t.labels;
  for (let i = 0; i < labels.length; i++) {
    const col = t.columns[i]!;
    const value = col === null ? NO_SYM : (col[node] as Sym);
    if (!requirementMatches(labels[i]!, value, symbols)) return false;
  }
  const fields = t.fields;
  for (let i = 0; i < fields.length; i++) {
    if (!requirementMatches(fields[i]!, nodeName, symbols)) return false;
  }
  return true;
}

/** Whether any bound term matches (terms are ORed). */
export function anyBoundTermMatches(terms: readonly BoundTerm[], node: number, nodeName: Sym, symbols: SymbolTable): boolean {
  for (let i = 0; i < terms.length; i++) {
    if (boundTermMatches(terms[i]!, node, nodeName, symbols)) return true;
  }
  return false;
}

/**
 * A pod's spec.nodeSelector and required node affinity, bound for one cycle: kube's
 * nodeaffinity.RequiredNodeAffinity. NodeAffinity filters with it; PodTopologySpread
 * (nodeAffinityPolicy: Honor) and InterPodAffinity-style node counting can share it.
 */
export interface BoundRequiredAffinity {
  /** spec.nodeSelector as one term of `key In [value]` requirements, or null. */
  readonly nodeSelector: BoundTerm | null;
  /** requiredDuringSchedulingIgnoredDuringExecution terms (ORed), or null when absent. */
  readonly terms: readonly BoundTerm[] | null;
}

/** Binds a pod's nodeSelector and required node affinity (CompiledPod fields) for one cycle. */
export function bindRequiredAffinity(
  nodeSelector: NodeSelectorTerm | null, required: NodeSelector | null, columns: LabelColumns,
): BoundRequiredAffinity {
  return {
    nodeSelector: nodeSelector === null ? null : bindTerm(nodeSelector, columns),
    terms: required === null ? null : required.terms.map((t) => bindTerm(t, columns)),
  };
}

/**
 * Whether a node satisfies both the nodeSelector and the required affinity
 * (RequiredNodeAffinity.Match, parse errors counting as no match). A required affinity
 * with zero terms matches no node.
 */
export function requiredAffinityMatches(a: BoundRequiredAffinity, node: number, nodeName: Sym, symbols: SymbolTable): boolean {
  if (a.nodeSelector !== null && !boundTermMatches(a.nodeSelector, node, nodeName, symbols)) return false;
  return a.terms === null || anyBoundTermMatches(a.terms, node, nodeName, symbols);
}
