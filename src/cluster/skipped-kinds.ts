/**
 * Kinds kube-scheduler 1.35 reads that schedbench does not model yet: DRA's objects. A
 * cluster file holding them still loads; they get a warning of their own, since pods
 * that use them are placed as if they did not. (VolumeAttachments, which kube-scheduler
 * does not read, are skipped with the other kinds.)
 */
const UNMODELLED_KINDS: ReadonlySet<string> = new Set([
  'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice', 'DeviceClass',
]);

/**
 * The objects of a cluster's files that loadCluster does not read (ConfigMaps, Events,
 * CronJobs, ... and the unmodelled kinds above), counted by kind and reported as one
 * line per group instead of refused: a real dump holds many kinds scheduling never looks at.
 */
export class SkippedKinds {
  private readonly counts = new Map<string, number>();

  add(kind: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }

  /** At most two lines: the unmodelled kinds, then every other kind (kinds in order of first appearance). */
  report(warn: (message: string) => void): void {
    const unmodelled = [...this.counts].filter(([k]) => UNMODELLED_KINDS.has(k));
    const other = [...this.counts].filter(([k]) => !UNMODELLED_KINDS.has(k));
    if (unmodelled.length > 0) {
      warn(`skipped ${objects(unmodelled)} that kube-scheduler reads but schedbench does not model yet (pods' resource claims are ignored): ${list(unmodelled)}`);
    }
    if (other.length > 0) warn(`skipped ${objects(other)} of kinds scheduling does not read: ${list(other)}`);
  }
}

function objects(entries: readonly [string, number][]): string {
  const n = entries.reduce((sum, [, c]) => sum + c, 0);
  return n === 1 ? '1 object' : `${n} objects`;
}

function list(entries: readonly [string, number][]): string {
  const shown = entries.slice(0, 12).map(([k, c]) => `${JSON.stringify(k)} ×${c}`).join(', ');
  return entries.length > 12 ? `${shown} and ${entries.length - 12} more kinds` : shown;
}
