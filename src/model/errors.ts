import { INPUT_LIMITS } from './input-limits.js';

/**
 * InputError is how every bad input reaches a user: it names the file, the object inside
 * it and the field path, then says what was wrong. The CLI prints `message` alone (no
 * stack) and exits non-zero.
 */
export class InputError extends Error {
  constructor(
    readonly where: {
      readonly file?: string;
      /** 1-based line in the file, when known. */
      readonly line?: number;
      readonly object?: string;
      readonly path?: string;
      /** The field path as keys and indexes, for loaders that look up its line. */
      readonly pathParts?: readonly PropertyKey[];
    },
    readonly problem: string,
  ) {
    const file = where.file !== undefined && where.line !== undefined ? `${where.file}:${where.line}` : where.file;
    super(oneLine([file, where.object, where.path, problem].filter((p) => p !== undefined && p !== '').join(': ')));
    this.name = 'InputError';
  }

  /** The same error with a file name in front (for loaders that learn it late). */
  inFile(file: string): InputError {
    return this.where.file !== undefined ? this : new InputError({ ...this.where, file }, this.problem);
  }

  /** The same error with file and line filled in (keeps what is already known). */
  at(file: string, line: number | undefined): InputError {
    return new InputError({ ...this.where, file: this.where.file ?? file, line: this.where.line ?? line }, this.problem);
  }
}

/** Formats a field path the way kubectl does: spec.containers[0].resources. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

/**
 * The keys and indexes of a path formatPath wrote (`spec.containers[0].resources` ->
 * spec, containers, 0, resources), so an error raised with a path string can still be
 * located by line. Keys holding '.', '[' or ']' cannot be told apart and stay mangled;
 * the line found is then that of the nearest enclosing field.
 */
export function pathPartsOf(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/**
 * A message as one readable line: control characters (newlines included) and the
 * bidirectional-text controls that could reorder what a terminal shows, as escapes, and
 * cut at INPUT_LIMITS.errorChars with an ellipsis, so that no input, however
 * hostile, can make an error longer than a line or write to the terminal.
 */
export function oneLine(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return flat.length <= INPUT_LIMITS.errorChars ? flat : `${flat.slice(0, INPUT_LIMITS.errorChars - 1)}…`;
}

/**
 * A user's value quoted back in an error: JSON-escaped, at most
 * INPUT_LIMITS.excerptChars characters, "nothing" for undefined, and NaN and the
 * infinities by name (JSON would say null).
 */
export function excerpt(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return String(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length <= INPUT_LIMITS.excerptChars ? text : `${text.slice(0, INPUT_LIMITS.excerptChars - 1)}…`;
}
