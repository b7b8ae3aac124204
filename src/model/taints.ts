import type { Sym } from './ids.js';
import { NO_SYM } from './ids.js';
import type { SymbolTable } from './symbols.js';

/** Taint effects; 0 (ANY_EFFECT) appears only on tolerations and means "every effect". */
export const ANY_EFFECT = 0;
export const NO_SCHEDULE = 1;
export const PREFER_NO_SCHEDULE = 2;
export const NO_EXECUTE = 3;
/** One of the effect ids above. */
export type Effect = typeof ANY_EFFECT | typeof NO_SCHEDULE | typeof PREFER_NO_SCHEDULE | typeof NO_EXECUTE;

const EFFECTS: Readonly<Record<string, Effect>> = {
  '': ANY_EFFECT, NoSchedule: NO_SCHEDULE, PreferNoSchedule: PREFER_NO_SCHEDULE, NoExecute: NO_EXECUTE,
};
const EFFECT_NAMES = ['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** The effect id of a taint or toleration effect name ('' or absent: every effect). */
export function effectOf(name: string | null | undefined): Effect {
  const e = EFFECTS[name ?? ''];
  if (e === undefined) throw new Error(`unknown taint effect ${String(name)}`);
  return e;
}

/** The Kubernetes name of an effect id. */
export function effectName(e: Effect): string {
  return EFFECT_NAMES[e];
}

/** A node's taints as an Int32Array of triples [key, value, effect, ...]. */
export type TaintList = Int32Array;
/** A node without taints. */
export const NO_TAINTS: TaintList = new Int32Array(0);

/** Interns a node's spec.taints into a TaintList. */
export function compileTaints(
  taints: readonly { key: string; value?: string | null; effect: string }[] | null | undefined, symbols: SymbolTable,
): TaintList {
  if (taints === null || taints === undefined || taints.length === 0) return NO_TAINTS;
  const out = new Int32Array(taints.length * 3);
  taints.forEach((t, i) => {
    out[3 * i] = symbols.intern(t.key);
    out[3 * i + 1] = symbols.intern(t.value ?? '');
    out[3 * i + 2] = effectOf(t.effect);
  });
  return out;
}

/** A compiled v1.Toleration. `key` is NO_SYM for an empty key (matches every key). */
export interface Toleration {
  readonly key: Sym;
  readonly exists: boolean;
  readonly value: Sym;
  readonly effect: Effect;
  /** Seconds a NoExecute taint is tolerated before eviction; null = forever. */
  readonly tolerationSeconds: number | null;
}

/** Interns spec.tolerations, rejecting what Kubernetes' API validation rejects. */
export function compileTolerations(
  tols: readonly { key?: string | null; operator?: string | null; value?: string | null; effect?: string | null; tolerationSeconds?: number | null }[] | null | undefined,
  symbols: SymbolTable,
  fail: (path: string, problem: string) => never,
): readonly Toleration[] {
  if (tols === null || tols === undefined) return [];
  return tols.map((t, i) => {
    const exists = t.operator === 'Exists';
    const key = t.key ?? '';
    // Kubernetes validation: an empty key requires operator Exists; Exists takes no value.
    if (key === '' && !exists) fail(`[${i}].operator`, 'a toleration with an empty key must use operator Exists');
    if (exists && (t.value ?? '') !== '') fail(`[${i}].value`, 'a toleration with operator Exists must not have a value');
    return {
      key: key === '' ? NO_SYM : symbols.intern(key),
      exists,
      value: symbols.intern(t.value ?? ''),
      effect: effectOf(t.effect),
      tolerationSeconds: t.tolerationSeconds ?? null,
    };
  });
}

/** Mirrors v1.Toleration.ToleratesTaint. */
export function tolerates(t: Toleration, taintKey: number, taintValue: number, taintEffect: number): boolean {
  if (t.effect !== ANY_EFFECT && t.effect !== taintEffect) return false;
  if (t.key !== NO_SYM && t.key !== taintKey) return false;
  return t.exists || t.value === taintValue;
}

/** Whether any toleration in the list tolerates the taint (TolerationsTolerateTaint). */
export function anyTolerates(tols: readonly Toleration[], taintKey: number, taintValue: number, taintEffect: number): boolean {
  for (let i = 0; i < tols.length; i++) if (tolerates(tols[i]!, taintKey, taintValue, taintEffect)) return true;
  return false;
}

/**
 * The index of the first NoSchedule or NoExecute taint no toleration tolerates, or -1.
 * Mirrors v1helper.FindMatchingUntoleratedTaint with helper.DoNotScheduleTaintsFilterFunc
 * (TaintToleration Filter; PodTopologySpread's nodeTaintsPolicy: Honor). Allocates nothing.
 */
export function firstUntoleratedDoNotScheduleTaint(taints: TaintList, tols: readonly Toleration[]): number {
  for (let i = 0; i < taints.length; i += 3) {
    const effect = taints[i + 2]!;
    if (effect !== NO_SCHEDULE && effect !== NO_EXECUTE) continue;
    if (!anyTolerates(tols, taints[i]!, taints[i + 1]!, effect)) return i / 3;
  }
  return -1;
}

/**
 * How many PreferNoSchedule taints no toleration tolerates. Mirrors
 * tainttoleration.countIntolerableTaintsPreferNoSchedule; pass only the tolerations
 * that can tolerate PreferNoSchedule (see preferNoScheduleTolerations).
 */
export function countIntolerablePreferNoSchedule(taints: TaintList, tols: readonly Toleration[]): number {
  let n = 0;
  for (let i = 0; i < taints.length; i += 3) {
    if (taints[i + 2] !== PREFER_NO_SCHEDULE) continue;
    if (!anyTolerates(tols, taints[i]!, taints[i + 1]!, PREFER_NO_SCHEDULE)) n++;
  }
  return n;
}

/**
 * The tolerations whose effect is empty (every effect) or PreferNoSchedule, in order:
 * tainttoleration.getAllTolerationPreferNoSchedule.
 */
export function preferNoScheduleTolerations(tols: readonly Toleration[]): readonly Toleration[] {
  return tols.filter((t) => t.effect === ANY_EFFECT || t.effect === PREFER_NO_SCHEDULE);
}

/** "{key: value}" as kube-scheduler prints an untolerated taint. */
export function formatTaint(taints: TaintList, i: number, symbols: SymbolTable): string {
  return `{${symbols.text(taints[3 * i] as Sym)}: ${symbols.text(taints[3 * i + 1] as Sym)}}`;
}

/** Whether two toleration lists are the same, entry by entry (so they tolerate the same taints). */
export function sameTolerations(a: readonly Toleration[], b: readonly Toleration[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.key !== y.key || x.exists !== y.exists || x.value !== y.value || x.effect !== y.effect) return false;
  }
  return true;
}
