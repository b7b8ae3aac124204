import type { NodeId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import type { CycleContext, Plugin, StatusCode, Verdict } from './types.js';
import { PASS } from './types.js';

/** kube's status code for a plugin's verdict: unresolvable if any reason set is. */
export function verdictStatus(plugin: Plugin, verdict: Verdict): StatusCode {
  if (verdict === PASS) return 'Success';
  const reasons = plugin.reasons ?? [];
  for (let i = 0; i < reasons.length; i++) {
    if ((verdict & (1 << i)) !== 0 && reasons[i]!.unresolvable) return 'UnschedulableAndUnresolvable';
  }
  return 'Unschedulable';
}

/** Reason texts of a verdict, in bit order (or the plugin's own node-specific texts). */
export function verdictReasons(
  plugin: Plugin, cx: CycleContext, pod: CompiledPod, node: NodeId, verdict: Verdict, pre: unknown,
): string[] {
  if (verdict === PASS) return [];
  if (plugin.describe) return plugin.describe(cx, pod, node, verdict, pre);
  const out: string[] = [];
  const reasons = plugin.reasons ?? [];
  for (let i = 0; i < reasons.length; i++) if ((verdict & (1 << i)) !== 0) out.push(reasons[i]!.text);
  if (out.length === 0) out.push(`node(s) didn't satisfy plugin ${plugin.name}`);
  return out;
}
