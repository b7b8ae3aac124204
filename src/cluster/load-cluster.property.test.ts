import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compilePod } from '../model/compile-pod.js';
import { loadObjects } from '../model/load-objects.js';
import { ModelContext } from '../model/model-context.js';
import '../testing/fast-check-seed.js';
import { loadCluster } from './load-cluster.js';
import type { Edit, Json } from '../testing/json-edits.js';
import { edited, pathsOf } from '../testing/json-edits.js';
import { expectOneLine, loadOutcomes } from '../testing/load-outcome.js';

/**
 * Whatever a cluster file holds, loadCluster, loadObjects and compilePod either succeed
 * or throw an InputError of one line at most INPUT_LIMITS.errorChars long: random bytes,
 * random YAML-like text, and the shipped cluster fixtures and conformance pods with one
 * random edit (a key deleted, a value replaced by random JSON, a hostile number or
 * string, a list item duplicated).
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (f: string) => join(root, 'src/cluster/fixtures', f);
const dir = mkdtempSync(join(tmpdir(), 'schedbench-cluster-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


const readJson = (f: string): Json => JSON.parse(readFileSync(f, 'utf8')) as Json;
/** Cluster fixtures that load, and a few conformance vectors' nodes and pods as cluster files. */
const clusters: Json[] = [
  readJson(fixture('snapshot.json')),
  { kind: 'List', items: [readJson(fixture('api-nodes.json')), readJson(fixture('api-pods.json'))] },
];
for (const v of ['NodeAffinity', 'PodTopologySpread', 'TaintToleration', 'NodeResourcesFit']) {
  const c = (readJson(join(root, 'conformance/kube-scheduler', `${v}.json`)) as { cases: { pod: Json; nodes: Json[] }[] }).cases[0]!;
  clusters.push({ kind: 'List', items: [...c.nodes.map((n) => ({ kind: 'Node', ...(n as object) })), { kind: 'Pod', ...(c.pod as object) }] });
}

const outcome = loadOutcomes(dir);

/** The three loaders, each on the same file. */
const loaders: ((file: string) => void)[] = [
  (f) => loadCluster([f], new ModelContext(), { warn: () => undefined }),
  (f) => loadObjects(f),
  (f) => {
    const model = new ModelContext();
    for (const o of loadObjects(f, 'Pod')) if (o.kind === 'Pod') compilePod(o.object, model, { file: f });
  },
];

const hostile = fc.constantFrom<Json>(
  1e300, -1, -1e9, 2 ** 53 + 2, 1e18, 1e20, 0, 0.5, 1e-9, '1e18', '-5', '-500m', '0.5', '1e16', '0x10', '__proto__', 'constructor',
  '', 'Sometimes', 'Like', 'NodeList', 'List', null, [], {}, 'a'.repeat(5000), '\u0000\n\u2028',
);
const valueArb: fc.Arbitrary<Json> = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostile, fc.string({ maxLength: 100 }), fc.double());
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.constant<Edit>({ op: 'delete' }),
  fc.constant<Edit>({ op: 'duplicate' }),
  valueArb.map((value): Edit => ({ op: 'replace', value })),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'a b', 'kind', 'items').map((key): Edit => ({ op: 'rename', key })),
);

describe('cluster loaders never let anything but a one-line InputError escape', () => {
  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('.yaml', '.json'), fc.nat({ max: 2 }), (bytes, ext, l) => {
      expectOneLine(outcome(bytes, ext, loaders[l]!));
    }), { numRuns: 100 });
  });

  it('random text shaped like YAML', () => {
    const token = fc.constantFrom('kind: Node\n', 'kind: NodeList\n', 'items:\n', 'metadata: {name: a}\n', '- ', '{', '}', '[', ']', ': ', '&a ', '*a ', '!!binary ', '"', '\n  ', '---\n', '\u0000', '\uFEFF', 'cpu: -1\n');
    fc.assert(fc.property(fc.array(token, { maxLength: 60 }), fc.nat({ max: 2 }), (parts, l) => {
      expectOneLine(outcome(parts.join(''), '.yaml', loaders[l]!));
    }), { numRuns: 100 });
  });

  it('shipped cluster files and conformance objects with one random edit', () => {
    const arb = fc.nat({ max: clusters.length - 1 }).chain((i) =>
      fc.tuple(fc.constant(i), fc.constantFrom(...pathsOf(clusters[i])), editArb, fc.boolean(), fc.nat({ max: 2 })));
    fc.assert(fc.property(arb, ([i, path, edit, asJson, l]) => {
      const doc = edited(clusters[i], path, edit);
      expectOneLine(outcome(asJson ? JSON.stringify(doc) : stringify(doc), asJson ? '.json' : '.yaml', loaders[l]!));
    }), { numRuns: 200 });
  });

  it('the unedited files load', () => {
    for (const c of clusters) expect(outcome(JSON.stringify(c), '.json', loaders[0]!)).toBeNull();
  });
});
