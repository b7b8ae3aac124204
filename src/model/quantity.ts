/**
 * Kubernetes resource quantities ("500m", "2Gi", "1e3", ".5") read exactly, with BigInt,
 * and scaled to integers the way k8s.io/apimachinery resource.Quantity does:
 * MilliValue() and Value() round up (towards +infinity) to the next integer.
 *
 * Grammar (apimachinery/pkg/api/resource/quantity.go):
 *   quantity ::= [+-] number suffix
 *   number   ::= digits | digits "." digits | digits "." | "." digits
 *   suffix   ::= "" | n u m k M G T P E | Ki Mi Gi Ti Pi Ei | (e|E) [+-] digits
 */

const DECIMAL_SUFFIX: Readonly<Record<string, number>> = {
  n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18,
};
const BINARY_SUFFIX: Readonly<Record<string, number>> = {
  Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60,
};

const QUANTITY_RE = /^([+-]?)(\d+\.?\d*|\.\d+)(?:([eE])([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/** An exact quantity: sign * digits * 10^exp10 * 2^exp2. */
export interface ExactQuantity {
  readonly negative: boolean;
  readonly digits: bigint;
  readonly exp10: number;
  readonly exp2: number;
}

/** Thrown for a string that is not a Kubernetes quantity or does not fit an int. */
export class QuantityError extends Error {}

/** Parses a quantity string exactly; throws QuantityError when it is not one. */
export function parseQuantity(text: string): ExactQuantity {
  const m = QUANTITY_RE.exec(text);
  if (m === null) throw new QuantityError(`${JSON.stringify(text)} is not a quantity`);
  const [, sign, num, expMark, expDigits, suffix] = m;
  const dot = num!.indexOf('.');
  const intPart = dot < 0 ? num! : num!.slice(0, dot);
  const fracPart = dot < 0 ? '' : num!.slice(dot + 1);
  const digits = BigInt((intPart + fracPart) || '0');
  let exp10 = -fracPart.length;
  let exp2 = 0;
  if (expMark !== undefined) {
    const e = Number(expDigits);
    // apimachinery rejects exponents that cannot be represented (|e| > ~ 2^31); keep it sane.
    if (!Number.isSafeInteger(e) || Math.abs(e) > 1000) {
      throw new QuantityError(`${JSON.stringify(text)} is not a quantity (exponent out of range)`);
    }
    exp10 += e;
  } else if (suffix !== undefined && suffix in BINARY_SUFFIX) {
    exp2 = BINARY_SUFFIX[suffix]!;
  } else {
    exp10 += DECIMAL_SUFFIX[suffix ?? '']!;
  }
  return { negative: sign === '-', digits, exp10, exp2 };
}

/** ceil(q * 10^scale10) as a number; throws when it exceeds 2^53. */
function scaledCeil(q: ExactQuantity, scale10: number, text: string): number {
  let num = q.digits << BigInt(q.exp2);
  let den = 1n;
  const e = q.exp10 + scale10;
  if (e >= 0) num *= 10n ** BigInt(e);
  else den = 10n ** BigInt(-e);
  let v = num / den;
  const exact = v * den === num;
  if (q.negative) v = -v; // truncation toward zero is ceil for negatives
  else if (!exact) v += 1n;
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new QuantityError(`${JSON.stringify(text)} is too large`);
  }
  return Number(v);
}

/** Mirrors resource.Quantity.MilliValue(): the quantity in thousandths, rounded up. */
export function milliValue(text: string): number {
  return scaledCeil(parseQuantity(text), 3, text);
}

/** Mirrors resource.Quantity.Value(): the quantity in whole units, rounded up. */
export function unitValue(text: string): number {
  return scaledCeil(parseQuantity(text), 0, text);
}

/** Formats bytes for people ("1.5Gi"); reports only, never parsed back. */
export function formatBytes(bytes: number): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${Number.isInteger(v) ? v : v.toFixed(2)}${units[i]}`;
}
