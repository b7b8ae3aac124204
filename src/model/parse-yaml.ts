import type { Document } from 'yaml';
import { isMap, isScalar, LineCounter, parseAllDocuments, visit } from 'yaml';
import { excerpt, InputError } from './errors.js';
import { INPUT_LIMITS } from './input-limits.js';

/** YAML documents parsed with positions, ready for line look-ups on the error path. */
export interface ParsedYaml {
  readonly docs: readonly Document.Parsed[];
  readonly lines: LineCounter;
}

/**
 * Parses YAML text (one or more documents) with positions; a syntax error or a key
 * written twice in one map becomes an InputError naming the file, line and column.
 * Before the parse, a linear scan bounds what would make the parser itself costly
 * (documents per file, flow nesting depth): the yaml package holds a whole document
 * tree, so a 2 MiB file of `---` lines or of `[` cost it 600 MB.
 */
export function parseYaml(text: string, file: string): ParsedYaml {
  prescan(text, file);
  const lines = new LineCounter();
  // NOTE: the yaml package's own duplicate-key check compares each key with every
  // earlier one (50,000 keys took 13 s); checkUniqueKeys does the same in linear time.
  const docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false });
  const list = (Array.isArray(docs) ? docs : [docs]) as Document.Parsed[];
  for (const doc of list) {
    if (doc.errors.length === 0) continue;
    const err = doc.errors[0]!;
    const pos = err.linePos?.[0];
    const where = { file, line: pos?.line, path: pos ? `column ${pos.col}` : undefined };
    if (/call stack/i.test(err.message)) throw new InputError(where, `YAML nested too deeply (limit: ${INPUT_LIMITS.nestingDepth} levels)`);
    throw new InputError(where, `YAML syntax error: ${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  for (const doc of list) checkUniqueKeys(doc, lines, file);
  return { docs: list, lines };
}

/** Refuses a map that has the same plain key twice, as YAML 1.2 requires, in O(keys). */
function checkUniqueKeys(doc: Document.Parsed, lines: LineCounter, file: string): void {
  visit(doc, {
    Map(_key, map) {
      if (map.items.length < 2) return;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const k = pair.key.value;
        if (seen.has(k)) {
          const at = pair.key.range?.[0];
          const pos = at === undefined ? undefined : lines.linePos(at);
          throw new InputError({ file, line: pos?.line, path: pos ? `column ${pos.col}` : undefined }, `YAML syntax error: the key ${excerpt(k)} is written twice in one map`);
        }
        seen.add(k);
      }
    },
  });
}

/**
 * Bounds, in one pass over the text, the YAML shapes that cost the parser far more than
 * their size: many documents (`---`) and deeply nested flow collections (`[[[...`).
 * Quoted scalars and comments are skipped, so brackets inside strings do not count.
 */
function prescan(text: string, file: string): void {
  let docs = 0;
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) { line++; continue; }
    if (c === 45 /* - */ && (i === 0 || text.charCodeAt(i - 1) === 10) && text.startsWith('---', i)) {
      if (++docs > INPUT_LIMITS.yamlDocuments) throw new InputError({ file, line }, `more than ${INPUT_LIMITS.yamlDocuments} YAML documents (the limit); write big inputs as JSON`);
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > INPUT_LIMITS.nestingDepth) throw new InputError({ file, line }, `YAML nested too deeply (limit: ${INPUT_LIMITS.nestingDepth} levels)`);
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      if (depth > 0) depth--;
    } else if (c === 35 /* # */ && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
    } else if (c === 34 /* " */ || (c === 39 /* ' */ && (i === 0 || /[\s[{,:]/.test(text[i - 1]!)))) {
      const close = closingQuote(text, i);
      for (let j = text.indexOf('\n', i); j !== -1 && j < close; j = text.indexOf('\n', j + 1)) line++;
      i = close;
    }
  }
}

/** The index of the quote that closes the one at `open` (or the text's end). */
function closingQuote(text: string, open: number): number {
  const q = text[open]!;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (q === '"' && ch === '\\') { i++; continue; }
    if (ch === q) {
      if (q === "'" && text[i + 1] === "'") { i++; continue; }
      return i;
    }
  }
  return text.length;
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
