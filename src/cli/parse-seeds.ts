import { InputError, excerpt } from '../model/errors.js';

/** Most seeds one --seeds may list. */
const MAX_SEEDS = 10_000;

/**
 * Seeds from "42-51", "42,43,50" or a mix ("1-3,7"); throws InputError otherwise, and when
 * a seed is listed twice (its runs would be counted twice in every mean).
 */
export function parseSeeds(text: string): number[] {
  const seeds: number[] = [];
  const seen = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (m === null) throw new InputError({ path: '--seeds' }, `expected seeds like 42-51 or 1,2,3, got ${excerpt(text)}`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from || to - from >= MAX_SEEDS) {
      throw new InputError({ path: '--seeds' }, `expected an ascending range of at most ${MAX_SEEDS} seeds, got ${excerpt(part.trim())}`);
    }
    for (let s = from; s <= to; s++) {
      if (seen.has(s)) throw new InputError({ path: '--seeds' }, `seed ${s} is listed twice in ${excerpt(text)}; each seed counts once`);
      if (seeds.length === MAX_SEEDS) throw new InputError({ path: '--seeds' }, `at most ${MAX_SEEDS} seeds, got more in ${excerpt(text)}`);
      seen.add(s);
      seeds.push(s);
    }
  }
  return seeds;
}
