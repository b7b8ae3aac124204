import type { Sym } from '../model/ids.js';
import { NO_SYM } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import type { SymbolTable } from '../model/symbols.js';
import type { TaintList, Toleration } from '../model/taints.js';
import { ANY_EFFECT, NO_EXECUTE, NO_SCHEDULE, tolerates } from '../model/taints.js';

/** The taint the node lifecycle controller puts on a node that stopped reporting. */
export const UNREACHABLE_TAINT_KEY = 'node.kubernetes.io/unreachable';
/** The taint for a node that reports NotReady (only used for the default tolerations). */
export const NOT_READY_TAINT_KEY = 'node.kubernetes.io/not-ready';

/**
 * Kubernetes' node failure handling, reduced to what changes scheduling:
 *   - the node lifecycle controller taints an unreachable node with
 *     node.kubernetes.io/unreachable:NoSchedule (TaintNodesByCondition) and
 *     node.kubernetes.io/unreachable:NoExecute, and removes both when it is back;
 *   - the taint manager (pkg/controller/tainteviction) evicts each pod at once when a
 *     NoExecute taint is not tolerated, after the smallest tolerationSeconds of the
 *     tolerations it used, or never when none of them has tolerationSeconds.
 * Pods carry the tolerations the DefaultTolerationSeconds admission plugin adds
 * (not-ready and unreachable, NoExecute, `defaultTolerationSeconds`) unless they
 * tolerate those taints already. CompiledPod does not contain them: they are applied
 * here, where they matter. For scheduling they change nothing, because a failed node
 * also has the NoSchedule taint, which they do not tolerate. Pass null to model a
 * cluster without that admission plugin (pods are evicted as soon as a node fails).
 */
export class NodeLifecycle {
  private readonly unreachable: Sym;
  private readonly notReady: Sym;
  private readonly empty: Sym;
  private readonly defaults: { readonly notReady: Toleration; readonly unreachable: Toleration } | null;

  constructor(symbols: SymbolTable, defaultTolerationSeconds: number | null) {
    this.unreachable = symbols.intern(UNREACHABLE_TAINT_KEY);
    this.notReady = symbols.intern(NOT_READY_TAINT_KEY);
    this.empty = symbols.intern('');
    const tol = (key: Sym): Toleration => ({
      key, exists: true, value: this.empty, effect: NO_EXECUTE, tolerationSeconds: defaultTolerationSeconds,
    });
    this.defaults = defaultTolerationSeconds === null ? null : { notReady: tol(this.notReady), unreachable: tol(this.unreachable) };
  }

  /** The node's taints with the unreachable NoSchedule and NoExecute taints added (once). */
  withFailureTaints(taints: TaintList): TaintList {
    const out: number[] = Array.from(taints);
    for (const effect of [NO_SCHEDULE, NO_EXECUTE]) {
      if (!this.hasTaint(taints, this.unreachable, effect)) out.push(this.unreachable, this.empty, effect);
    }
    return Int32Array.from(out);
  }

  /** The node's taints without the unreachable taints. */
  withoutFailureTaints(taints: TaintList): TaintList {
    const out: number[] = [];
    for (let i = 0; i < taints.length; i += 3) {
      if (taints[i] === this.unreachable) continue;
      out.push(taints[i]!, taints[i + 1]!, taints[i + 2]!);
    }
    return Int32Array.from(out);
  }

  /** Whether the node carries the unreachable NoExecute taint. */
  isFailed(taints: TaintList): boolean {
    return this.hasTaint(taints, this.unreachable, NO_EXECUTE);
  }

  /**
   * Seconds until the taint manager evicts `pod` from a node with `taints`: 0 when a
   * NoExecute taint is not tolerated, Infinity when the pod tolerates them all forever.
   * Mirrors GetMatchingTolerations + getMinTolerationTime.
   */
  evictionDelayS(pod: CompiledPod, taints: TaintList): number {
    const tols = this.effectiveTolerations(pod.tolerations);
    let min = Infinity;
    let any = false;
    for (let i = 0; i < taints.length; i += 3) {
      if (taints[i + 2] !== NO_EXECUTE) continue;
      any = true;
      const used = firstTolerating(tols, taints[i]!, taints[i + 1]!);
      if (used === null) return 0;
      const s = used.tolerationSeconds;
      if (s === null) continue;
      if (s <= 0) return 0;
      if (s < min) min = s;
    }
    return any ? min : Infinity;
  }

  /** The pod's tolerations plus those DefaultTolerationSeconds would add. */
  private effectiveTolerations(tols: readonly Toleration[]): readonly Toleration[] {
    if (this.defaults === null) return tols;
    let notReady = false;
    let unreachable = false;
    for (const t of tols) {
      const noExecute = t.effect === NO_EXECUTE || t.effect === ANY_EFFECT;
      if (noExecute && (t.key === this.notReady || t.key === NO_SYM)) notReady = true;
      if (noExecute && (t.key === this.unreachable || t.key === NO_SYM)) unreachable = true;
    }
    if (notReady && unreachable) return tols;
    const out = [...tols];
    if (!notReady) out.push(this.defaults.notReady);
    if (!unreachable) out.push(this.defaults.unreachable);
    return out;
  }

  private hasTaint(taints: TaintList, key: Sym, effect: number): boolean {
    for (let i = 0; i < taints.length; i += 3) if (taints[i] === key && taints[i + 2] === effect) return true;
    return false;
  }
}

function firstTolerating(tols: readonly Toleration[], key: number, value: number): Toleration | null {
  for (const t of tols) if (tolerates(t, key, value, NO_EXECUTE)) return t;
  return null;
}
