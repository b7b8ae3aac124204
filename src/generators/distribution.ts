import type { Distribution } from '../scenario/scenario-schema.js';
import type { Rng } from './rng.js';

/**
 * A distribution of non-negative numbers a generator draws from (durations in seconds).
 * Closed set; `sample` handles each kind. Declared once, as the scenario schema
 * (distributionSchema, where each kind is documented and its parameters are bounded so
 * that every draw is finite); `empirical-csv` never reaches here, loadScenario reads it
 * into `empirical`.
 */
export type { Distribution };

/** Draws one value. Every draw comes from `rng`; the same stream gives the same values. */
export function sample(d: Distribution, rng: Rng): number {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'uniform':
      return d.min + (d.max - d.min) * rng.float();
    case 'normal':
      return truncatedNormal(d.mean, d.stddev, d.min ?? 0, d.max ?? Infinity, rng);
    case 'lognormal':
      return Math.exp(d.mu + d.sigma * standardNormal(rng));
    case 'exponential':
      return -d.mean * Math.log(1 - rng.float());
    case 'choice':
      return d.values[weightedIndex(d.weights, d.values.length, rng)]!;
    case 'empirical':
      return d.values[rng.int(d.values.length)]!;
    default: {
      const never: never = d;
      throw new Error(`unknown distribution ${JSON.stringify(never)}`);
    }
  }
}

/** A standard normal draw (Box-Muller; uses two uniforms, discards the second). */
export function standardNormal(rng: Rng): number {
  const u1 = 1 - rng.float(); // (0, 1]: log stays finite
  const u2 = rng.float();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * Normal draw rejected until inside [min, max]. Gives up after 10,000 tries (bounds far
 * in the tail) and clamps, so a bad spec cannot hang a run.
 */
function truncatedNormal(mean: number, stddev: number, min: number, max: number, rng: Rng): number {
  for (let i = 0; i < 10_000; i++) {
    const x = mean + stddev * standardNormal(rng);
    if (x >= min && x <= max) return x;
  }
  return Math.min(max, Math.max(min, mean));
}

/** An index in [0, n) with probability proportional to weights (uniform without them). */
export function weightedIndex(weights: readonly number[] | undefined, n: number, rng: Rng): number {
  if (weights === undefined) return rng.int(n);
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i]!;
  let x = rng.float() * total;
  for (let i = 0; i < n; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return n - 1;
}

/** The distribution's mean where it has a closed form (for docs and sanity checks). */
export function meanOf(d: Distribution): number {
  switch (d.kind) {
    case 'constant': return d.value;
    case 'uniform': return (d.min + d.max) / 2;
    case 'normal': return d.mean;
    case 'lognormal': return Math.exp(d.mu + (d.sigma * d.sigma) / 2);
    case 'exponential': return d.mean;
    case 'choice': {
      const w = d.weights ?? d.values.map(() => 1);
      const total = w.reduce((a, b) => a + b, 0);
      return d.values.reduce((acc, v, i) => acc + (v * w[i]!) / total, 0);
    }
    case 'empirical': return d.values.reduce((a, b) => a + b, 0) / d.values.length;
    default: {
      const never: never = d;
      throw new Error(`unknown distribution ${JSON.stringify(never)}`);
    }
  }
}
