import { describe, expect, it } from 'vitest';
import {
  compileLabels, compileLabelSelector, isQualifiedName, isValidLabelValue, makeRequirement, parseInt64,
  requirementParseError, selectorMatches,
} from './labels.js';
import { SymbolTable } from './symbols.js';

const fail = (path: string, problem: string): never => { throw new Error(`${path}: ${problem}`); };

type SelectorInput = Parameters<typeof compileLabelSelector>[0];

describe('selectorMatches (metav1.LabelSelector semantics)', () => {
  const cases: { name: string; sel: SelectorInput; labels: Record<string, string>; want: boolean }[] = [
    { name: 'nil selector selects nothing', sel: null, labels: { a: '1' }, want: false },
    { name: 'nil selector selects nothing, even an unlabelled pod', sel: undefined, labels: {}, want: false },
    { name: 'empty selector {} selects everything', sel: {}, labels: { a: '1' }, want: true },
    { name: 'empty selector {} selects an unlabelled pod', sel: {}, labels: {}, want: true },
    { name: 'matchLabels equal', sel: { matchLabels: { a: '1' } }, labels: { a: '1', b: '2' }, want: true },
    { name: 'matchLabels other value', sel: { matchLabels: { a: '1' } }, labels: { a: '2' }, want: false },
    { name: 'matchLabels missing key', sel: { matchLabels: { a: '1' } }, labels: { b: '1' }, want: false },
    { name: 'In matches one of the values', sel: { matchExpressions: [{ key: 'a', operator: 'In', values: ['1', '2'] }] }, labels: { a: '2' }, want: true },
    { name: 'In needs the key', sel: { matchExpressions: [{ key: 'a', operator: 'In', values: ['1'] }] }, labels: {}, want: false },
    { name: 'NotIn rejects a listed value', sel: { matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, labels: { a: '1' }, want: false },
    { name: 'NotIn admits another value', sel: { matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, labels: { a: '3' }, want: true },
    { name: 'NotIn admits a missing key', sel: { matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, labels: {}, want: true },
    { name: 'Exists with any value', sel: { matchExpressions: [{ key: 'a', operator: 'Exists' }] }, labels: { a: '' }, want: true },
    { name: 'Exists without the key', sel: { matchExpressions: [{ key: 'a', operator: 'Exists' }] }, labels: { b: '1' }, want: false },
    { name: 'DoesNotExist without the key', sel: { matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, labels: { b: '1' }, want: true },
    { name: 'DoesNotExist with the key', sel: { matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, labels: { a: '1' }, want: false },
    {
      name: 'requirements are ANDed (matchLabels and matchExpressions)',
      sel: { matchLabels: { a: '1' }, matchExpressions: [{ key: 'b', operator: 'Exists' }] }, labels: { a: '1' }, want: false,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const symbols = new SymbolTable();
      const sel = compileLabelSelector(c.sel, symbols, fail);
      expect(selectorMatches(sel, compileLabels(c.labels, symbols), symbols)).toBe(c.want);
    });
  }
});

describe('makeRequirement: Gt and Lt (node selectors only)', () => {
  const cases: { name: string; op: 'Gt' | 'Lt'; bound: string; label: string | null; want: boolean }[] = [
    { name: 'Gt: 0206 > 0204 (Go test "Gt operator that matches")', op: 'Gt', bound: '0204', label: '0206', want: true },
    { name: 'Gt is strict', op: 'Gt', bound: '5', label: '5', want: false },
    { name: 'Lt: -3 < 2', op: 'Lt', bound: '2', label: '-3', want: true },
    { name: 'Lt with a leading +', op: 'Lt', bound: '+10', label: '+9', want: true },
    { name: 'a label value that is not an integer never matches Gt', op: 'Gt', bound: '1', label: 'abc', want: false },
    { name: 'a label value that is not an integer never matches Lt', op: 'Lt', bound: '1', label: '1.5', want: false },
    { name: 'a missing label never matches', op: 'Gt', bound: '1', label: null, want: false },
    { name: 'a bound that is not an integer never matches (kube: parse error)', op: 'Gt', bound: 'x', label: '5', want: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const symbols = new SymbolTable();
      const r = makeRequirement('k', c.op, [c.bound], symbols, (p) => fail('', p));
      const sel = { nothing: false, requirements: [r] };
      const labels = c.label === null ? compileLabels({}, symbols) : compileLabels({ k: c.label }, symbols);
      expect(selectorMatches(sel, labels, symbols)).toBe(c.want);
    });
  }

  it('rejects what the API rejects: Gt without exactly one value', () => {
    expect(() => makeRequirement('k', 'Gt', ['1', '2'], new SymbolTable(), (p) => fail('', p))).toThrow(/exactly one value/);
  });
  it('rejects In without values', () => {
    expect(() => makeRequirement('k', 'In', [], new SymbolTable(), (p) => fail('', p))).toThrow(/at least one value/);
  });
  it('rejects Exists with values', () => {
    expect(() => makeRequirement('k', 'Exists', ['x'], new SymbolTable(), (p) => fail('', p))).toThrow(/takes no values/);
  });
});

describe('requirementParseError (labels.NewRequirement validation)', () => {
  const cases: { name: string; key: string; op: string; values: string[]; ok: boolean }[] = [
    { name: 'plain requirement parses', key: 'foo', op: 'In', values: ['bar'], ok: true },
    { name: 'prefixed key parses', key: 'kubernetes.io/hostname', op: 'Exists', values: [], ok: true },
    { name: 'empty value is a valid label value', key: 'foo', op: 'In', values: [''], ok: true },
    { name: 'invalid value (Go test "invalid value in Affinity term")', key: 'foo', op: 'NotIn', values: ['invalid value: ___@#$%^'], ok: false },
    { name: 'value longer than 63 characters', key: 'foo', op: 'In', values: ['a'.repeat(64)], ok: false },
    { name: 'key with a space (Go test "broken affinity")', key: 'invalid key', op: 'In', values: ['bar'], ok: false },
    { name: 'key with two slashes', key: 'a/b/c', op: 'Exists', values: [], ok: false },
    { name: 'key with an upper-case prefix', key: 'Example.com/x', op: 'Exists', values: [], ok: false },
    { name: 'Gt with a non-integer', key: 'foo', op: 'Gt', values: ['1.5'], ok: false },
    { name: 'Lt beyond int64', key: 'foo', op: 'Lt', values: ['9223372036854775808'], ok: false },
    { name: 'Lt at int64 max', key: 'foo', op: 'Lt', values: ['9223372036854775807'], ok: true },
  ];
  for (const c of cases) it(c.name, () => expect(requirementParseError(c.key, c.op, c.values) === null).toBe(c.ok));
});

describe('label validation helpers', () => {
  it('isValidLabelValue', () => {
    expect(isValidLabelValue('a-b_c.d')).toBe(true);
    expect(isValidLabelValue('-a')).toBe(false);
    expect(isValidLabelValue('a-')).toBe(false);
  });
  it('isQualifiedName', () => {
    expect(isQualifiedName('a.b/c')).toBe(true);
    expect(isQualifiedName('/c')).toBe(false);
    expect(isQualifiedName('')).toBe(false);
  });
  it('parseInt64 reads like strconv.ParseInt(s, 10, 64)', () => {
    expect(parseInt64('0204')).toBe(204);
    expect(parseInt64('-7')).toBe(-7);
    expect(parseInt64('+7')).toBe(7);
    expect(parseInt64('7 ')).toBeNaN();
    expect(parseInt64('0x10')).toBeNaN();
    expect(parseInt64('')).toBeNaN();
  });
});
