import type { Sym } from '../model/ids.js';
import type { LabelSelector, LabelSet } from '../model/labels.js';
import { OP_EXISTS, OP_IN } from '../model/labels.js';

/**
 * Where an item filed under a conjunction of selectors is found: under each value of one
 * `key In (values)` requirement, under the key of one `key Exists` requirement, always
 * (no such requirement), or never (a nil selector matches nothing).
 */
export type Anchor =
  | { readonly kind: 'pair'; readonly key: Sym; readonly values: Int32Array }
  | { readonly kind: 'key'; readonly key: Sym }
  | { readonly kind: 'always' }
  | { readonly kind: 'never' };

const ALWAYS: Anchor = { kind: 'always' };
const NEVER: Anchor = { kind: 'never' };

/**
 * The anchor of selectors that must all match: a labels set can only satisfy them if it
 * holds one of the anchor's (key, value) pairs (or the key). `In` beats `Exists` because
 * it narrows by value; the first such requirement wins, so add and remove agree.
 */
export function anchorOf(selectors: readonly LabelSelector[]): Anchor {
  for (const s of selectors) if (s.nothing) return NEVER;
  for (const s of selectors) {
    for (const r of s.requirements) if (r.op === OP_IN) return { kind: 'pair', key: r.key, values: r.values };
  }
  for (const s of selectors) {
    for (const r of s.requirements) if (r.op === OP_EXISTS) return { kind: 'key', key: r.key };
  }
  return ALWAYS;
}

/**
 * Items (counted terms, term groups) filed by their selectors' anchor, so that finding
 * the items a pod may match costs O(pod labels + candidates) instead of O(items). A
 * candidate still has to be matched in full; items never match outside their candidates.
 * Buckets are insertion-ordered sets, so iteration is deterministic.
 */
export class SelectorAnchors<T> {
  private readonly byPair = new Map<Sym, Map<Sym, Set<T>>>();
  private readonly byKey = new Map<Sym, Set<T>>();
  private readonly always = new Set<T>();

  /** Files an item under its anchor (anchorOf its selectors). */
  add(item: T, anchor: Anchor): void {
    switch (anchor.kind) {
      case 'pair': {
        let byValue = this.byPair.get(anchor.key);
        if (byValue === undefined) this.byPair.set(anchor.key, (byValue = new Map()));
        for (let i = 0; i < anchor.values.length; i++) {
          const v = anchor.values[i] as Sym;
          let set = byValue.get(v);
          if (set === undefined) byValue.set(v, (set = new Set()));
          set.add(item);
        }
        return;
      }
      case 'key': {
        let set = this.byKey.get(anchor.key);
        if (set === undefined) this.byKey.set(anchor.key, (set = new Set()));
        set.add(item);
        return;
      }
      case 'always':
        this.always.add(item);
        return;
      case 'never':
        return;
      default: {
        const never: never = anchor;
        throw new Error(`unhandled anchor ${String(never)}`);
      }
    }
  }

  /** Unfiles an item; `anchor` must be the one it was added with. */
  remove(item: T, anchor: Anchor): void {
    switch (anchor.kind) {
      case 'pair': {
        const byValue = this.byPair.get(anchor.key);
        if (byValue === undefined) return;
        for (let i = 0; i < anchor.values.length; i++) {
          const v = anchor.values[i] as Sym;
          const set = byValue.get(v);
          if (set === undefined) continue;
          set.delete(item);
          if (set.size === 0) byValue.delete(v);
        }
        if (byValue.size === 0) this.byPair.delete(anchor.key);
        return;
      }
      case 'key': {
        const set = this.byKey.get(anchor.key);
        if (set === undefined) return;
        set.delete(item);
        if (set.size === 0) this.byKey.delete(anchor.key);
        return;
      }
      case 'always':
        this.always.delete(item);
        return;
      case 'never':
        return;
      default: {
        const never: never = anchor;
        throw new Error(`unhandled anchor ${String(never)}`);
      }
    }
  }

  /**
   * Appends to `out` every item a pod with these labels might match, each once (a pod
   * has one value per key, and an item sits under one key only).
   */
  candidates(labels: LabelSet, out: T[]): void {
    for (const item of this.always) out.push(item);
    if (this.byPair.size === 0 && this.byKey.size === 0) return;
    for (let i = 0; i < labels.length; i += 2) {
      const key = labels[i] as Sym;
      const byValue = this.byPair.get(key);
      if (byValue !== undefined) {
        const set = byValue.get(labels[i + 1] as Sym);
        if (set !== undefined) for (const item of set) out.push(item);
      }
      const keyed = this.byKey.get(key);
      if (keyed !== undefined) for (const item of keyed) out.push(item);
    }
  }

  /** Whether nothing is filed. */
  get isEmpty(): boolean {
    return this.always.size === 0 && this.byPair.size === 0 && this.byKey.size === 0;
  }
}
