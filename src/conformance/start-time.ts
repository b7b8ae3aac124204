/**
 * A pod's status.startTime in seconds since the epoch, to the nanosecond: kube's
 * preemption tests give pods start times 1 ns apart (time.Unix(0, 1), ...), which a
 * vector writes in RFC 3339 with up to nine fractional digits. Victims are ordered and
 * candidates compared by start time (MoreImportantPod, GetEarliestPodStartTime).
 */
const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * When a pod without status.startTime started, for ordering: kube's GetPodStartTime
 * answers time.Now() for it, later than any start time a test writes.
 */
export const NOT_STARTED_S = Number.MAX_SAFE_INTEGER;

/** The start time in seconds, or NOT_STARTED_S when absent; throws naming `path` on a malformed time. */
export function startTimeSeconds(value: unknown, path: string): number {
  if (value === undefined || value === null) return NOT_STARTED_S;
  const m = typeof value === 'string' ? RFC3339.exec(value) : null;
  const whole = m === null ? Number.NaN : Date.parse(`${m[1]!}${m[3]!}`);
  if (m === null || Number.isNaN(whole)) throw new Error(`${path}: expected an RFC 3339 time (e.g. "1970-01-01T00:00:00.000000001Z"), got ${JSON.stringify(value)}`);
  const fraction = m[2] === undefined ? 0 : Number(m[2].padEnd(9, '0')) / 1e9;
  return whole / 1000 + fraction;
}
