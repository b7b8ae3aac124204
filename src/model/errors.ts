/**
 * InputError is how every bad input reaches a user: it names the file, the object inside
 * it and the field path, then says what was wrong. The CLI prints `message` alone (no
 * stack) and exits non-zero.
 */
export class InputError extends Error {
  constructor(
    readonly where: { readonly file?: string; readonly object?: string; readonly path?: string },
    readonly problem: string,
  ) {
    super([where.file, where.object, where.path, problem].filter((p) => p !== undefined && p !== '').join(': '));
    this.name = 'InputError';
  }

  /** The same error with a file name in front (for loaders that learn it late). */
  inFile(file: string): InputError {
    return this.where.file !== undefined ? this : new InputError({ ...this.where, file }, this.problem);
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
