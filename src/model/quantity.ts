import { excerpt } from './errors.js';

/**
 * Kubernetes resource quantities ("500m", "2Gi", "1e3", ".5") read exactly, with BigInt,
 * and scaled to integers the way k8s.io/apimachinery resource.Quantity does.
 *
 * Grammar (apimachinery/pkg/api/resource/quantity.go, parseQuantityString + interpret):
 *   quantity ::= [+-] number suffix
 *   number   ::= digits | digits "." digits | digits "." | "." digits | "." | ""
 *   suffix   ::= "" | n u m k M G T P E | Ki Mi Gi Ti Pi Ei | (e|E) [+-] digits
 * The scanner is as permissive as kube's: a missing number reads as 0, so "Mi", "+",
 * "-" and "." are all zero quantities; only the empty string is rejected outright.
 *
 * Rounding: ParseQuantity rounds every value up (away from zero) to a whole nano unit,
 * and MilliValue()/Value() round up (away from zero for the int64 form) to the target
 * scale. Sums of quantities (a pod's containers) are exact, so callers that add
 * quantities add their nano values and scale once (see nanoToMilliValue/nanoToValue).
 */

const DECIMAL_SUFFIX: Readonly<Record<string, number>> = {
  n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18,
};
const BINARY_SUFFIX: Readonly<Record<string, number>> = {
  Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60,
};
/** Characters kube's scanner accepts as the letters of a suffix. */
const SUFFIX_LETTERS = 'eEinumkKMGTP';
/** interpret() rejects decimal exponents whose magnitude does not fit an int32 scale. */
const MAX_EXPONENT = 2147483647;
const INT64_MAX = (1n << 63n) - 1n;
const NANOS_PER_MILLI = 1_000_000n;
const NANOS_PER_UNIT = 1_000_000_000n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** An exact quantity: sign * digits * 10^exp10 * 2^exp2. */
export interface ExactQuantity {
  readonly negative: boolean;
  readonly digits: bigint;
  readonly exp10: number;
  readonly exp2: number;
}

/** Thrown for a string that is not a Kubernetes quantity or does not fit an int. */
export class QuantityError extends Error {}

/** Thrown for a quantity whose magnitude is past what schedbench can hold (int64, or 2^53 once scaled). */
export class QuantityRangeError extends QuantityError {}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Parses a quantity string exactly, mirroring resource.ParseQuantity; throws
 * QuantityError when kube would reject it, or when its magnitude exceeds int64 (kube
 * caps binary-suffixed values there; schedbench cannot hold them exactly).
 */
export function parseQuantity(text: string): ExactQuantity {
  const bad = (why: string): never => { throw new QuantityError(`${excerpt(text)} is not a quantity (${why})`); };
  if (text.length === 0) bad('empty');
  const end = text.length;
  let pos = 0;
  let negative = false;
  if (text[0] === '-') { negative = true; pos++; } else if (text[0] === '+') pos++;

  const intStart = pos;
  while (pos < end && isDigit(text.charCodeAt(pos))) pos++;
  const intPart = text.slice(intStart, pos);
  let fracPart = '';
  if (pos < end && text[pos] === '.') {
    const fracStart = ++pos;
    while (pos < end && isDigit(text.charCodeAt(pos))) pos++;
    fracPart = text.slice(fracStart, pos);
  }

  const suffixStart = pos;
  while (pos < end && SUFFIX_LETTERS.includes(text[pos]!)) pos++;
  if (pos < end && (text[pos] === '+' || text[pos] === '-')) pos++;
  while (pos < end && isDigit(text.charCodeAt(pos))) pos++;
  if (pos < end) bad(`unexpected ${excerpt(text[pos])}`);
  const suffix = text.slice(suffixStart);

  const digits = BigInt((intPart + fracPart) || '0');
  let exp10 = -fracPart.length;
  let exp2 = 0;
  if (Object.hasOwn(DECIMAL_SUFFIX, suffix)) {
    exp10 += DECIMAL_SUFFIX[suffix]!;
  } else if (Object.hasOwn(BINARY_SUFFIX, suffix)) {
    exp2 = BINARY_SUFFIX[suffix]!;
  } else if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    const e = Number(suffix.slice(1));
    if (!(Math.abs(e) <= MAX_EXPONENT)) bad('exponent out of range');
    exp10 += e;
  } else {
    bad(`unknown suffix ${excerpt(suffix)}`);
  }
  const q: ExactQuantity = { negative, digits, exp10, exp2 };
  if (magnitudeExceeds(q, INT64_MAX)) throw new QuantityRangeError(`${excerpt(text)} is beyond the int64 range`);
  return q;
}

/** |q| > limit, decided without expanding absurd exponents. */
function magnitudeExceeds(q: ExactQuantity, limit: bigint): boolean {
  if (q.digits === 0n) return false;
  const decimalDigits = q.digits.toString().length + q.exp10; // |q| >= 10^(decimalDigits-1) * 2^exp2
  if (decimalDigits <= 0) return false; // |q| < 2^60, far below any limit we use
  if (decimalDigits + Math.ceil(q.exp2 * 0.302) > 40) return true;
  return (q.digits << BigInt(q.exp2)) * 10n ** BigInt(q.exp10 > 0 ? q.exp10 : 0) > limit * 10n ** BigInt(q.exp10 < 0 ? -q.exp10 : 0);
}

/**
 * The quantity in nano units as ParseQuantity stores it: rounded up (away from zero) to
 * a whole nano. Exact sums of quantities are sums of these.
 */
export function nanoValueOf(q: ExactQuantity): bigint {
  if (q.digits === 0n) return 0n;
  const e = q.exp10 + 9;
  // Below one nano (e.g. "1e-4000"): kube rounds any non-zero value up to 1n.
  if (e + q.digits.toString().length + Math.ceil(q.exp2 * 0.302) < 0) return q.negative ? -1n : 1n;
  const num = q.digits << BigInt(q.exp2);
  let v: bigint;
  if (e >= 0) {
    v = num * 10n ** BigInt(e);
  } else {
    const den = 10n ** BigInt(-e);
    v = num / den;
    if (v * den !== num) v += 1n;
  }
  return q.negative ? -v : v;
}

/** The quantity in nano units (see nanoValueOf); throws QuantityError when it is not one. */
export function nanoValue(text: string): bigint {
  return nanoValueOf(parseQuantity(text));
}

/** ceil(|n| / per), signed like n, as a number; throws when it exceeds 2^53. */
function scaleNano(n: bigint, per: bigint, what: string): number {
  const neg = n < 0n;
  const a = neg ? -n : n;
  let v = a / per;
  if (v * per !== a) v += 1n;
  if (v > MAX_SAFE) throw new QuantityRangeError(`${what} is too large: at most ${MAX_SAFE} (2^53 - 1) once scaled, the largest integer schedbench holds exactly`);
  return Number(neg ? -v : v);
}

/** Mirrors Quantity.MilliValue() for a value given in nano units. */
export function nanoToMilliValue(n: bigint): number {
  return scaleNano(n, NANOS_PER_MILLI, `${n}n`);
}

/** Mirrors Quantity.Value() for a value given in nano units. */
export function nanoToValue(n: bigint): number {
  return scaleNano(n, NANOS_PER_UNIT, `${n}n`);
}

/** Mirrors resource.Quantity.MilliValue(): the quantity in thousandths, rounded up. */
export function milliValue(text: string): number {
  return scaleNano(nanoValue(text), NANOS_PER_MILLI, excerpt(text));
}

/** Mirrors resource.Quantity.Value(): the quantity in whole units, rounded up. */
export function unitValue(text: string): number {
  return scaleNano(nanoValue(text), NANOS_PER_UNIT, excerpt(text));
}

/** Formats bytes for people ("1.5Gi"); reports only, never parsed back. */
export function formatBytes(bytes: number): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${Number.isInteger(v) ? v : v.toFixed(2)}${units[i]}`;
}
