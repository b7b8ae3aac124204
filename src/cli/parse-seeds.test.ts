import { describe, expect, it } from 'vitest';
import { InputError } from '../model/errors.js';
import { parseSeeds } from './parse-seeds.js';

describe('parseSeeds refuses seeds that would be counted twice or blow up', () => {
  const cases = [
    { name: 'one seed twice', text: '1,1', err: /^--seeds: seed 1 is listed twice in "1,1"; each seed counts once$/ },
    { name: 'a seed inside a range listed again', text: '1-3,2', err: /^--seeds: seed 2 is listed twice in "1-3,2"; each seed counts once$/ },
    { name: 'overlapping ranges', text: '1-5,4-8', err: /^--seeds: seed 4 is listed twice/ },
    { name: 'more than 10000 seeds over several ranges', text: '0-9999,10000-10001', err: /^--seeds: at most 10000 seeds, got more in "0-9999,10000-10001"$/ },
    { name: 'a huge range', text: '0-99999999999', err: /^--seeds: expected an ascending range of at most 10000 seeds, got "0-99999999999"$/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(() => parseSeeds(c.text)).toThrow(InputError);
      expect(() => parseSeeds(c.text)).toThrow(c.err);
    });
  }
});
