import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INPUT_LIMITS } from './input-limits.js';
import { loadObjects, parseObjects } from './load-objects.js';

const dir = mkdtempSync(join(tmpdir(), 'schedbench-objects-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a hostile file into the test's folder and returns its path. */
function file(name: string, content: string | Buffer): string {
  const f = join(dir, name);
  writeFileSync(f, content);
  return f;
}

const kinds = (text: string, defaultKind?: string) => parseObjects(text, 'f', defaultKind).map((o) => [o.kind, o.path]);

describe('parseObjects', () => {
  it('reads a kubectl List with nested items', () => {
    const text = JSON.stringify({ kind: 'List', items: [{ kind: 'Node', metadata: { name: 'a' } }, { kind: 'Pod', metadata: { name: 'p' } }] });
    expect(kinds(text)).toEqual([['Node', 'items[0]'], ['Pod', 'items[1]']]);
  });

  it('reads several YAML documents and applies the default kind', () => {
    const text = 'metadata: {name: a}\n---\nkind: Node\nmetadata: {name: b}\n';
    expect(parseObjects(text, 'f.yaml', 'Pod').map((o) => o.kind)).toEqual(['Pod', 'Node']);
  });

  const typed = [
    { name: 'NodeList items (GET /api/v1/nodes) are Nodes', list: 'NodeList', want: 'Node' },
    { name: 'PodList items are Pods', list: 'PodList', want: 'Pod' },
    { name: 'NamespaceList items are Namespaces', list: 'NamespaceList', want: 'Namespace' },
  ];
  for (const c of typed) {
    it(c.name, () => {
      const text = JSON.stringify({ apiVersion: 'v1', kind: c.list, metadata: { resourceVersion: '42' }, items: [{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }] });
      expect(kinds(text)).toEqual([[c.want, 'items[0]'], [c.want, 'items[1]']]);
    });
  }

  it('a typed list inside a List gives its items its kind; an item that says its kind keeps it', () => {
    const text = JSON.stringify({ kind: 'List', items: [{ kind: 'NodeList', items: [{ metadata: { name: 'a' } }, { kind: 'Node', metadata: { name: 'b' } }] }] });
    expect(kinds(text)).toEqual([['Node', 'items[0].items[0]'], ['Node', 'items[0].items[1]']]);
  });

  it('objects come out in file order however lists nest', () => {
    const text = JSON.stringify([{ kind: 'A' }, { kind: 'List', items: [{ kind: 'B' }, [{ kind: 'C' }]] }, { kind: 'D' }]);
    expect(parseObjects(text, 'f').map((o) => o.kind)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('a byte order mark before JSON or YAML text is dropped', () => {
    expect(kinds('\uFEFF{"kind": "Node"}')).toEqual([['Node', '']]);
    expect(kinds('\uFEFFkind: Node\n')).toEqual([['Node', 'document 1']]);
  });

  const bad = [
    { name: 'broken JSON', text: '{"kind": ', err: /^f: not valid JSON/ },
    { name: 'YAML syntax error names line and column', text: 'kind: Node\nmetadata: {name: a\n', err: /^f:3: column 1: YAML syntax error/ },
    { name: 'object without kind names its line', text: '{\n"metadata": {}\n}', err: /^f:1: kind: object has no kind/ },
    { name: 'an item of a plain List without kind names its line', text: '{"kind": "List", "items": [\n{"kind": "Node"},\n{"metadata": {"name": "x"}}\n]}', err: /^f:3: items\[1\]\.kind: object has no kind/ },
    { name: 'a YAML item without kind names its line', text: 'kind: List\nitems:\n- kind: Node\n- metadata: {name: x}\n', err: /^f:4: document 1\.items\[1\]\.kind: object has no kind/ },
    { name: 'a scalar', text: '[1]', err: /^f:1: \[0\]: expected a Kubernetes object, got 1$/ },
    { name: 'List without items', text: '{"kind": "List"}', err: /^f:1: items: a List needs an items array, got nothing$/ },
    { name: 'NodeList whose items is no list', text: '{"kind": "NodeList", "items": "x"}', err: /^f:1: items: a NodeList needs an items array, got "x"$/ },
    { name: 'a kind that is no string', text: '{"kind": 7}', err: /^f:1: kind: expected a string kind, got 7$/ },
    { name: 'a YAML alias bomb (billion laughs)', text: billionLaughs(), err: /^f: YAML aliases expand too far \(limit: 10000 alias expansions per document\)$/ },
    { name: 'deeply nested JSON lists', text: `${'['.repeat(100_000)}${']'.repeat(100_000)}`, err: /^f: nested too deeply \(limit: 64 levels of lists and objects\)$/ },
    { name: 'deeply nested YAML', text: `${'- '.repeat(200)}x\n`, err: /^f: .*nested too deeply/ },
  ];
  for (const c of bad) it(c.name, () => expect(() => parseObjects(c.text, 'f')).toThrow(c.err));
});

describe('loadObjects', () => {
  it('reads a JSON file with a byte order mark', () => {
    const f = file('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"kind": "NodeList", "items": [{"metadata": {"name": "a"}}]}')]));
    expect(loadObjects(f).map((o) => o.kind)).toEqual(['Node']);
  });

  it('reads a JSON dump larger than the YAML limit', () => {
    const items = Array.from({ length: 30_000 }, (_, i) => ({ metadata: { name: `node-${i}`, labels: { zone: `z${i % 3}` } } }));
    const f = file('big.json', JSON.stringify({ kind: 'NodeList', items }));
    expect(loadObjects(f)).toHaveLength(30_000);
  });

  const bad = [
    {
      name: 'YAML over the YAML limit says to use JSON',
      make: () => file('big.yaml', `kind: List\nitems:\n${'- kind: Node\n  metadata: {name: a}\n'.repeat(Math.ceil(INPUT_LIMITS.yamlBytes / 30))}`),
      err: /big\.yaml: larger than the limit of 512 KiB for a YAML file \(it has 5\d\d(\.\d)? KiB\); write it as JSON \(kubectl get -o json\) for up to 128 MiB$/,
    },
    { name: 'a missing file', make: () => join(dir, 'nope.json'), err: /nope\.json: cannot read: no such file$/ },
    { name: 'a folder', make: () => { mkdirSync(join(dir, 'folder'), { recursive: true }); return join(dir, 'folder'); }, err: /folder: is a folder, expected a YAML or JSON file$/ },
    { name: 'a device (/dev/zero)', make: () => '/dev/zero', err: /^\/dev\/zero: is not a regular file/ },
  ];
  for (const c of bad) it(c.name, () => expect(() => loadObjects(c.make())).toThrow(c.err));
});

/** Nine levels of ten aliases each: 10^9 strings once expanded. */
function billionLaughs(): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(',')}]`);
  lines.push('kind: Node');
  return `${lines.join('\n')}\n`;
}
