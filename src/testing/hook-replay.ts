import { expect } from 'vitest';
import type { ClusterState } from '../cluster/cluster-state.js';
import type { CycleContext, Plugin } from '../framework/types.js';
import { Rejection, SKIP } from '../framework/types.js';
import type { NodeId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';

/** One change a what-if made through a plugin's addPod/removePod. */
export interface HookChange {
  readonly add: boolean;
  readonly pod: CompiledPod;
  readonly node: NodeId;
}

/** The plugin's Filter verdict on every node of `nodes` with PreFilter state `pre` (all 0 for SKIP). */
export function filterVerdicts(plugin: Plugin, cx: CycleContext, pod: CompiledPod, pre: unknown, nodes: readonly NodeId[]): number[] {
  if (pre === SKIP) return nodes.map(() => 0);
  if (pre instanceof Rejection) throw new Error(`${plugin.name} never rejects in PreFilter`);
  return nodes.map((n) => plugin.filter!(cx, pod, n, pre));
}

/**
 * The same changes made for real, one by one, with PreFilter recomputed after each: the
 * verdicts must equal `seen[i]`, those the hook-updated state gave after change i. Then
 * every change is undone and the verdicts must be `before` again.
 */
export function expectHooksMatchRecompute(
  state: ClusterState, plugin: Plugin, cx: CycleContext, incoming: CompiledPod, nodes: readonly NodeId[],
  changes: readonly HookChange[], seen: readonly number[][], before: readonly number[],
): void {
  for (const [i, ch] of changes.entries()) {
    if (ch.add) state.bind(ch.pod, ch.node);
    else state.unbind(ch.pod, ch.node);
    const real = filterVerdicts(plugin, cx, incoming, plugin.preFilter!(cx, incoming), nodes);
    expect(seen[i], `after step ${i} (${ch.add ? 'add' : 'remove'} ${ch.pod.name} on node ${ch.node})`).toEqual(real);
  }
  for (const ch of [...changes].reverse()) {
    if (ch.add) state.unbind(ch.pod, ch.node);
    else state.bind(ch.pod, ch.node);
  }
  expect(filterVerdicts(plugin, cx, incoming, plugin.preFilter!(cx, incoming), nodes)).toEqual(before);
}
