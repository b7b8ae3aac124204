import { describe, expect, it } from 'vitest';
import type { TolerationInput } from './k8s-schema.js';
import {
  compileTaints, compileTolerations, countIntolerablePreferNoSchedule, effectOf, firstUntoleratedDoNotScheduleTaint,
  formatTaint, preferNoScheduleTolerations, tolerates,
} from './taints.js';
import { SymbolTable } from './symbols.js';

const fail = (path: string, problem: string): never => { throw new Error(`${path}: ${problem}`); };

type TaintInput = { key: string; value?: string; effect: string };

describe('tolerates (v1.Toleration.ToleratesTaint)', () => {
  const cases: { name: string; tol: TolerationInput; taint: TaintInput; want: boolean }[] = [
    { name: 'Equal: same key, value and effect', tol: { key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }, taint: { key: 'k', value: 'v', effect: 'NoSchedule' }, want: true },
    { name: 'empty operator means Equal', tol: { key: 'k', value: 'v', effect: 'NoSchedule' }, taint: { key: 'k', value: 'v', effect: 'NoSchedule' }, want: true },
    { name: 'Equal: value mismatch', tol: { key: 'k', operator: 'Equal', value: 'v2', effect: 'NoSchedule' }, taint: { key: 'k', value: 'v', effect: 'NoSchedule' }, want: false },
    { name: 'Equal with no value matches an empty taint value', tol: { key: 'k', effect: 'NoSchedule' }, taint: { key: 'k', effect: 'NoSchedule' }, want: true },
    { name: 'Exists ignores the value', tol: { key: 'k', operator: 'Exists', effect: 'NoSchedule' }, taint: { key: 'k', value: 'anything', effect: 'NoSchedule' }, want: true },
    { name: 'Exists needs the same key', tol: { key: 'k', operator: 'Exists' }, taint: { key: 'other', effect: 'NoSchedule' }, want: false },
    { name: 'empty key with Exists tolerates every taint', tol: { operator: 'Exists' }, taint: { key: 'any', value: 'x', effect: 'NoExecute' }, want: true },
    { name: 'empty effect matches every effect', tol: { key: 'k', operator: 'Equal', value: 'v' }, taint: { key: 'k', value: 'v', effect: 'NoExecute' }, want: true },
    { name: 'a non-empty effect must equal the taint effect', tol: { key: 'k', operator: 'Equal', value: 'v', effect: 'PreferNoSchedule' }, taint: { key: 'k', value: 'v', effect: 'NoSchedule' }, want: false },
    { name: 'empty key with Exists but another effect', tol: { operator: 'Exists', effect: 'NoSchedule' }, taint: { key: 'k', effect: 'NoExecute' }, want: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const symbols = new SymbolTable();
      const [tol] = compileTolerations([c.tol], symbols, fail);
      const t = compileTaints([c.taint], symbols);
      expect(tolerates(tol!, t[0]!, t[1]!, t[2]!)).toBe(c.want);
    });
  }

  it('rejects an empty key without Exists (API validation)', () => {
    expect(() => compileTolerations([{ operator: 'Equal', value: 'v' }], new SymbolTable(), fail)).toThrow(/empty key/);
  });
  it('rejects Exists with a value (API validation)', () => {
    expect(() => compileTolerations([{ key: 'k', operator: 'Exists', value: 'v' }], new SymbolTable(), fail)).toThrow(/must not have a value/);
  });
});

describe('firstUntoleratedDoNotScheduleTaint (FindMatchingUntoleratedTaint, NoSchedule|NoExecute)', () => {
  const cases: { name: string; tols: TolerationInput[]; taints: TaintInput[]; want: number }[] = [
    { name: 'no taints', tols: [], taints: [], want: -1 },
    { name: 'PreferNoSchedule taints are ignored', tols: [], taints: [{ key: 'k', value: 'v', effect: 'PreferNoSchedule' }], want: -1 },
    { name: 'an untolerated NoSchedule taint', tols: [], taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }], want: 0 },
    { name: 'an untolerated NoExecute taint', tols: [], taints: [{ key: 'k', value: 'v', effect: 'NoExecute' }], want: 0 },
    {
      name: 'the first untolerated one is reported',
      tols: [{ key: 'a', operator: 'Exists' }],
      taints: [{ key: 'a', effect: 'NoSchedule' }, { key: 'x', effect: 'PreferNoSchedule' }, { key: 'b', value: '1', effect: 'NoExecute' }, { key: 'c', effect: 'NoSchedule' }],
      want: 2,
    },
    {
      name: 'all tolerated (Go: "multiple tolerations, node has multiple taints")',
      tols: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      taints: [{ key: 'dedicated', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      want: -1,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const symbols = new SymbolTable();
      expect(firstUntoleratedDoNotScheduleTaint(compileTaints(c.taints, symbols), compileTolerations(c.tols, symbols, fail))).toBe(c.want);
    });
  }

  it('formats the taint as kube does', () => {
    const symbols = new SymbolTable();
    const taints = compileTaints([{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }, { key: 'bare', effect: 'NoSchedule' }], symbols);
    expect(formatTaint(taints, 0, symbols)).toBe('{dedicated: user1}');
    expect(formatTaint(taints, 1, symbols)).toBe('{bare: }');
  });
});

describe('countIntolerablePreferNoSchedule with preferNoScheduleTolerations', () => {
  const cases: { name: string; tols: TolerationInput[]; taints: TaintInput[]; want: number }[] = [
    { name: 'counts untolerated PreferNoSchedule taints only', tols: [], taints: [{ key: 'a', effect: 'PreferNoSchedule' }, { key: 'b', effect: 'NoSchedule' }, { key: 'c', effect: 'PreferNoSchedule' }], want: 2 },
    { name: 'a PreferNoSchedule toleration removes one', tols: [{ key: 'a', operator: 'Exists', effect: 'PreferNoSchedule' }], taints: [{ key: 'a', effect: 'PreferNoSchedule' }, { key: 'c', effect: 'PreferNoSchedule' }], want: 1 },
    { name: 'an empty-effect toleration counts too', tols: [{ key: 'a', operator: 'Exists' }], taints: [{ key: 'a', effect: 'PreferNoSchedule' }], want: 0 },
    { name: 'a NoSchedule toleration does not', tols: [{ key: 'a', operator: 'Exists', effect: 'NoSchedule' }], taints: [{ key: 'a', effect: 'PreferNoSchedule' }], want: 1 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const symbols = new SymbolTable();
      const tols = preferNoScheduleTolerations(compileTolerations(c.tols, symbols, fail));
      expect(countIntolerablePreferNoSchedule(compileTaints(c.taints, symbols), tols)).toBe(c.want);
    });
  }
  it('keeps only empty-effect and PreferNoSchedule tolerations, in order', () => {
    const symbols = new SymbolTable();
    const tols = compileTolerations([{ key: 'a', operator: 'Exists', effect: 'NoSchedule' }, { key: 'b', operator: 'Exists' }, { key: 'c', operator: 'Exists', effect: 'PreferNoSchedule' }], symbols, fail);
    expect(preferNoScheduleTolerations(tols).map((t) => symbols.text(t.key))).toEqual(['b', 'c']);
    expect(effectOf(undefined)).toBe(0);
  });
});
