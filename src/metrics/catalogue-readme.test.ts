import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METRICS } from './catalogue.js';

/**
 * The README's metrics table is the catalogue written out: the same ids, in the same
 * order, with the same definitions, so the two cannot drift apart (a definition is
 * declared once, in catalogue.ts; the README mirrors it).
 */
describe('README metrics table', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### Metrics'));
  const rows = [...section.slice(0, section.indexOf('\n\n', section.indexOf('| --- |'))).matchAll(/^\| `([a-z0-9_]+)` \| (.*) \|$/gm)]
    .map((m) => ({ id: m[1]!, definition: m[2]!.replace(/\\\|/g, '|') }));

  it('lists every metric of the catalogue, in order', () => {
    expect(rows.map((r) => r.id)).toEqual(METRICS.map((m) => m.id));
  });
  for (const m of METRICS) {
    it(`defines ${m.id} as the catalogue does`, () => {
      expect(rows.find((r) => r.id === m.id)?.definition).toBe(m.definition);
    });
  }
});
