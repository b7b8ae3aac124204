import { describe, expect, it } from 'vitest';
import type { PodId } from '../model/ids.js';
import { backoffDurationS, SchedulingQueue } from './scheduling-queue.js';

const opts = { initialBackoffS: 1, maxBackoffS: 10, podMaxInUnschedulablePodsS: 300 };
const pid = (n: number) => n as PodId;

describe('backoffDurationS', () => {
  // kube: initial * 2^(attempts-1), capped at max (calculateBackoffDuration).
  const cases = [
    { failures: 1, want: 1 }, { failures: 2, want: 2 }, { failures: 3, want: 4 },
    { failures: 4, want: 8 }, { failures: 5, want: 10 }, { failures: 6, want: 10 }, { failures: 60, want: 10 },
  ];
  for (const c of cases) it(`after ${c.failures} failures: ${c.want} s`, () => expect(backoffDurationS(c.failures, 1, 10)).toBe(c.want));
  it('respects other bounds', () => {
    expect(backoffDurationS(3, 0.5, 100)).toBe(2);
    expect(backoffDurationS(2, 3, 4)).toBe(4);
  });
});

describe('SchedulingQueue', () => {
  it('pops by priority (higher first), then queued time, then pod id', () => {
    const q = new SchedulingQueue(opts);
    q.add(pid(5), 0, 2);
    q.add(pid(4), 0, 1);
    q.add(pid(3), 10, 3);
    q.add(pid(9), 0, 1);
    q.add(pid(2), -5, 0);
    const got: number[] = [];
    for (let p = q.pop(); p !== -1; p = q.pop()) got.push(p);
    expect(got).toEqual([3, 4, 9, 5, 2]);
    expect(q.schedulingCycle).toBe(5);
  });

  it('a failed pod waits in unschedulablePods until a cluster event, then for its backoff', () => {
    const q = new SchedulingQueue(opts);
    q.add(pid(1), 0, 0);
    const cycle = (q.pop(), q.schedulingCycle);
    expect(q.addUnschedulable(pid(1), 0, cycle)).toBe('unschedulable');
    expect(q.nextBackoffExpiryS()).toBe(Infinity);
    // An event at 0.5 s: still backing off (expires at 1 s), so it goes to backoffQ.
    expect(q.moveAllToActiveOrBackoff(0.5)).toBe(1);
    expect(q.queueOf(pid(1))).toBe('backoff');
    expect(q.nextBackoffExpiryS()).toBe(1);
    expect(q.flushBackoffCompleted(0.99)).toBe(0);
    expect(q.flushBackoffCompleted(1)).toBe(1);
    expect(q.queueOf(pid(1))).toBe('active');
    expect(q.pop()).toBe(1);
  });

  it('an event after the backoff ended moves the pod straight to activeQ', () => {
    const q = new SchedulingQueue(opts);
    q.add(pid(1), 0, 0);
    q.pop();
    q.addUnschedulable(pid(1), 0, q.schedulingCycle);
    q.moveAllToActiveOrBackoff(5);
    expect(q.queueOf(pid(1))).toBe('active');
  });

  it('a move request during the pod\'s own cycle sends it to backoffQ (moveRequestCycle)', () => {
    const q = new SchedulingQueue(opts);
    q.add(pid(1), 0, 0);
    q.add(pid(2), 0, 0);
    q.pop();
    const c1 = q.schedulingCycle;
    q.moveAllToActiveOrBackoff(0);
    expect(q.addUnschedulable(pid(1), 0, c1)).toBe('backoff');
    q.pop();
    expect(q.addUnschedulable(pid(2), 0, q.schedulingCycle)).toBe('unschedulable');
  });

  it('backoff doubles per failure up to the cap', () => {
    const q = new SchedulingQueue(opts);
    q.add(pid(7), 0, 0);
    const expiries: number[] = [];
    let now = 0;
    for (let i = 0; i < 6; i++) {
      expect(q.pop()).toBe(7);
      q.addUnschedulable(pid(7), now, q.schedulingCycle);
      q.moveAllToActiveOrBackoff(now);
      expiries.push(q.nextBackoffExpiryS() - now);
      now = q.nextBackoffExpiryS();
      q.flushBackoffCompleted(now);
    }
    expect(expiries).toEqual([1, 2, 4, 8, 10, 10]);
    expect(q.failureCount(pid(7))).toBe(6);
  });

  it('the periodic flush moves pods that waited longer than podMaxInUnschedulablePods', () => {
    const q = new SchedulingQueue(opts);
    q.add(pid(1), 0, 0);
    q.add(pid(2), 0, 0);
    q.pop();
    q.addUnschedulable(pid(1), 10, q.schedulingCycle);
    q.pop();
    q.addUnschedulable(pid(2), 20, q.schedulingCycle);
    expect(q.flushUnschedulableLeftover(310)).toBe(0);
    expect(q.flushUnschedulableLeftover(311)).toBe(1);
    expect(q.queueOf(pid(1))).toBe('active');
    expect(q.queueOf(pid(2))).toBe('unschedulable');
    expect(q.flushUnschedulableLeftover(321)).toBe(1);
    expect(q.unschedulableCount).toBe(0);
  });

  it('moves only the pods a filtered event selects', () => {
    const q = new SchedulingQueue(opts);
    for (const p of [1, 2, 3]) q.add(pid(p), 0, 0);
    for (let i = 0; i < 3; i++) {
      const p = q.pop() as PodId;
      q.addUnschedulable(p, 0, q.schedulingCycle);
    }
    expect(q.moveAllToActiveOrBackoff(100, (p) => p === 2)).toBe(1);
    expect(q.queueOf(pid(2))).toBe('active');
    expect(q.unschedulableCount).toBe(2);
  });

  it('rejects a pod queued twice', () => {
    const q = new SchedulingQueue(opts);
    q.add(pid(1), 0, 0);
    expect(() => q.add(pid(1), 0, 0)).toThrow(/already queued/);
  });
});
