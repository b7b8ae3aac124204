import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from './errors.js';
import { formatBytes } from './input-limits.js';

/** What kind of text a file holds, for the size limit and the error wording. */
export interface InputFileKind {
  /** "YAML or JSON", "CSV", ... (said in the error). */
  readonly what: string;
  /** Largest accepted size in bytes. */
  readonly maxBytes: number;
  /** Says how to get past the limit, when there is a way ("use JSON ..."). */
  readonly hint?: string;
}

/**
 * Reads a user's text file as UTF-8, refusing at the door what cannot be an input:
 * a missing or unreadable path, a folder, a device or pipe (`/dev/zero` would never
 * end), a file over `kind.maxBytes`. It never reads more than maxBytes + 1 bytes, so
 * a file that grows while being read cannot blow the limit either. A UTF-8 byte order
 * mark is dropped (editors on Windows write one).
 */
export function readInputFile(file: string, kind: InputFileKind): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new InputError({ file }, `cannot read: ${errnoText(e)}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new InputError({ file }, `is a folder, expected a ${kind.what} file`);
    if (!st.isFile()) throw new InputError({ file }, `is not a regular file (a device, pipe or socket), expected a ${kind.what} file`);
    const tooBig = () => new InputError(
      { file },
      `larger than the limit of ${formatBytes(kind.maxBytes)} for a ${kind.what} file${st.size > kind.maxBytes ? ` (it has ${formatBytes(st.size)})` : ''}${kind.hint ? `; ${kind.hint}` : ''}`,
    );
    if (st.size > kind.maxBytes) throw tooBig();
    // Read to the end, not to st.size: some files (under /proc, say) report size 0.
    const chunks: Buffer[] = [];
    let got = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(st.size - got, 64 * 1024), kind.maxBytes + 1 - got));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      got += n;
      if (got > kind.maxBytes) throw tooBig();
    }
    const buf = Buffer.concat(chunks, got);
    const text = buf.toString('utf8', 0, got);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError({ file }, `cannot read: ${errnoText(e)}`);
  } finally {
    closeSync(fd);
  }
}

export function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a folder';
    case undefined: return (e as Error).message;
    default: return code;
  }
}
