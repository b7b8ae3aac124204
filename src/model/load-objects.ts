import type { Document, LineCounter } from 'yaml';
import { InputError, excerpt } from './errors.js';
import { INPUT_LIMITS, formatBytes } from './input-limits.js';
import { lineAt, jsonOffsetOf } from './json-position.js';
import { parseJson } from './parse-json.js';
import { parseYaml, yamlToJs } from './parse-yaml.js';
import { readInputFile } from './read-input-file.js';

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

const parsedSources = new WeakMap<SourceText, { docs: readonly Document.Parsed[]; lines: LineCounter } | null>();

/**
 * The 1-based line of a field inside a loaded object (or of its nearest enclosing node
 * that exists, for a missing field). Only asked for on the error path: JSON text is
 * scanned (json-position.ts, cheap at any size); YAML documents keep the positions of
 * the parse that loaded them (parsed again only for objects built by hand).
 */
export function lineOf(o: LoadedObject, field: readonly PropertyKey[] = []): number | undefined {
  const full = [...o.parts, ...field.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  if (looksLikeJson(o.source.text)) return lineAt(o.source.text, jsonOffsetOf(o.source.text, full));
  let parsed = parsedSources.get(o.source);
  if (parsed === undefined) {
    parsed = null;
    try {
      parsed = parseYaml(o.source.text, o.source.file);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
    }
    parsedSources.set(o.source, parsed);
  }
  const doc = parsed?.docs[o.doc];
  if (parsed === null || parsed === undefined || doc === undefined) return undefined;
  for (let n = full.length; n >= 0; n--) {
    const node = doc.getIn(full.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return parsed.lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Whether a text is JSON rather than YAML: its first non-blank character opens an object or a list. */
export function looksLikeJson(text: string): boolean {
  const m = /^[\s\uFEFF]*(.)/.exec(text);
  return m !== null && (m[1] === '{' || m[1] === '[');
}

/**
 * Reads Kubernetes objects from JSON or YAML text: a single object, a `kind: List` (what
 * `kubectl get nodes,pods -A -o json` prints, nested Lists too), a typed list such as
 * `NodeList` or `PodList` (what `GET /api/v1/nodes` returns; its items carry no kind and
 * get the list's kind without "List"), a JSON array, or several YAML documents. Objects
 * without `kind` get `defaultKind` when given. What a hostile text could blow up is
 * bounded: YAML aliases and nesting depth (parse-yaml.ts), JSON nesting depth. A byte
 * order mark is dropped.
 */
export function parseObjects(text: string, file: string, defaultKind?: string): LoadedObject[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const source: SourceText = { file, text: body };
  const docs: { value: unknown; path: string; doc: number }[] = [];
  if (looksLikeJson(body)) {
    docs.push({ value: parseJson(body, file), path: '', doc: 0 });
  } else {
    const parsed = parseYaml(body, file);
    // Kept for lineOf while the objects live: a second parse would cost as much again.
    parsedSources.set(source, parsed);
    parsed.docs.forEach((doc, i) => {
      const value = yamlToJs(doc, file);
      if (value !== null && value !== undefined) docs.push({ value, path: `document ${i + 1}`, doc: i });
    });
  }
  const out: LoadedObject[] = [];
  for (const d of docs) flatten(d.value, d.path, d.doc, source, defaultKind, out);
  return out;
}

/**
 * Reads a file of Kubernetes objects (see parseObjects) with a size cap: a JSON text may
 * have INPUT_LIMITS.jsonBytes, a YAML one INPUT_LIMITS.yamlBytes (YAML costs far more to
 * parse; the error says to use JSON).
 */
export function loadObjects(file: string, defaultKind?: string): LoadedObject[] {
  const text = readInputFile(file, { what: 'YAML or JSON', maxBytes: INPUT_LIMITS.jsonBytes });
  if (text.length > INPUT_LIMITS.yamlBytes / 4 && Buffer.byteLength(text) > INPUT_LIMITS.yamlBytes && !looksLikeJson(text)) {
    throw new InputError(
      { file },
      `larger than the limit of ${formatBytes(INPUT_LIMITS.yamlBytes)} for a YAML file (it has ${formatBytes(Buffer.byteLength(text))}); write it as JSON (kubectl get -o json) for up to ${formatBytes(INPUT_LIMITS.jsonBytes)}`,
    );
  }
  return parseObjects(text, file, defaultKind);
}

/** One value still to visit: where it sits and which kind its items default to. */
interface Pending {
  readonly value: unknown;
  readonly path: string;
  readonly parts: readonly (string | number)[];
  readonly defaultKind: string | undefined;
}

/**
 * Walks lists (JSON arrays, `kind: List`, typed `XxxList`) down to the objects, in file
 * order. Iterative, so no input can overflow the stack.
 */
function flatten(root: unknown, rootPath: string, doc: number, source: SourceText, defaultKind: string | undefined, out: LoadedObject[]): void {
  const file = source.file;
  const stack: Pending[] = [{ value: root, path: rootPath, parts: [], defaultKind }];
  const at = (path: string, p: string) => (path === '' ? p : `${path}.${p}`);
  const located = (parts: readonly (string | number)[], path: string, field: string[], problem: string): InputError => {
    const probe: LoadedObject = { kind: '', object: null, path, parts, doc, source };
    return new InputError({ file, line: lineOf(probe, field), path: at(path, field.join('.')) || undefined }, problem);
  };
  while (stack.length > 0) {
    const { value, path, parts, defaultKind: dk } = stack.pop()!;
    const children: Pending[] = [];
    if (Array.isArray(value)) {
      value.forEach((v, i) => children.push({ value: v, path: `${path}[${i}]`, parts: [...parts, i], defaultKind: dk }));
    } else if (typeof value !== 'object' || value === null) {
      const probe: LoadedObject = { kind: '', object: null, path, parts, doc, source };
      throw new InputError({ file, line: lineOf(probe), path: path || undefined }, `expected a Kubernetes object, got ${excerpt(value)}`);
    } else {
      const obj = value as { kind?: unknown; items?: unknown };
      if (obj.kind !== undefined && typeof obj.kind !== 'string') throw located(parts, path, ['kind'], `expected a string kind, got ${excerpt(obj.kind)}`);
      const kind = typeof obj.kind === 'string' && obj.kind !== '' ? obj.kind : dk;
      const isList = kind === 'List' || (kind === undefined && Array.isArray(obj.items)) || (kind !== undefined && kind.length > 4 && kind.endsWith('List'));
      if (isList) {
        if (!Array.isArray(obj.items)) throw located(parts, path, ['items'], `a ${kind ?? 'List'} needs an items array, got ${excerpt(obj.items)}`);
        // Items of a typed list (NodeList) are of its kind; a plain List's items say theirs.
        const itemKind = kind !== undefined && kind !== 'List' ? kind.slice(0, -4) : dk;
        obj.items.forEach((v, i) => children.push({ value: v, path: at(path, `items[${i}]`), parts: [...parts, 'items', i], defaultKind: itemKind }));
      } else {
        if (kind === undefined) throw located(parts, path, ['kind'], 'object has no kind (expected Node, Pod, Namespace, a List or a NodeList, PodList...)');
        out.push({ kind, object: value, path, parts, doc, source });
      }
    }
    // Pushed in reverse so that objects come out in file order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}
