import type { Sym } from './ids.js';
import { NO_SYM } from './ids.js';
import type { SymbolTable } from './symbols.js';

/** Selector operators; Gt and Lt exist only in node selectors. */
export const OP_IN = 0;
export const OP_NOT_IN = 1;
export const OP_EXISTS = 2;
export const OP_DOES_NOT_EXIST = 3;
export const OP_GT = 4;
export const OP_LT = 5;
/** One of the OP_* ids. */
export type Operator = typeof OP_IN | typeof OP_NOT_IN | typeof OP_EXISTS | typeof OP_DOES_NOT_EXIST | typeof OP_GT | typeof OP_LT;

const OPERATORS: Readonly<Record<string, Operator>> = {
  In: OP_IN, NotIn: OP_NOT_IN, Exists: OP_EXISTS, DoesNotExist: OP_DOES_NOT_EXIST, Gt: OP_GT, Lt: OP_LT,
};

/** Operator name -> id (the schema already restricted the names). */
export function operatorOf(name: string): Operator {
  const op = OPERATORS[name];
  if (op === undefined) throw new Error(`unknown operator ${name}`);
  return op;
}

/** One compiled requirement: `key op values`, with Gt/Lt's bound parsed once. */
export interface Requirement {
  readonly key: Sym;
  readonly op: Operator;
  /** Value syms for In/NotIn (deduplicated). */
  readonly values: Int32Array;
  /** The integer bound for Gt/Lt; NaN when the value is not an int64 (never matches). */
  readonly bound: number;
}

/**
 * A compiled metav1.LabelSelector. Kubernetes: a nil selector selects nothing, an empty
 * one ({}) selects everything; otherwise every requirement must hold (AND).
 */
export interface LabelSelector {
  /** The nil selector. */
  readonly nothing: boolean;
  readonly requirements: readonly Requirement[];
}

/** The nil selector: selects nothing. */
export const SELECT_NOTHING: LabelSelector = { nothing: true, requirements: [] };
/** The empty selector {}: selects everything. */
export const SELECT_EVERYTHING: LabelSelector = { nothing: false, requirements: [] };

/** Whether `value` (NO_SYM when the label is absent) satisfies `req`. */
export function requirementMatches(req: Requirement, value: Sym, symbols: SymbolTable): boolean {
  switch (req.op) {
    case OP_IN:
      return value !== NO_SYM && includes(req.values, value);
    case OP_NOT_IN:
      return value === NO_SYM || !includes(req.values, value);
    case OP_EXISTS:
      return value !== NO_SYM;
    case OP_DOES_NOT_EXIST:
      return value === NO_SYM;
    case OP_GT:
      return value !== NO_SYM && symbols.intValue(value) > req.bound;
    case OP_LT:
      return value !== NO_SYM && symbols.intValue(value) < req.bound;
  }
}

function includes(values: Int32Array, v: number): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] === v) return true;
  return false;
}

/**
 * A pod's labels as a flat Int32Array [key0, value0, key1, value1, ...] sorted by key,
 * compared by sym. Small, so a linear scan beats a map.
 */
export type LabelSet = Int32Array;

/** A LabelSet without labels. */
export const EMPTY_LABELS: LabelSet = new Int32Array(0);

/** Interns a label map into a LabelSet. */
export function compileLabels(labels: Readonly<Record<string, string>> | null | undefined, symbols: SymbolTable): LabelSet {
  if (labels === null || labels === undefined) return EMPTY_LABELS;
  const keys = Object.keys(labels);
  if (keys.length === 0) return EMPTY_LABELS;
  const pairs = keys.map((k) => [symbols.intern(k), symbols.intern(labels[k]!)] as const);
  pairs.sort((a, b) => a[0] - b[0]);
  const out = new Int32Array(pairs.length * 2);
  pairs.forEach(([k, v], i) => { out[2 * i] = k; out[2 * i + 1] = v; });
  return out;
}

/** The value of `key` in a LabelSet, or NO_SYM. */
export function labelValue(labels: LabelSet, key: Sym): Sym {
  for (let i = 0; i < labels.length; i += 2) if (labels[i] === key) return labels[i + 1] as Sym;
  return NO_SYM;
}

/** Whether a label set satisfies a selector (labels.Selector.Matches). */
export function selectorMatches(sel: LabelSelector, labels: LabelSet, symbols: SymbolTable): boolean {
  if (sel.nothing) return false;
  const reqs = sel.requirements;
  for (let i = 0; i < reqs.length; i++) {
    const r = reqs[i]!;
    if (!requirementMatches(r, labelValue(labels, r.key), symbols)) return false;
  }
  return true;
}

/**
 * Builds a requirement, rejecting (through `fail`) what Kubernetes' API validation
 * rejects: In/NotIn without values, Exists/DoesNotExist with values, Gt/Lt without
 * exactly one value. A Gt/Lt value that is not an integer is API-valid; it gets a NaN
 * bound here, so the requirement never matches (see requirementParseError).
 */
export function makeRequirement(
  key: string, opName: string, values: readonly string[] | null | undefined, symbols: SymbolTable,
  fail: (problem: string) => never,
): Requirement {
  const op = operatorOf(opName);
  const vals = values ?? [];
  if ((op === OP_IN || op === OP_NOT_IN) && vals.length === 0) fail(`operator ${opName} needs at least one value`);
  if ((op === OP_EXISTS || op === OP_DOES_NOT_EXIST) && vals.length > 0) fail(`operator ${opName} takes no values`);
  let bound = 0;
  if (op === OP_GT || op === OP_LT) {
    if (vals.length !== 1) fail(`operator ${opName} needs exactly one value`);
    bound = parseInt64(vals[0]!);
  }
  const syms = [...new Set(vals.map((v) => symbols.intern(v)))];
  return { key: symbols.intern(key), op, values: Int32Array.from(syms), bound };
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * A base-10 int64 the way Go's strconv.ParseInt(s, 10, 64) reads it (optional sign,
 * digits only), or NaN. CAVEAT: beyond 2^53 the value is the nearest double.
 */
export function parseInt64(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) return Number.NaN;
  const big = BigInt(s);
  return big < INT64_MIN || big > INT64_MAX ? Number.NaN : Number(big);
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Mirrors validation.IsValidLabelValue: at most 63 characters, alphanumeric ends. */
export function isValidLabelValue(v: string): boolean {
  return v.length <= 63 && LABEL_VALUE.test(v);
}

/** Mirrors validation.IsQualifiedName: [prefix/]name, prefix a DNS subdomain. */
export function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1]!;
  if (name.length === 0 || name.length > 63 || !LABEL_NAME.test(name)) return false;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) return false;
  }
  return true;
}

/**
 * What labels.NewRequirement rejects beyond API validation: an invalid key, a value that
 * is not a valid label value, a Gt/Lt value that is not an int64. kube-scheduler turns
 * such a node selector term into one that matches no node (nodeaffinity's
 * LazyErrorNodeSelector); plugin args with one are rejected. null when it parses.
 */
export function requirementParseError(key: string, opName: string, values: readonly string[] | null | undefined): string | null {
  if (!isQualifiedName(key)) return `invalid label key ${JSON.stringify(key)}`;
  const vals = values ?? [];
  for (let i = 0; i < vals.length; i++) {
    if (!isValidLabelValue(vals[i]!)) return `values[${i}]: invalid label value ${JSON.stringify(vals[i])}`;
  }
  if ((opName === 'Gt' || opName === 'Lt') && vals.length === 1 && Number.isNaN(parseInt64(vals[0]!))) {
    return `values[0]: for operator ${opName} the value must be an integer, got ${JSON.stringify(vals[0])}`;
  }
  return null;
}

/**
 * Compiles a metav1.LabelSelector (matchLabels as `In [value]`, then matchExpressions).
 * null/undefined -> selects nothing; {} -> selects everything.
 */
export function compileLabelSelector(
  sel: { matchLabels?: Readonly<Record<string, string>> | null; matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] | undefined }[] | null } | null | undefined,
  symbols: SymbolTable,
  fail: (path: string, problem: string) => never,
): LabelSelector {
  if (sel === null || sel === undefined) return SELECT_NOTHING;
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    reqs.push({ key: symbols.intern(k), op: OP_IN, values: Int32Array.of(symbols.intern(v)), bound: 0 });
  }
  (sel.matchExpressions ?? []).forEach((e, i) => {
    reqs.push(makeRequirement(e.key, e.operator, e.values, symbols, (p) => fail(`matchExpressions[${i}]`, p)));
  });
  return { nothing: false, requirements: reqs };
}

/** A selector with `extra` requirements ANDed in (used for matchLabelKeys). */
export function withRequirements(sel: LabelSelector, extra: readonly Requirement[]): LabelSelector {
  if (extra.length === 0 || sel.nothing) return sel;
  return { nothing: false, requirements: [...sel.requirements, ...extra] };
}
