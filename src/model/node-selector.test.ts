import { describe, expect, it } from 'vitest';
import type { Sym } from './ids.js';
import { NO_SYM } from './ids.js';
import type { NodeSelectorInput, NodeSelectorTermInput } from './k8s-schema.js';
import { compileLabels, labelValue } from './labels.js';
import type { LabelColumns } from './node-selector.js';
import {
  anyBoundTermMatches, bindTerm, compileNodeSelector, compileNodeSelectorTerm, nodeSelectorMatches, pinnedNodeNames,
  termMatches,
} from './node-selector.js';
import { SymbolTable } from './symbols.js';

const fail = (path: string, problem: string): never => { throw new Error(`${path}: ${problem}`); };

/** A node: name and labels, readable both through a LabelSet and through label columns (node id 0). */
function node(symbols: SymbolTable, name: string, labels: Record<string, string>) {
  const set = compileLabels(labels, symbols);
  const columns: LabelColumns = (key) => {
    const v = labelValue(set, key);
    return v === NO_SYM ? null : Int32Array.of(v);
  };
  return { name: symbols.intern(name), read: (key: Sym) => labelValue(set, key), columns };
}

describe('node selector terms (component-helpers nodeaffinity)', () => {
  const cases: { name: string; sel: NodeSelectorInput; node: string; labels: Record<string, string>; want: boolean }[] = [
    { name: 'no terms match no node', sel: { nodeSelectorTerms: [] }, node: 'n1', labels: { a: '1' }, want: false },
    { name: 'an empty term matches nothing', sel: { nodeSelectorTerms: [{}] }, node: 'n1', labels: { a: '1' }, want: false },
    {
      name: 'a term with empty matchExpressions matches nothing (Go test "empty MatchExpressions")',
      sel: { nodeSelectorTerms: [{ matchExpressions: [] }] }, node: 'n1', labels: { foo: 'bar' }, want: false,
    },
    {
      name: 'matchFields metadata.name In matches the named node',
      sel: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] },
      node: 'n1', labels: {}, want: true,
    },
    {
      name: 'matchFields metadata.name In rejects another node',
      sel: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] },
      node: 'n2', labels: {}, want: false,
    },
    {
      name: 'matchFields metadata.name NotIn',
      sel: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n1'] }] }] },
      node: 'n2', labels: {}, want: true,
    },
    {
      name: 'terms are ORed: the second term matches',
      sel: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'foo', operator: 'In', values: ['x'] }] },
          { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] },
        ],
      },
      node: 'n1', labels: { foo: 'bar' }, want: true,
    },
    {
      name: 'fields and expressions in one term are ANDed',
      sel: {
        nodeSelectorTerms: [{
          matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }],
          matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }],
        }],
      },
      node: 'n2', labels: { foo: 'bar' }, want: false,
    },
    {
      name: 'an unparsable term matches nothing, the other term still can',
      sel: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'foo', operator: 'NotIn', values: ['invalid value: ___@#$%^'] }] },
          { matchExpressions: [{ key: 'foo', operator: 'Exists' }] },
        ],
      },
      node: 'n1', labels: { foo: 'bar' }, want: true,
    },
    {
      name: 'an unparsable NotIn term alone matches nothing',
      sel: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'foo', operator: 'NotIn', values: ['invalid value: ___@#$%^'] }] }] },
      node: 'n1', labels: { foo: 'bar' }, want: false,
    },
    {
      name: 'Gt with a non-integer node label does not match',
      sel: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kernel', operator: 'Gt', values: ['3'] }] }] },
      node: 'n1', labels: { kernel: 'v5' }, want: false,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const symbols = new SymbolTable();
      const sel = compileNodeSelector(c.sel, symbols, fail);
      const n = node(symbols, c.node, c.labels);
      expect(nodeSelectorMatches(sel, n.name, n.read, symbols)).toBe(c.want);
      // The hot-path form agrees with the reader form.
      expect(anyBoundTermMatches(sel.terms.map((t) => bindTerm(t, n.columns)), 0, n.name, symbols)).toBe(c.want);
    });
  }

  it('records the parse error with its path', () => {
    const symbols = new SymbolTable();
    const t = compileNodeSelectorTerm({ matchExpressions: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Gt', values: ['x'] }] }, symbols, fail);
    expect(t.parseError?.path).toBe('matchExpressions[1]');
    const n = node(symbols, 'n1', { a: '1', b: '2' });
    expect(termMatches(t, n.name, n.read, symbols)).toBe(false);
  });

  it('rejects fields other than metadata.name (API validation)', () => {
    const term: NodeSelectorTermInput = { matchFields: [{ key: 'metadata.uid', operator: 'In', values: ['x'] }] };
    expect(() => compileNodeSelectorTerm(term, new SymbolTable(), fail)).toThrow(/matchFields\[0\]: unsupported field/);
  });
  it('rejects Exists on fields', () => {
    const term: NodeSelectorTermInput = { matchFields: [{ key: 'metadata.name', operator: 'Exists' }] };
    expect(() => compileNodeSelectorTerm(term, new SymbolTable(), fail)).toThrow(/not allowed on fields/);
  });
});

describe('pinnedNodeNames (NodeAffinity PreFilterResult)', () => {
  const nameIn = (...names: string[]) => names.map((n) => ({ key: 'metadata.name', operator: 'In' as const, values: [n] }));
  const cases: { name: string; terms: NodeSelectorTermInput[]; want: string[] | null }[] = [
    { name: 'one term, one name (Go: "matchFields using In operator")', terms: [{ matchFields: nameIn('node1') }], want: ['node1'] },
    { name: 'two terms of node.Name affinity: union', terms: [{ matchFields: nameIn('node1') }, { matchFields: nameIn('node2') }], want: ['node1', 'node2'] },
    { name: 'two conflicting requirements in one term: empty', terms: [{ matchFields: nameIn('node1', 'node2') }], want: [] },
    {
      name: 'a term without a name requirement frees every node',
      terms: [{ matchFields: nameIn('node1', 'node2') }, { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] }],
      want: null,
    },
    { name: 'NotIn does not pin', terms: [{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node1'] }] }], want: null },
    { name: 'an empty term frees every node', terms: [{ matchFields: nameIn('node1') }, {}], want: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const symbols = new SymbolTable();
      const got = pinnedNodeNames(compileNodeSelector({ nodeSelectorTerms: c.terms }, symbols, fail));
      expect(got === null ? null : [...got].map((s) => symbols.text(s as Sym)).sort()).toEqual(c.want);
    });
  }
});
