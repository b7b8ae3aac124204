import type { PodId, Sym } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import type { Anchor } from './selector-anchors.js';

/**
 * Bound pods by label (key, value): the postings lists that let a newly counted term
 * find the pods it matches without scanning every pod in the cluster. O(labels) per
 * bind and unbind.
 */
export class LabelPostings {
  private readonly byPair = new Map<Sym, Map<Sym, Set<PodId>>>();
  /** Every bound pod, in bind order. */
  readonly all = new Set<PodId>();

  /** Records a bound pod under each of its labels. */
  add(pod: CompiledPod): void {
    this.all.add(pod.id);
    const labels = pod.labels;
    for (let i = 0; i < labels.length; i += 2) {
      const key = labels[i] as Sym;
      let byValue = this.byPair.get(key);
      if (byValue === undefined) this.byPair.set(key, (byValue = new Map()));
      const v = labels[i + 1] as Sym;
      let set = byValue.get(v);
      if (set === undefined) byValue.set(v, (set = new Set()));
      set.add(pod.id);
    }
  }

  /** The inverse of add. */
  remove(pod: CompiledPod): void {
    this.all.delete(pod.id);
    const labels = pod.labels;
    for (let i = 0; i < labels.length; i += 2) {
      const byValue = this.byPair.get(labels[i] as Sym);
      const set = byValue?.get(labels[i + 1] as Sym);
      if (set === undefined) continue;
      set.delete(pod.id);
      if (set.size === 0) byValue!.delete(labels[i + 1] as Sym);
    }
  }

  /**
   * Calls `visit` for every bound pod that holds the anchor's labels: the only pods that
   * can match selectors with this anchor. Each pod once.
   */
  forEachCandidate(anchor: Anchor, visit: (id: PodId) => void): void {
    switch (anchor.kind) {
      case 'pair': {
        const byValue = this.byPair.get(anchor.key);
        if (byValue === undefined) return;
        for (let i = 0; i < anchor.values.length; i++) {
          const set = byValue.get(anchor.values[i] as Sym);
          if (set !== undefined) for (const id of set) visit(id);
        }
        return;
      }
      case 'key': {
        const byValue = this.byPair.get(anchor.key);
        if (byValue === undefined) return;
        for (const set of byValue.values()) for (const id of set) visit(id);
        return;
      }
      case 'always':
        for (const id of this.all) visit(id);
        return;
      case 'never':
        return;
      default: {
        const never: never = anchor;
        throw new Error(`unhandled anchor ${String(never)}`);
      }
    }
  }
}
