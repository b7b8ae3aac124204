/**
 * TIMING COLLECTOR: the wall-clock time of each scheduling cycle, in nanoseconds. The
 * only place in sim/ that reads a clock (process.hrtime.bigint); what it measures is
 * kept apart from simulated time and never feeds back into the run, unless the caller
 * opts into CycleCost 'measured'.
 */
export class CycleTimer {
  private ns = new Float64Array(1024);
  private n = 0;

  /** A start mark for stop(). */
  start(): bigint {
    return process.hrtime.bigint();
  }

  /** Records and returns the nanoseconds since `startMark`. */
  stop(startMark: bigint): number {
    const d = Number(process.hrtime.bigint() - startMark);
    if (this.n === this.ns.length) {
      const next = new Float64Array(this.ns.length * 2);
      next.set(this.ns);
      this.ns = next;
    }
    this.ns[this.n++] = d;
    return d;
  }

  /** Every recorded duration, in recording order. */
  durationsNs(): Float64Array {
    return this.ns.slice(0, this.n);
  }
}
