import type { Document } from 'yaml';
import { LineCounter, parseAllDocuments } from 'yaml';
import { InputError } from './errors.js';
import { INPUT_LIMITS } from './input-limits.js';

/** YAML documents parsed with positions, ready for line look-ups on the error path. */
export interface ParsedYaml {
  readonly docs: readonly Document.Parsed[];
  readonly lines: LineCounter;
}

/**
 * Parses YAML text (one or more documents) with positions; a syntax error becomes an
 * InputError naming the file, line and column.
 */
export function parseYaml(text: string, file: string): ParsedYaml {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true });
  const list = (Array.isArray(docs) ? docs : [docs]) as Document.Parsed[];
  for (const doc of list) {
    if (doc.errors.length === 0) continue;
    const err = doc.errors[0]!;
    const pos = err.linePos?.[0];
    throw new InputError({ file, line: pos?.line, path: pos ? `column ${pos.col}` : undefined }, `YAML syntax error: ${err.message.split('\n')[0]}`);
  }
  return { docs: list, lines };
}

/**
 * A YAML document as plain data, with what a hostile file could blow up bounded: alias
 * expansion (a "billion laughs" file) and nesting depth. Maps become plain objects whose
 * `__proto__` key, if any, is an ordinary own property (the yaml package defines it, never
 * assigns it).
 */
export function yamlToJs(doc: Document.Parsed, file: string): unknown {
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: INPUT_LIMITS.yamlAliases });
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      throw new InputError({ file }, `YAML aliases expand too far (limit: ${INPUT_LIMITS.yamlAliases} alias expansions per document)`);
    }
    if (e instanceof RangeError) throw new InputError({ file }, `YAML nested too deeply (limit: ${INPUT_LIMITS.nestingDepth} levels)`);
    throw e;
  }
  checkDepth(value, file);
  return value;
}

/** Throws when lists and objects nest deeper than INPUT_LIMITS.nestingDepth. */
export function checkDepth(value: unknown, file: string): void {
  // Iterative, so the check itself cannot overflow the stack on a hostile file.
  const stack: { v: unknown; d: number }[] = [{ v: value, d: 0 }];
  while (stack.length > 0) {
    const { v, d } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d >= INPUT_LIMITS.nestingDepth) throw new InputError({ file }, `nested too deeply (limit: ${INPUT_LIMITS.nestingDepth} levels of lists and objects)`);
    for (const x of Array.isArray(v) ? v : Object.values(v)) if (typeof x === 'object' && x !== null) stack.push({ v: x, d: d + 1 });
  }
}
