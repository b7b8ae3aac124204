/**
 * A number as the page shows it (CSV files keep more digits): 4 significant digits,
 * whole numbers from 1000 up, trailing zeros dropped, an em dash for NaN.
 */
export function displayNumber(x: number): string {
  if (Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1000) return String(Math.round(x));
  if (a < 1e-4) return x.toExponential(1);
  const p = x.toPrecision(4);
  return p.includes('.') ? p.replace(/0+$/, '').replace(/\.$/, '') : p;
}
