import type { Rng } from './rng.js';
import type { ArrivalSpec } from './workload-spec.js';

/** `count` arrival times (seconds, non-decreasing) drawn from an arrival process. */
export function arrivalTimes(spec: ArrivalSpec, count: number, rng: Rng): Float64Array {
  const out = new Float64Array(count);
  switch (spec.process) {
    case 'all-at-once':
      out.fill(spec.atS ?? 0);
      return out;
    case 'poisson': {
      let t = spec.startS ?? 0;
      for (let i = 0; i < count; i++) {
        t += -Math.log(1 - rng.float()) / spec.ratePerS;
        out[i] = t;
      }
      return out;
    }
    case 'burst':
      for (let i = 0; i < count; i++) out[i] = (spec.startS ?? 0) + Math.floor(i / spec.size) * spec.everyS;
      return out;
    case 'diurnal':
      return diurnal(spec, count, rng);
    default: {
      const never: never = spec;
      throw new Error(`unknown arrival process ${JSON.stringify(never)}`);
    }
  }
}

/** Thinning (Lewis & Shedler): candidates at the peak rate, kept with rate(t)/peak. */
function diurnal(spec: Extract<ArrivalSpec, { process: 'diurnal' }>, count: number, rng: Rng): Float64Array {
  const amplitude = spec.amplitude ?? 0.5;
  const periodS = spec.periodS ?? 86_400;
  const peakAtS = spec.peakAtS ?? 50_400;
  const peak = spec.meanRatePerS * (1 + amplitude);
  const out = new Float64Array(count);
  let t = spec.startS ?? 0;
  for (let i = 0; i < count;) {
    t += -Math.log(1 - rng.float()) / peak;
    const rate = spec.meanRatePerS * (1 + amplitude * Math.sin((2 * Math.PI * (t - peakAtS)) / periodS + Math.PI / 2));
    if (rng.float() * peak < rate) out[i++] = t;
  }
  return out;
}
