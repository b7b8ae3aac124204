import { InputError } from '../model/errors.js';

/** Seeds from "42-51", "42,43,50" or a mix ("1-3,7"); throws InputError otherwise. */
export function parseSeeds(text: string): number[] {
  const seeds: number[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (m === null) throw new InputError({ path: '--seeds' }, `expected seeds like 42-51 or 1,2,3, got ${JSON.stringify(text)}`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from || to - from >= 10_000) {
      throw new InputError({ path: '--seeds' }, `expected an ascending range of at most 10000 seeds, got ${JSON.stringify(part.trim())}`);
    }
    for (let s = from; s <= to; s++) seeds.push(s);
  }
  return seeds;
}
