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
    super([file, where.object, where.path, problem].filter((p) => p !== undefined && p !== '').join(': '));
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
