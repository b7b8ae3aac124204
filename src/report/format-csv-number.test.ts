import { describe, expect, it } from 'vitest';
import { formatCsvNumber } from './format-csv-number.js';

describe('formatCsvNumber', () => {
  const cases: { name: string; kind: 'int' | 'real'; x: number; want: string }[] = [
    { name: 'NaN is the empty cell', kind: 'real', x: Number.NaN, want: '' },
    { name: 'NaN in an int column too', kind: 'int', x: Number.NaN, want: '' },
    { name: 'infinities spelled out', kind: 'real', x: -Infinity, want: '-Infinity' },
    { name: 'negative zero is 0', kind: 'real', x: -0, want: '0' },
    { name: 'integers exactly', kind: 'int', x: 123456789, want: '123456789' },
    { name: 'whole reals without a point', kind: 'real', x: 42, want: '42' },
    { name: '6 significant digits', kind: 'real', x: 41.123456789, want: '41.1235' },
    { name: 'trailing zeros dropped', kind: 'real', x: 12.5, want: '12.5' },
    { name: 'float noise rounded away', kind: 'real', x: 0.1 + 0.2, want: '0.3' },
    { name: 'small values in plain decimals', kind: 'real', x: 0.000123456789, want: '0.000123457' },
    { name: 'below 1e-6 in exponent notation', kind: 'real', x: 1.5e-7, want: '1.5e-7' },
    { name: 'from 1e6 up, whole numbers', kind: 'real', x: 1234567.89, want: '1234568' },
    { name: 'rounding up to 1e6 stays plain', kind: 'real', x: 999999.7, want: '1000000' },
    { name: 'negative values', kind: 'real', x: -25.000001, want: '-25' },
  ];
  for (const c of cases) it(c.name, () => expect(formatCsvNumber(c.kind, c.x)).toBe(c.want));

  it('a fraction in an int column is a bug and throws', () => {
    expect(() => formatCsvNumber('int', 1.5)).toThrow(/integer column/);
  });

  it('reads back to the same 6-digit value', () => {
    for (const x of [Math.PI, 1 / 3, 2 / 3 * 1e5, 7e-5, 99.99995]) {
      const s = formatCsvNumber('real', x);
      expect(Number(s)).toBe(Number(x.toPrecision(6)));
    }
  });
});
