import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildFramework } from '../framework/framework.js';
import { registryCapabilities } from '../framework/registry-capabilities.js';
import { ModelContext } from '../model/model-context.js';
import { inTreeRegistry } from '../plugins/index.js';
import { loadScenario } from './load-scenario.js';
import type { Edit, Json } from '../testing/json-edits.js';
import { edited, pathsOf } from '../testing/json-edits.js';
import { expectOneLine, loadOutcomes } from '../testing/load-outcome.js';

/**
 * Whatever a file holds, loadScenario either returns a scenario or throws an InputError
 * of one line at most INPUT_LIMITS.errorChars long: random bytes, and the shipped
 * scenarios with one random edit (a key deleted, a value replaced by random JSON, a huge
 * or negative number or a string, a list item duplicated).
 */

const scenariosDir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const shipped = readdirSync(scenariosDir).filter((f) => f.endsWith('.yaml')).map((f) => parse(readFileSync(join(scenariosDir, f), 'utf8')) as unknown);
const dir = mkdtempSync(join(tmpdir(), 'schedbench-fuzz-'));
// Shipped scenarios refer to trace files under scenarios/data, relative to themselves.
symlinkSync(join(scenariosDir, 'data'), join(dir, 'data'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const caps = registryCapabilities(inTreeRegistry, new ModelContext());
const loadAt = loadOutcomes(dir);
/** Loads `content` as a scenario file: the error message, or null on success. */
const outcome = (content: string | Uint8Array, ext: string) => loadAt(content, ext, (file) => { loadScenario(file, caps, (p) => buildFramework(p, inTreeRegistry, new ModelContext())); });


const valueArb: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(1e300, -1, -1e9, 2 ** 53 + 2, 1e18, 0, 0.5, 1e-9, '1e18', '-5', '0x10', '__proto__', 'constructor', '', 'Sometimes'),
  fc.string({ maxLength: 200 }),
  fc.double(),
);
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.constant<Edit>({ op: 'delete' }),
  fc.constant<Edit>({ op: 'duplicate' }),
  valueArb.map((value): Edit => ({ op: 'replace', value })),
);

describe('loadScenario never lets anything but a one-line InputError escape', () => {
  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('.yaml', '.json'), (bytes, ext) => {
      expectOneLine(outcome(bytes, ext));
    }), { numRuns: 100 });
  });

  it('random text shaped like YAML', () => {
    const token = fc.constantFrom('name: x\n', 'seeds: [1]\n', '- ', '{', '}', '[', ']', ': ', '&a ', '*a ', '!!binary ', '"', '\n  ', '---\n', '? ', 'durationS: 60\n', '\u0000', '\uFEFF');
    fc.assert(fc.property(fc.array(token, { maxLength: 60 }), (parts) => {
      expectOneLine(outcome(parts.join(''), '.yaml'));
    }), { numRuns: 100 });
  });

  it('shipped scenarios with one random edit', () => {
    const arb = fc.nat({ max: shipped.length - 1 }).chain((i) => {
      const paths = pathsOf(shipped[i]);
      return fc.tuple(fc.constant(i), fc.constantFrom(...paths), editArb, fc.boolean());
    });
    fc.assert(fc.property(arb, ([i, path, edit, asJson]) => {
      const doc = edited(shipped[i], path, edit);
      expectOneLine(outcome(asJson ? JSON.stringify(doc) : stringify(doc), asJson ? '.json' : '.yaml'));
    }), { numRuns: 200 });
  });

  it('the shipped scenarios themselves load', () => {
    for (const s of shipped) expect(outcome(stringify(s), '.yaml')).toBeNull();
  });
});
