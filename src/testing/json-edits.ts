/**
 * Small edits of a JSON-like tree for fuzz tests of the loaders: delete a key or an item,
 * replace a value, rename a key (to `__proto__` too: defined, never assigned, so it stays
 * an own key as a parser would leave it), duplicate a list item. Each edit works on a
 * deep copy.
 */
export type Json = unknown;
/** Keys and indexes from the root to a value. */
export type Path = (string | number)[];

/** One edit at a path. */
export type Edit =
  | { readonly op: 'delete' }
  | { readonly op: 'replace'; readonly value: Json }
  | { readonly op: 'rename'; readonly key: string }
  | { readonly op: 'duplicate' };

/** Every path to a value in a JSON-like tree (the root excluded). */
export function pathsOf(v: Json, at: Path = []): Path[] {
  if (v === null || typeof v !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  return entries.flatMap(([k, x]) => [[...at, k], ...pathsOf(x, [...at, k])]);
}

const getIn = (v: Json, path: Path): Json => path.reduce<Json>((o, k) => (o as Record<string | number, Json>)[k], v);

/** The tree with `edit` applied at `path` (a deep copy; the input is not changed). */
export function edited(root: Json, path: Path, edit: Edit): Json {
  const copy = structuredClone(root);
  const parent = getIn(copy, path.slice(0, -1)) as Record<string | number, Json> | Json[];
  const key = path[path.length - 1]!;
  switch (edit.op) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 'replace':
      (parent as Record<string | number, Json>)[key] = edit.value;
      break;
    case 'rename':
      if (!Array.isArray(parent)) {
        Object.defineProperty(parent, edit.key, { value: parent[key], enumerable: true, configurable: true, writable: true });
        if (edit.key !== String(key)) delete parent[key];
      }
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(parent[key as number]));
      break;
    default: {
      const never: never = edit;
      throw new Error(`unknown edit ${JSON.stringify(never)}`);
    }
  }
  return copy;
}
