import { describe, expect, it } from 'vitest';
import { parseObjects } from './load-objects.js';

describe('parseObjects', () => {
  it('reads a kubectl List with nested items', () => {
    const text = JSON.stringify({ kind: 'List', items: [{ kind: 'Node', metadata: { name: 'a' } }, { kind: 'Pod', metadata: { name: 'p' } }] });
    expect(parseObjects(text, 'f.json').map((o) => [o.kind, o.path])).toEqual([['Node', 'items[0]'], ['Pod', 'items[1]']]);
  });

  it('reads several YAML documents and applies the default kind', () => {
    const text = 'metadata: {name: a}\n---\nkind: Node\nmetadata: {name: b}\n';
    expect(parseObjects(text, 'f.yaml', 'Pod').map((o) => o.kind)).toEqual(['Pod', 'Node']);
  });

  const bad = [
    { name: 'broken JSON', text: '{"kind": ', err: /^f: not valid JSON/ },
    { name: 'YAML syntax error names line and column', text: 'kind: Node\nmetadata: {name: a\n', err: /^f: line \d+, column \d+: YAML syntax error/ },
    { name: 'object without kind', text: '{"metadata": {}}', err: /^f: kind: object has no kind/ },
    { name: 'a scalar', text: '[1]', err: /^f: \[0\]: expected a Kubernetes object/ },
    { name: 'List without items', text: '{"kind": "List"}', err: /items: a List needs an items array/ },
  ];
  for (const c of bad) it(c.name, () => expect(() => parseObjects(c.text, 'f')).toThrow(c.err));
});
