import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { InputError } from './errors.js';

/** A Kubernetes object read from a file, with where it came from for error messages. */
export interface LoadedObject {
  readonly kind: string;
  readonly object: unknown;
  /** "items[3]" or "document 2" inside the file. */
  readonly path: string;
}

/**
 * Reads Kubernetes objects from JSON or YAML text: a single object, a `kind: List` (what
 * `kubectl get nodes,pods -A -o json` prints, nested Lists too), a JSON array, or several
 * YAML documents. Objects without `kind` get `defaultKind` when given.
 */
export function parseObjects(text: string, file: string, defaultKind?: string): LoadedObject[] {
  const docs: { value: unknown; path: string }[] = [];
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      docs.push({ value: JSON.parse(text), path: '' });
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
      if (value !== null && value !== undefined) docs.push({ value, path: `document ${i + 1}` });
    });
  }
  const out: LoadedObject[] = [];
  for (const d of docs) flatten(d.value, d.path, file, defaultKind, out);
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

function flatten(value: unknown, path: string, file: string, defaultKind: string | undefined, out: LoadedObject[]): void {
  const at = (p: string) => (path === '' ? p : `${path}.${p}`);
  if (Array.isArray(value)) {
    value.forEach((v, i) => flatten(v, `${path}[${i}]`, file, defaultKind, out));
    return;
  }
  if (typeof value !== 'object' || value === null) {
    throw new InputError({ file, path: path || undefined }, `expected a Kubernetes object, got ${JSON.stringify(value)}`);
  }
  const obj = value as { kind?: unknown; items?: unknown };
  const kind = typeof obj.kind === 'string' ? obj.kind : defaultKind;
  if (kind === 'List' || (kind === undefined && Array.isArray(obj.items)) || (typeof kind === 'string' && kind.endsWith('List'))) {
    if (!Array.isArray(obj.items)) throw new InputError({ file, path: at('items') }, 'a List needs an items array');
    obj.items.forEach((v, i) => flatten(v, at(`items[${i}]`), file, defaultKind, out));
    return;
  }
  if (kind === undefined) throw new InputError({ file, path: at('kind') }, 'object has no kind');
  out.push({ kind, object: value, path });
}
