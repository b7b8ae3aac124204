/**
 * Where a value sits in JSON text, found by scanning the text rather than parsing it
 * again with positions (a YAML parse of a 100 MB cluster dump would cost gigabytes), so
 * an error in a big JSON file can still name its line. Only for text JSON.parse already
 * accepted: the scanner trusts the syntax. Iterative and allocation-light.
 */

/**
 * The offset of the value at `path` (keys and list indexes) in `text`, or of its
 * deepest ancestor present there; the last of duplicate keys wins, as in JSON.parse.
 */
export function jsonOffsetOf(text: string, path: readonly PropertyKey[]): number {
  let at = skipBlank(text, 0);
  for (const part of path) {
    const next = childOffset(text, at, part);
    if (next === -1) return at;
    at = next;
  }
  return at;
}

/** The 1-based line of `offset` in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The offset of the child `part` of the object or list starting at `at`, or -1. */
function childOffset(text: string, at: number, part: PropertyKey): number {
  const open = text[at];
  if (open === '[' && typeof part === 'number') {
    let i = skipBlank(text, at + 1);
    for (let n = 0; text[i] !== ']'; n++) {
      if (n === part) return i;
      i = skipBlank(text, skipValue(text, i));
      if (text[i] === ',') i = skipBlank(text, i + 1);
    }
    return -1;
  }
  if (open === '{' && typeof part !== 'symbol') {
    const want = String(part);
    let found = -1;
    let i = skipBlank(text, at + 1);
    while (text[i] === '"') {
      const keyEnd = skipString(text, i);
      const key = JSON.parse(text.slice(i, keyEnd)) as string;
      i = skipBlank(text, keyEnd);
      i = skipBlank(text, i + 1); // the ':'
      if (key === want) found = i;
      i = skipBlank(text, skipValue(text, i));
      if (text[i] === ',') i = skipBlank(text, i + 1);
    }
    return found;
  }
  return -1;
}

function skipBlank(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    j++;
  }
  return j;
}

/** The offset just past the string starting at `i` (a '"'). */
function skipString(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text[j];
    if (c === '\\') j += 2;
    else if (c === '"') return j + 1;
    else j++;
  }
  return j;
}

/** The offset just past the value starting at `i`. */
function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c !== '{' && c !== '[') {
    let j = i;
    while (j < text.length && !',]} \n\r\t'.includes(text[j]!)) j++;
    return j;
  }
  let depth = 0;
  let j = i;
  while (j < text.length) {
    const d = text[j];
    if (d === '"') {
      j = skipString(text, j);
      continue;
    }
    if (d === '{' || d === '[') depth++;
    else if (d === '}' || d === ']') {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  return j;
}
