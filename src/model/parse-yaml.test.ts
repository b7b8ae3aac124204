import { describe, expect, it } from 'vitest';
import { INPUT_LIMITS } from './input-limits.js';
import { parseYaml, yamlToJs } from './parse-yaml.js';

const load = (text: string) => parseYaml(text, 'f.yaml').docs.map((d) => yamlToJs(d, 'f.yaml'));

describe('parseYaml refuses what would make the parser costly or the data ambiguous', () => {
  const bad = [
    { name: 'a key written twice in one map, with its line', text: 'name: a\nseeds: [1]\nname: b\n', err: /^f\.yaml:3: column 1: YAML syntax error: the key "name" is written twice in one map$/ },
    { name: 'a key written twice in a nested flow map', text: 'a:\n  b: {x: 1, x: 2}\n', err: /^f\.yaml:2: column 13: YAML syntax error: the key "x" is written twice in one map$/ },
    { name: 'more documents than the limit', text: '---\n'.repeat(INPUT_LIMITS.yamlDocuments + 1), err: new RegExp(`^f\\.yaml:${INPUT_LIMITS.yamlDocuments + 1}: more than ${INPUT_LIMITS.yamlDocuments} YAML documents \\(the limit\\); write big inputs as JSON$`) },
    { name: 'flow lists nested past the limit', text: `a: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`, err: /^f\.yaml:1: YAML nested too deeply \(limit: 64 levels\)$/ },
    { name: 'block lists nested past the limit', text: Array.from({ length: 100 }, (_, i) => `${' '.repeat(i)}- `).join('\n'), err: /^f\.yaml: nested too deeply \(limit: 64 levels of lists and objects\)$/ },
    { name: 'a syntax error without the parser\'s repeated position', text: 'a: [1, 2\nb: c\n', err: /^f\.yaml:\d+: column \d+: YAML syntax error: [^\n]*[^:]$/ },
  ];
  for (const c of bad) it(c.name, () => expect(() => load(c.text)).toThrow(c.err));

  const good = [
    { name: 'brackets inside quoted strings do not count as nesting', text: `a: "${'['.repeat(100)}"\nb: '${'{'.repeat(100)}'\n`, want: [{ a: '['.repeat(100), b: '{'.repeat(100) }] },
    { name: 'brackets inside comments do not count as nesting', text: `a: 1 # ${'['.repeat(100)}\n`, want: [{ a: 1 }] },
    { name: 'the same key in different maps', text: 'a: {x: 1}\nb: {x: 2}\n', want: [{ a: { x: 1 }, b: { x: 2 } }] },
    { name: 'many distinct keys', text: Array.from({ length: 20_000 }, (_, i) => `k${i}: ${i}`).join('\n'), want: [Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]))] },
    { name: 'documents up to the limit', text: 'a: 1\n---\nb: 2\n', want: [{ a: 1 }, { b: 2 }] },
  ];
  for (const c of good) it(c.name, () => expect(load(c.text)).toEqual(c.want));
});
