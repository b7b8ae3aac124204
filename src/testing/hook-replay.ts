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

/** One step of a what-if a property test draws: remove a placed pod, add a new one, or add a removed one back. */
export type HookOp<P> =
  | { readonly kind: 'remove'; readonly pick: number }
  | { readonly kind: 'add'; readonly pod: P; readonly node: number }
  | { readonly kind: 'readd'; readonly pick: number; readonly node: number };

/** The pods of a what-if so far: those on nodes, and those removed (which may come back). */
export interface WhatIfPods {
  readonly placed: { pod: CompiledPod; node: NodeId }[];
  readonly removed: CompiledPod[];
}

/**
 * Makes `op` through the plugin's removePod/addPod, updating `pods`: the change made and
 * the new PreFilter state, or null when the op has nothing to act on (no pod placed, or
 * none removed). `make` compiles the pod of an 'add'.
 */
export function applyHookOp<P>(
  plugin: Plugin, cx: CycleContext, incoming: CompiledPod, state: unknown, op: HookOp<P>, pods: WhatIfPods,
  nodes: readonly NodeId[], make: (p: P) => CompiledPod,
): { readonly change: HookChange; readonly state: unknown } | null {
  if (op.kind === 'remove') {
    if (pods.placed.length === 0) return null;
    const p = pods.placed.splice(op.pick % pods.placed.length, 1)[0]!;
    pods.removed.push(p.pod);
    return { change: { add: false, pod: p.pod, node: p.node }, state: plugin.removePod!(cx, incoming, state, p.pod, p.node) };
  }
  const node = nodes[op.node % nodes.length]!;
  let pod: CompiledPod;
  if (op.kind === 'add') pod = make(op.pod);
  else {
    if (pods.removed.length === 0) return null;
    pod = pods.removed.splice(op.pick % pods.removed.length, 1)[0]!;
  }
  pods.placed.push({ pod, node });
  return { change: { add: true, pod, node }, state: plugin.addPod!(cx, incoming, state, pod, node) };
}
