import type { StorageFacts } from './storage-observer.js';
import type { ZoneVolumes } from './types.js';

/** The volumes provisioned during the run per zone of the node each was provisioned for, zones in text order. */
export function provisionedByZone(facts: StorageFacts): ZoneVolumes[] {
  const counts = new Map<string, number>();
  for (const v of facts.provisioned) counts.set(v.zone, (counts.get(v.zone) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([zone, volumes]) => ({ zone, volumes }));
}

/** The largest zone's share of the provisioned volumes, in percent; NaN when none was provisioned. */
export function largestZoneSharePct(zones: readonly ZoneVolumes[]): number {
  let total = 0;
  let largest = 0;
  for (const z of zones) {
    total += z.volumes;
    largest = Math.max(largest, z.volumes);
  }
  return total === 0 ? Number.NaN : (largest / total) * 100;
}
