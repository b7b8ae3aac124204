import type { PodId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import type { PodCounts, PodOutcome, PodRecord } from './types.js';

/** A PodRecord while the run is writing it. */
type MutableRecord = { -readonly [K in keyof PodRecord]: PodRecord[K] };

/** One pod incarnation as the simulator tracks it. */
export interface LedgerEntry {
  readonly pod: CompiledPod;
  /** Run time once bound, simulated seconds; null: until the end. */
  readonly durationS: number | null;
  /** Recreated by a controller when deleted. */
  readonly replicated: boolean;
  /** Its Job's parallelism group (JobParallelism), or -1; a replacement inherits it. */
  readonly group: number;
  /** Bumped on every bind and unbind; events made in an older epoch are stale. */
  bindEpoch: number;
  readonly record: MutableRecord;
}

/**
 * Every pod the run has seen, with its record and the counts that account for it: each
 * workload pod (arrival or pod bound at time 0) is, at any instant, running, pending,
 * completed or failed, whichever incarnation it is in, so nothing is lost silently.
 * The transition methods are the only writers of records and counts.
 */
export class PodLedger {
  private readonly entries: (LedgerEntry | undefined)[] = [];
  private readonly ids: PodId[] = [];
  private readonly n = { arrived: 0, running: 0, pending: 0, completed: 0, failed: 0, replaced: 0 };

  /** The entry of a known pod; throws for an unknown id. */
  get(id: PodId): LedgerEntry {
    const e = this.entries[id];
    if (e === undefined) throw new Error(`pod ${id} is not in the ledger`);
    return e;
  }

  has(id: PodId): boolean {
    return this.entries[id] !== undefined;
  }

  /** A new pending pod: an arrival (previous null) or a controller's replacement of `previous`. */
  created(
    pod: CompiledPod, atS: number, durationS: number | null, replicated: boolean, group: number, previous: LedgerEntry | null,
  ): LedgerEntry {
    const e = this.add(pod, durationS, replicated, group, {
      podId: pod.id,
      name: pod.name,
      workloadPodId: previous?.record.workloadPodId ?? pod.id,
      replacementOf: previous?.pod.id ?? -1,
      replacedBy: -1,
      arrivalS: atS,
      firstAttemptS: null,
      bindS: null,
      endS: null,
      node: null,
      attempts: 0,
      outcome: 'pending',
      lastDiagnosis: null,
      preemptedCount: previous?.record.preemptedCount ?? 0,
      evictedCount: previous?.record.evictedCount ?? 0,
    });
    if (previous === null) this.n.arrived++;
    this.n.pending++;
    return e;
  }

  /** A pod found bound when the run starts: a workload pod running since time 0. */
  initial(pod: CompiledPod, nodeName: string, replicated: boolean): LedgerEntry {
    const e = this.add(pod, null, replicated, -1, {
      podId: pod.id, name: pod.name, workloadPodId: pod.id, replacementOf: -1, replacedBy: -1,
      arrivalS: 0, firstAttemptS: null, bindS: 0, endS: null, node: nodeName, attempts: 0,
      outcome: 'running', lastDiagnosis: null, preemptedCount: 0, evictedCount: 0,
    });
    this.n.arrived++;
    this.n.running++;
    return e;
  }

  /** A scheduling cycle starts for the pod. */
  attempted(e: LedgerEntry, atS: number): void {
    e.record.attempts++;
    if (e.record.firstAttemptS === null) e.record.firstAttemptS = atS;
  }

  /** Why the pod is still pending (a FitError message, or why it is never attempted). */
  diagnosed(e: LedgerEntry, message: string): void {
    e.record.lastDiagnosis = message;
  }

  bound(e: LedgerEntry, atS: number, nodeName: string): void {
    this.expect(e, 'pending');
    e.record.outcome = 'running';
    e.record.bindS = atS;
    e.record.node = nodeName;
    this.n.pending--;
    this.n.running++;
  }

  completed(e: LedgerEntry, atS: number): void {
    this.expect(e, 'running');
    e.record.outcome = 'completed';
    e.record.endS = atS;
    this.n.running--;
    this.n.completed++;
  }

  /**
   * A running pod was deleted. With a `replacement` (already created with this entry as
   * `previous`) the workload pod lives on as that pending incarnation; otherwise it failed.
   */
  deleted(e: LedgerEntry, atS: number, outcome: 'preempted' | 'evicted', replacement: LedgerEntry | null): void {
    this.expect(e, 'running');
    e.record.outcome = outcome;
    e.record.endS = atS;
    if (outcome === 'preempted') e.record.preemptedCount++;
    else e.record.evictedCount++;
    this.n.running--;
    if (replacement === null) {
      this.n.failed++;
    } else {
      e.record.replacedBy = replacement.pod.id;
      // The replacement was counted pending when created; this incarnation only moves to `replaced`.
      replacement.record.preemptedCount = e.record.preemptedCount;
      replacement.record.evictedCount = e.record.evictedCount;
      this.n.replaced++;
    }
  }

  /** Workload pod counts now. */
  counts(): PodCounts {
    return { ...this.n };
  }

  /** Every record, by pod id. */
  records(): PodRecord[] {
    const ids = [...this.ids].sort((a, b) => a - b);
    return ids.map((id) => ({ ...this.entries[id]!.record }));
  }

  private add(pod: CompiledPod, durationS: number | null, replicated: boolean, group: number, record: MutableRecord): LedgerEntry {
    if (this.entries[pod.id] !== undefined) throw new Error(`pod ${pod.name} (id ${pod.id}) entered the simulation twice`);
    const e: LedgerEntry = { pod, durationS, replicated, group, bindEpoch: 0, record };
    // Ids start where the run's model left off (an openb run's after its pod list), and
    // an array first written far past its end falls back to slow dictionary elements:
    // the gap is filled instead, so lookups stay indexed.
    const entries = this.entries;
    while (entries.length < pod.id) entries.push(undefined);
    entries[pod.id] = e;
    this.ids.push(pod.id);
    return e;
  }

  private expect(e: LedgerEntry, outcome: PodOutcome): void {
    if (e.record.outcome !== outcome) {
      throw new Error(`pod ${e.pod.name} (id ${e.pod.id}) is ${e.record.outcome}, expected ${outcome}`);
    }
  }
}
