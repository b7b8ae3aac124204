import { describe, expect, it } from 'vitest';
import { jsonOffsetOf, lineAt } from './json-position.js';

describe('jsonOffsetOf / lineAt', () => {
  const text = [
    '{',
    '  "kind": "List",',
    '  "items": [',
    '    {"metadata": {"name": "a\\"]}"}, "x": [1, {"y": "}"}]},',
    '    {',
    '      "metadata": {"name": "b"},',
    '      "spec": {"containers": [{"name": "c"}]}',
    '    }',
    '  ],',
    '  "dup": 1, "dup": {"z": 2}',
    '}',
  ].join('\n');
  const cases: { name: string; path: (string | number)[]; line: number }[] = [
    { name: 'the root', path: [], line: 1 },
    { name: 'a key of the root', path: ['kind'], line: 2 },
    { name: 'a list item past strings holding brackets and quotes', path: ['items', 1], line: 5 },
    { name: 'a nested field', path: ['items', 1, 'spec', 'containers', 0, 'name'], line: 7 },
    { name: 'a missing field: its deepest ancestor', path: ['items', 1, 'spec', 'nodeName'], line: 7 },
    { name: 'an index past the end: the list', path: ['items', 9], line: 3 },
    { name: 'the last of duplicate keys, as JSON.parse reads it', path: ['dup', 'z'], line: 10 },
  ];
  for (const c of cases) it(c.name, () => expect(lineAt(text, jsonOffsetOf(text, c.path))).toBe(c.line));

  it('finds a line deep in a big dump quickly', () => {
    const items = Array.from({ length: 50_000 }, (_, i) => `{"metadata": {"name": "n${i}"}}`);
    const big = `{"items": [\n${items.join(',\n')}\n]}`;
    expect(lineAt(big, jsonOffsetOf(big, ['items', 49_999, 'metadata', 'name']))).toBe(50_001);
  });
});
