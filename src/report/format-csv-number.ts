/**
 * The one rule for numbers in deterministic CSV files, so identical inputs give identical
 * bytes on every machine (Number.prototype.toPrecision is exactly specified by ECMAScript):
 *
 * - NaN is the empty cell; +-Infinity are `Infinity` and `-Infinity`; -0 is `0`.
 * - 'int' columns: the integer, exactly (a fraction there is a bug, so it throws).
 * - 'real' columns: rounded to 6 significant digits, trailing zeros dropped, in plain
 *   decimal notation (`0.000123`, `12.5`, `99.9999`); magnitudes from 1e6 up are rounded to
 *   whole numbers (`1234568`) and magnitudes below 1e-6 use exponent notation (`1.5e-7`).
 */
export function formatCsvNumber(kind: 'int' | 'real', x: number): string {
  if (Number.isNaN(x)) return '';
  if (x === Number.POSITIVE_INFINITY) return 'Infinity';
  if (x === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (x === 0) return '0';
  if (kind === 'int') {
    if (!Number.isInteger(x)) throw new Error(`formatCsvNumber: ${x} in an integer column`);
    return String(x);
  }
  const a = Math.abs(x);
  if (a >= 1e6) return wholeNumber(x);
  const p = x.toPrecision(6);
  // toPrecision switches to exponent notation when rounding carries up to 1e6.
  if (p.includes('e') && a >= 1e-6) return wholeNumber(x);
  const e = p.indexOf('e');
  return e < 0 ? trimZeros(p) : `${trimZeros(p.slice(0, e))}${p.slice(e)}`;
}

function wholeNumber(x: number): string {
  const r = Math.round(x);
  return r === 0 ? '0' : String(r);
}

/** Drops a decimal's trailing zeros, and then its point if nothing follows it ("12.50" -> "12.5", "3.00" -> "3"). */
function trimZeros(s: string): string {
  if (!s.includes('.')) return s;
  // Scanned rather than two regex replaces: reports format a few hundred thousand numbers.
  let end = s.length;
  while (s.charCodeAt(end - 1) === ZERO) end--;
  if (s.charCodeAt(end - 1) === POINT) end--;
  return end === s.length ? s : s.slice(0, end);
}

const ZERO = 48;
const POINT = 46;
