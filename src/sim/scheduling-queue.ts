import type { PodId } from '../model/ids.js';
import { PodHeap } from './pod-heap.js';

const NOWHERE = 0;
const ACTIVE = 1;
const BACKOFF = 2;
const UNSCHEDULABLE = 3;

/** Where a pod waits in the SchedulingQueue. */
export type QueueName = 'active' | 'backoff' | 'unschedulable';

/** The timing knobs of a SchedulingQueue, in simulated seconds. */
export interface SchedulingQueueOptions {
  readonly initialBackoffS: number;
  readonly maxBackoffS: number;
  /** kube's podMaxInUnschedulablePodsDuration. */
  readonly podMaxInUnschedulablePodsS: number;
}

/**
 * The backoff after `failures` unschedulable attempts (failures >= 1): initial *
 * 2^(failures-1), capped at max. Mirrors PriorityQueue.calculateBackoffDuration in
 * kube-scheduler's internal/queue/scheduling_queue.go.
 */
export function backoffDurationS(failures: number, initialS: number, maxS: number): number {
  let d = initialS;
  for (let i = 1; i < failures; i++) {
    if (d > maxS - d) return maxS;
    d += d;
  }
  return Math.min(d, maxS);
}

/**
 * kube-scheduler's PriorityQueue (internal/queue/scheduling_queue.go) without queueing
 * hints, over simulated time:
 *   - activeQ: a heap by priority (higher first), then the time the pod was last queued
 *     (kube's QueuedPodInfo.Timestamp: its arrival, or its last failed attempt), then pod id;
 *   - backoffQ: pods waiting out their backoff, by expiry;
 *   - unschedulablePods: pods that failed and wait for a cluster event.
 * A failed pod goes to unschedulablePods, unless a move request arrived during its own
 * scheduling cycle (moveRequestCycle >= its cycle: preemption deleted victims while the
 * pod was being scheduled), in which case it goes to backoffQ. Cluster events call
 * moveAllToActiveOrBackoff, which sends each pod still backing off to backoffQ and the
 * others to activeQ (MoveAllToActiveOrBackoffQueue). The caller drives time: it calls
 * flushBackoffCompleted at nextBackoffExpiryS() and flushUnschedulableLeftover every 30 s.
 */
export class SchedulingQueue {
  private readonly active = new PodHeap();
  private readonly backoff = new PodHeap();
  /** Insertion order = Timestamp order (time only moves forward), so flushes stop early. */
  private readonly unschedulable = new Map<PodId, true>();
  private where = new Uint8Array(64);
  private timestampS = new Float64Array(64);
  private failures = new Int32Array(64);
  private priority = new Int32Array(64);
  private cycle = 0;
  private moveRequestCycle = -1;

  constructor(private readonly opts: SchedulingQueueOptions) {}

  /** Scheduling cycles started so far (kube's schedulingCycle, bumped on each pop). */
  get schedulingCycle(): number {
    return this.cycle;
  }

  get activeCount(): number {
    return this.active.size;
  }

  get backoffCount(): number {
    return this.backoff.size;
  }

  get unschedulableCount(): number {
    return this.unschedulable.size;
  }

  /** Which queue holds the pod, or null. */
  queueOf(pod: PodId): QueueName | null {
    if (pod >= this.where.length) return null;
    switch (this.where[pod]) {
      case ACTIVE: return 'active';
      case BACKOFF: return 'backoff';
      case UNSCHEDULABLE: return 'unschedulable';
      default: return null;
    }
  }

  /** Unschedulable attempts of a pod so far (drives its backoff). */
  failureCount(pod: PodId): number {
    return pod < this.failures.length ? this.failures[pod]! : 0;
  }

  /** When the pod was last queued (its Timestamp). */
  queuedAtS(pod: PodId): number {
    return this.timestampS[pod]!;
  }

  /** A new pod (kube's Add): straight to activeQ. */
  add(pod: PodId, priority: number, nowS: number): void {
    this.ensure(pod);
    if (this.where[pod] !== NOWHERE) throw new Error(`pod ${pod} is already queued`);
    this.priority[pod] = priority;
    this.timestampS[pod] = nowS;
    this.failures[pod] = 0;
    this.toActive(pod);
  }

  /** The next pod to schedule, or -1; starts a scheduling cycle. */
  pop(): PodId | -1 {
    const pod = this.active.pop();
    if (pod === -1) return -1;
    this.where[pod] = NOWHERE;
    this.cycle++;
    return pod;
  }

  /**
   * Requeues a pod whose attempt in cycle `podCycle` failed (AddUnschedulableIfNotPresent):
   * its Timestamp becomes now and its failure count grows. Returns where it went.
   */
  addUnschedulable(pod: PodId, nowS: number, podCycle: number): QueueName {
    if (this.where[pod] !== NOWHERE) throw new Error(`pod ${pod} is already queued`);
    this.failures[pod]!++;
    this.timestampS[pod] = nowS;
    if (this.moveRequestCycle >= podCycle) {
      this.toBackoff(pod);
      return 'backoff';
    }
    this.where[pod] = UNSCHEDULABLE;
    this.unschedulable.set(pod, true);
    return 'unschedulable';
  }

  /** Whether the pod's backoff has not expired at nowS (isPodBackingoff). */
  isBackingOff(pod: PodId, nowS: number): boolean {
    return this.backoffExpiryS(pod) > nowS;
  }

  /** When the pod's current backoff ends. */
  backoffExpiryS(pod: PodId): number {
    const f = this.failures[pod]!;
    if (f === 0) return this.timestampS[pod]!;
    return this.timestampS[pod]! + backoffDurationS(f, this.opts.initialBackoffS, this.opts.maxBackoffS);
  }

  /**
   * A cluster event that may make pods schedulable (MoveAllToActiveOrBackoffQueue): every
   * unschedulable pod accepted by `which` (all when absent) moves to backoffQ if still
   * backing off, else to activeQ. Returns how many moved.
   */
  moveAllToActiveOrBackoff(nowS: number, which?: (pod: PodId) => boolean): number {
    this.moveRequestCycle = this.cycle;
    if (this.unschedulable.size === 0) return 0;
    let moved = 0;
    for (const pod of this.unschedulable.keys()) {
      if (which !== undefined && !which(pod)) continue;
      this.unschedulable.delete(pod);
      this.requeue(pod, nowS);
      moved++;
    }
    return moved;
  }

  /** Earliest backoff expiry in backoffQ, or Infinity. */
  nextBackoffExpiryS(): number {
    return this.backoff.peekK1();
  }

  /** Moves every pod whose backoff has ended by nowS to activeQ (flushBackoffQCompleted). */
  flushBackoffCompleted(nowS: number): number {
    let moved = 0;
    while (this.backoff.size > 0 && this.backoff.peekK1() <= nowS) {
      const pod = this.backoff.pop() as PodId;
      this.toActive(pod);
      moved++;
    }
    return moved;
  }

  /**
   * Moves pods that have waited in unschedulablePods longer than
   * podMaxInUnschedulablePodsDuration (flushUnschedulablePodsLeftover).
   */
  flushUnschedulableLeftover(nowS: number): number {
    let moved = 0;
    for (const pod of this.unschedulable.keys()) {
      // Timestamps are in insertion order, so the first young pod ends the scan.
      if (nowS - this.timestampS[pod]! <= this.opts.podMaxInUnschedulablePodsS) break;
      this.unschedulable.delete(pod);
      this.requeue(pod, nowS);
      moved++;
    }
    if (moved > 0) this.moveRequestCycle = this.cycle;
    return moved;
  }

  /** Whether any pod waits in unschedulablePods. */
  hasUnschedulable(): boolean {
    return this.unschedulable.size > 0;
  }

  private requeue(pod: PodId, nowS: number): void {
    if (this.isBackingOff(pod, nowS)) this.toBackoff(pod);
    else this.toActive(pod);
  }

  private toActive(pod: PodId): void {
    this.where[pod] = ACTIVE;
    this.active.push(pod, -this.priority[pod]!, this.timestampS[pod]!);
  }

  private toBackoff(pod: PodId): void {
    this.where[pod] = BACKOFF;
    this.backoff.push(pod, this.backoffExpiryS(pod), 0);
  }

  private ensure(pod: PodId): void {
    if (pod < this.where.length) return;
    let cap = this.where.length;
    while (cap <= pod) cap *= 2;
    const w = new Uint8Array(cap);
    w.set(this.where);
    const t = new Float64Array(cap);
    t.set(this.timestampS);
    const f = new Int32Array(cap);
    f.set(this.failures);
    const p = new Int32Array(cap);
    p.set(this.priority);
    this.where = w;
    this.timestampS = t;
    this.failures = f;
    this.priority = p;
  }
}
