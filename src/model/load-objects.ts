import { readFileSync } from 'node:fs';
import type { Document } from 'yaml';
import { LineCounter, parseAllDocuments } from 'yaml';
import { InputError } from './errors.js';

/** The text an object was read from, kept so an error can name its line. */
export interface SourceText {
  readonly file: string;
  readonly text: string;
}

/** A Kubernetes object read from a file, with where it came from for error messages. */
export interface LoadedObject {
  readonly kind: string;
  readonly object: unknown;
  /** "items[3]" or "document 2" inside the file. */
  readonly path: string;
  /** The object's place in its document, as keys and indexes. */
  readonly parts: readonly (string | number)[];
  /** Index of the YAML document (0 for JSON). */
  readonly doc: number;
  readonly source: SourceText;
}

const parsedSources = new WeakMap<SourceText, { docs: Document.Parsed[]; lines: LineCounter }>();

/**
 * The 1-based line of a field inside a loaded object (or of its nearest enclosing node
 * that exists, for a missing field). Parses the text again, with positions, only when
 * asked: that is, only on the error path.
 */
export function lineOf(o: LoadedObject, field: readonly PropertyKey[] = []): number | undefined {
  let parsed = parsedSources.get(o.source);
  if (parsed === undefined) {
    const lines = new LineCounter();
    parsed = { docs: parseAllDocuments(o.source.text, { lineCounter: lines }) as Document.Parsed[], lines };
    parsedSources.set(o.source, parsed);
  }
  const doc = parsed.docs[o.doc];
  if (doc === undefined) return undefined;
  const full = [...o.parts, ...field.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  for (let n = full.length; n >= 0; n--) {
    const node = doc.getIn(full.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return parsed.lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/**
 * Reads Kubernetes objects from JSON or YAML text: a single object, a `kind: List` (what
 * `kubectl get nodes,pods -A -o json` prints, nested Lists too), a JSON array, or several
 * YAML documents. Objects without `kind` get `defaultKind` when given.
 */
export function parseObjects(text: string, file: string, defaultKind?: string): LoadedObject[] {
  const source: SourceText = { file, text };
  const docs: { value: unknown; path: string; doc: number }[] = [];
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      docs.push({ value: JSON.parse(text), path: '', doc: 0 });
    } catch (e) {
      throw new InputError({ file }, `not valid JSON: ${(e as Error).message}`);
    }
  } else {
    parseAllDocuments(text).forEach((doc, i) => {
      if (doc.errors.length > 0) {
        const err = doc.errors[0]!;
        const pos = err.linePos?.[0];
        throw new InputError({ file, path: pos ? `line ${pos.line}, column ${pos.col}` : undefined }, `YAML syntax error: ${err.message.split('\n')[0]}`);
      }
      const value: unknown = doc.toJS();
      if (value !== null && value !== undefined) docs.push({ value, path: `document ${i + 1}`, doc: i });
    });
  }
  const out: LoadedObject[] = [];
  for (const d of docs) flatten(d.value, d.path, [], d.doc, source, defaultKind, out);
  return out;
}

/** Reads a file and parses its objects (see parseObjects). */
export function loadObjects(file: string, defaultKind?: string): LoadedObject[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError({ file }, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseObjects(text, file, defaultKind);
}

function flatten(
  value: unknown, path: string, parts: readonly (string | number)[], doc: number, source: SourceText,
  defaultKind: string | undefined, out: LoadedObject[],
): void {
  const file = source.file;
  const at = (p: string) => (path === '' ? p : `${path}.${p}`);
  if (Array.isArray(value)) {
    value.forEach((v, i) => flatten(v, `${path}[${i}]`, [...parts, i], doc, source, defaultKind, out));
    return;
  }
  if (typeof value !== 'object' || value === null) {
    throw new InputError({ file, path: path || undefined }, `expected a Kubernetes object, got ${JSON.stringify(value)}`);
  }
  const obj = value as { kind?: unknown; items?: unknown };
  const kind = typeof obj.kind === 'string' ? obj.kind : defaultKind;
  if (kind === 'List' || (kind === undefined && Array.isArray(obj.items)) || (typeof kind === 'string' && kind.endsWith('List'))) {
    if (!Array.isArray(obj.items)) throw new InputError({ file, path: at('items') }, 'a List needs an items array');
    obj.items.forEach((v, i) => flatten(v, at(`items[${i}]`), [...parts, 'items', i], doc, source, defaultKind, out));
    return;
  }
  if (kind === undefined) throw new InputError({ file, path: at('kind') }, 'object has no kind');
  out.push({ kind, object: value, path, parts, doc, source });
}
