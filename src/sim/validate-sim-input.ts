import type { SimInput } from './types.js';

/**
 * Checks a SimInput at the door; throws RangeError naming the offending field
 * (`arrivals[3].atS`). Inside the run these are trusted.
 */
export function validateSimInput(input: SimInput): void {
  if (!Number.isFinite(input.endS) || input.endS < 0) {
    throw new RangeError(`SimInput.endS: expected a non-negative finite number, got ${input.endS}`);
  }
  const seen = new Set<number>();
  const parallelismOf = new Map<string, number>();
  let prev = -Infinity;
  input.arrivals.forEach((a, i) => {
    if (!Number.isFinite(a.atS) || a.atS < 0) throw new RangeError(`${arrivalAt(i)}.atS: expected a non-negative finite number, got ${a.atS}`);
    if (a.atS < prev) throw new RangeError(`${arrivalAt(i)}.atS: arrivals must be sorted by time, got ${a.atS} after ${prev}`);
    prev = a.atS;
    if (a.durationS !== null && (!Number.isFinite(a.durationS) || a.durationS < 0)) {
      throw new RangeError(`${arrivalAt(i)}.durationS: expected null or a non-negative finite number, got ${a.durationS}`);
    }
    if (seen.has(a.pod.id)) throw new RangeError(`${arrivalAt(i)}.pod: pod id ${a.pod.id} (${a.pod.name}) arrives twice`);
    seen.add(a.pod.id);
    if (input.state.nodeOf(a.pod.id) !== -1) throw new RangeError(`${arrivalAt(i)}.pod: pod ${a.pod.name} is already bound in SimInput.state`);
    if (a.group !== undefined) {
      const { key, parallelism } = a.group;
      if (typeof key !== 'string' || key === '') throw new RangeError(`${arrivalAt(i)}.group.key: expected a non-empty string, got ${JSON.stringify(key)}`);
      if (!Number.isInteger(parallelism) || parallelism < 1) {
        throw new RangeError(`${arrivalAt(i)}.group.parallelism: expected a positive integer, got ${parallelism}`);
      }
      const known = parallelismOf.get(key);
      if (known !== undefined && known !== parallelism) {
        throw new RangeError(`${arrivalAt(i)}.group.parallelism: group ${key} has parallelism ${known} in an earlier arrival, got ${parallelism}`);
      }
      parallelismOf.set(key, parallelism);
    }
  });
  prev = -Infinity;
  (input.nodeEvents ?? []).forEach((e, i) => {
    const at = `SimInput.nodeEvents[${i}]`;
    if (!Number.isFinite(e.atS) || e.atS < 0) throw new RangeError(`${at}.atS: expected a non-negative finite number, got ${e.atS}`);
    if (e.atS < prev) throw new RangeError(`${at}.atS: node events must be sorted by time, got ${e.atS} after ${prev}`);
    prev = e.atS;
    if (e.kind === 'add' && typeof e.node === 'number') throw new RangeError(`${at}.node: an 'add' event needs a CompiledNode, got node id ${e.node}`);
  });
}

/** Where an error in arrival i is (built only for an error: runs have thousands of arrivals). */
function arrivalAt(i: number): string {
  return `SimInput.arrivals[${i}]`;
}
