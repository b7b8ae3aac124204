import type { SimResult } from '../sim/types.js';
import type { StorageFacts } from './storage-observer.js';
import { VOLUME_PLUGINS } from './storage-observer.js';
import type { VolumePendingReason } from './types.js';

/** Workload pods pending at the end because of volumes: in all, per volume plugin, per reason. */
export interface VolumePending {
  /** Pods with at least one volume reason. */
  readonly pods: number;
  /** Plugin name -> pods with at least one of its reasons; every volume plugin, 0 when none. */
  readonly byPlugin: ReadonlyMap<string, number>;
  /** Per reason, in VOLUME_PLUGINS order then by reason text; reasons no pod had are left out. */
  readonly byReason: readonly VolumePendingReason[];
}

/**
 * The workload pods pending at the end after a failed attempt (the latest incarnation,
 * pending, with a diagnosis: those pods_unschedulable_end counts) whose last failed
 * attempt with collected reasons had a reason of a volume plugin (StorageFacts.volumeReasons).
 */
export function volumePendingEnd(result: SimResult, facts: StorageFacts): VolumePending {
  const byPlugin = new Map<string, number>(VOLUME_PLUGINS.map((p) => [p, 0]));
  const byReason = new Map<string, { plugin: string; reason: string; pods: number }>();
  let pods = 0;
  for (const r of result.pods) {
    if (r.replacedBy !== -1 || r.outcome !== 'pending' || r.lastDiagnosis === null) continue;
    const reasons = facts.volumeReasons.get(r.podId);
    if (reasons === undefined || reasons.length === 0) continue;
    pods++;
    for (const plugin of new Set(reasons.map((x) => x.plugin))) byPlugin.set(plugin, (byPlugin.get(plugin) ?? 0) + 1);
    for (const x of reasons) {
      const key = `${x.plugin}\n${x.reason}`;
      const row = byReason.get(key);
      if (row === undefined) byReason.set(key, { plugin: x.plugin, reason: x.reason, pods: 1 });
      else row.pods++;
    }
  }
  const rank = (plugin: string) => VOLUME_PLUGINS.indexOf(plugin);
  const rows = [...byReason.values()].sort((a, b) => rank(a.plugin) - rank(b.plugin) || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
  return { pods, byPlugin, byReason: rows };
}
