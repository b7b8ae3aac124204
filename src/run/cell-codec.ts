import type { CellResult } from './cell.js';

/**
 * A cell result as one line of JSON and back. JSON has no NaN or Infinity (metrics use
 * NaN for "undefined"), so non-finite numbers are written as {"$num":"NaN"} and read back
 * as numbers; everything else is plain JSON, so a line written on one machine reads the
 * same on any other.
 */
export function encodeCellResult(r: CellResult): string {
  return JSON.stringify(r, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? { $num: String(v) } : v));
}

/** The inverse of encodeCellResult; throws SyntaxError on text that is not JSON. */
export function decodeCellResult(line: string): unknown {
  return JSON.parse(line, (_key, v: unknown) => {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === '$num') {
        const t = (v as { $num: unknown }).$num;
        if (t === 'NaN' || t === 'Infinity' || t === '-Infinity') return Number(t);
      }
    }
    return v;
  });
}
