import { parseSeedList } from '../run/index.js';

/** `--seeds`: the grammar and limit of a scenario's seeds (parseSeedList). */
export function parseSeeds(text: string): number[] {
  return parseSeedList(text, { path: '--seeds' });
}
