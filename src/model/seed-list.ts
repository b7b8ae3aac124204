import { excerpt, InputError } from './errors.js';
import { INPUT_LIMITS } from './input-limits.js';

/**
 * Seeds written as text, the one grammar of a scenario's `seeds: "42-51"` and of
 * `--seeds`: a range "42-51", a list "1,2,5", or a mix "1-3,7". At most
 * INPUT_LIMITS.seeds, each once (a seed listed twice would count twice in every mean);
 * anything else is an InputError at `where` (the flag, or the scenario file's field).
 */
export function parseSeedList(text: string, where: InputError['where']): number[] {
  const max = INPUT_LIMITS.seeds;
  const seeds: number[] = [];
  const seen = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (m === null) throw new InputError(where, `expected seeds like 42-51 or 1,2,3, got ${excerpt(text)}`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from || to - from >= max) {
      throw new InputError(where, `expected an ascending range of at most ${max} seeds, got ${excerpt(part.trim())}`);
    }
    for (let s = from; s <= to; s++) {
      if (seen.has(s)) throw new InputError(where, `seed ${s} is listed twice in ${excerpt(text)}; each seed counts once`);
      if (seeds.length === max) throw new InputError(where, `at most ${max} seeds, got more in ${excerpt(text)}`);
      seen.add(s);
      seeds.push(s);
    }
  }
  return seeds;
}
