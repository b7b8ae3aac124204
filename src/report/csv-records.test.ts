import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { CHUNK_RECORDS, csvText } from './csv-records.js';

describe('csvText', () => {
  // The reference: csv-stringify over all records at once, with csvText's options.
  const whole = (records: string[][]) => stringify(records, { record_delimiter: 'unix', quoted_empty: false });
  const cells = ['', 'a', 'a,b', 'say "hi"', 'line\nbreak', 'cr\r', '\r\n', ' x ', '0.5', 'Infinity'];

  const cases: { name: string; records: number }[] = [
    { name: 'no records', records: 0 },
    { name: 'one record', records: 1 },
    { name: 'exactly one chunk', records: CHUNK_RECORDS },
    { name: 'one past a chunk', records: CHUNK_RECORDS + 1 },
    { name: 'two and a half chunks', records: 2.5 * CHUNK_RECORDS },
  ];
  for (const c of cases) {
    it(`chunked, the same text as csv-stringify over all records at once: ${c.name}`, () => {
      const records = Array.from({ length: c.records }, (_, i) => [cells[i % cells.length]!, cells[(i * 3 + 1) % cells.length]!, String(i)]);
      expect(csvText(records)).toBe(whole(records));
    });
  }

  it('a record of one empty cell is an empty line', () => {
    expect(csvText([['a'], [''], ['b']])).toBe('a\n\nb\n');
  });
});
