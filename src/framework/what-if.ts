import type { ClusterView } from '../cluster/cluster-view.js';
import { OverlayView } from '../cluster/overlay-view.js';
import type { NodeId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import type { Framework } from './framework.js';
import type { NominatedPods } from './nominated-pods.js';
import type { CycleContext, WhatIfSession } from './types.js';
import { SKIP } from './types.js';
import { runFilters } from './run-plugins.js';

/** One change of a what-if, and the PreFilter states from before it (for undo). */
interface Change {
  readonly op: 'add' | 'remove';
  readonly pod: CompiledPod;
  readonly states: readonly unknown[];
}

/**
 * What-ifs for one pod over a cluster view, as kube runs them on a copy of a node and of
 * the cycle state: pods added to or removed from one node (the focus) through an
 * OverlayView, each plugin's PreFilter state updated through its addPod/removePod
 * (PreFilterExtensions), and the profile's filters run on the result. The live cluster is
 * never changed. Preemption's dry run (SelectVictimsOnNode) and the pass with nominated
 * pods (RunFilterPluginsWithNominatedPods) are built from it.
 */
export class WhatIf implements WhatIfSession {
  private readonly overlay = new OverlayView();
  private base: ClusterView | null = null;
  private target: CompiledPod | null = null;
  private baseStates: readonly unknown[] = [];
  private current: readonly unknown[] = [];
  private readonly changes: Change[] = [];
  /** The verdict of the filter rejection() last named. */
  verdict = 0;

  constructor(private readonly fw: Framework) {}

  /**
   * Starts what-ifs for `pod` over `base`, from the PreFilter states `states` computed for
   * it on `base` (copied: the caller may reuse its array). Call it again when the base
   * has changed since.
   */
  begin(base: ClusterView, pod: CompiledPod, states: readonly unknown[]): void {
    this.base = base;
    this.target = pod;
    this.baseStates = [...states];
    this.overlay.begin(base);
    this.current = this.baseStates;
    this.changes.length = 0;
  }

  /** Focuses `node` with no change made yet. */
  focus(node: NodeId): void {
    this.overlay.focus(node);
    this.current = this.baseStates;
    this.changes.length = 0;
  }

  /** The what-if's view of the cluster (the focus with its changes, the rest as the base). */
  get view(): ClusterView {
    return this.overlay;
  }

  /** The PreFilter states after the changes made so far (SKIP kept as SKIP). */
  get states(): readonly unknown[] {
    return this.current;
  }

  /** Adds `pod` to the focus (kube: nodeInfo.AddPodInfo + RunPreFilterExtensionAddPod). */
  add(pod: CompiledPod): void {
    this.changes.push({ op: 'add', pod, states: this.current });
    this.current = this.updated(pod, true);
    this.overlay.add(pod);
  }

  /** Removes `pod` from the focus (kube: nodeInfo.RemovePod + RunPreFilterExtensionRemovePod). */
  remove(pod: CompiledPod): void {
    this.changes.push({ op: 'remove', pod, states: this.current });
    this.current = this.updated(pod, false);
    this.overlay.remove(pod);
  }

  /** Undoes the last add or remove. */
  undo(): void {
    const c = this.changes.pop();
    if (c === undefined) throw new Error('WhatIf.undo: nothing to undo');
    if (c.op === 'add') this.overlay.remove(c.pod);
    else this.overlay.add(c.pod);
    this.current = c.states;
  }

  /** The first filter (profile order) that rejects the focus as it stands, verdict in `verdict`; -1 when all pass. */
  rejection(): number {
    return runFilters(this.fw, { view: this.overlay }, this.pod(), this.overlay.node, this.current, this);
  }

  /**
   * The first pass of RunFilterPluginsWithNominatedPods on the focus: the rejecting filter
   * with the pods `nominated` to it (that the pod must respect) added, or -1 when it
   * passes or none are nominated there. The focus is as before afterwards.
   */
  nominatedRejection(nominated: NominatedPods): number {
    const node = this.overlay.node;
    const pod = this.pod();
    if (nominated.size === 0 || !nominated.affects(node, pod)) return -1;
    const mark = this.changes.length;
    nominated.forEach(node, pod, (p) => this.add(p));
    const f = this.rejection();
    while (this.changes.length > mark) this.undo();
    return f;
  }

  /** Whether the pod fits the focus as RunFilterPluginsWithNominatedPods decides: with its nominated pods, then without. */
  fits(nominated: NominatedPods): boolean {
    return this.nominatedRejection(nominated) < 0 && this.rejection() < 0;
  }

  private pod(): CompiledPod {
    if (this.target === null) throw new Error('WhatIf: begin() first');
    return this.target;
  }

  /** The states with `changed` added to (or removed from) the focus, through each plugin's hook. */
  private updated(changed: CompiledPod, added: boolean): readonly unknown[] {
    const cx: CycleContext = { view: this.base! };
    const pod = this.pod();
    const node = this.overlay.node;
    const filters = this.fw.filters;
    let out: unknown[] | null = null;
    for (let f = 0; f < filters.length; f++) {
      const p = filters[f]!;
      const st = this.current[f];
      if (st === SKIP || st === undefined) continue;
      const hook = added ? p.addPod : p.removePod;
      if (hook === undefined) continue;
      out ??= [...this.current];
      out[f] = hook.call(p, cx, pod, st, changed, node);
    }
    return out ?? this.current;
  }
}
