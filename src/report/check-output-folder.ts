import { accessSync, constants, lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { MARKER_FILE, OUTPUT_KIND_NAMES, readMarker } from './output-marker.js';
import type { OutputKind } from './output-marker.js';
import { ReportError } from './report-error.js';

/** Where an output folder will go and what is there now. */
export interface OutputFolder {
  /** Absolute path to write; the real path (links resolved) when the folder exists. */
  readonly path: string;
  /** missing: to be created; empty: an empty folder; ours: a folder of the same kind to replace. */
  readonly state: 'missing' | 'empty' | 'ours';
}

/**
 * Checks, before any work starts, that schedbench may write an output folder of `kind` at
 * `dir`, and says how: a new folder (its nearest existing ancestor must be a writable
 * folder), an empty folder, or a folder schedbench wrote earlier with the same kind (its
 * marker says so). Anything else is refused with a ReportError naming `dir` and saying
 * what to do: a file, a folder holding other files (never deleted), a folder of the other
 * kind, a folder that cannot be written. Called again right before writing, since the
 * file system may have changed during a long run.
 */
export function checkOutputFolder(dir: string, kind: OutputKind): OutputFolder {
  if (dir.trim() === '') throw new ReportError({ file: '""' }, 'an empty path is not a folder; give the output folder a name');
  const abs = resolve(dir);
  const st = lstatOrNull(abs, dir);
  if (st === null) {
    const ancestor = nearestExisting(dirname(abs), dir);
    writable(ancestor, dir, `cannot create the folder in ${ancestor}`);
    return { path: abs, state: 'missing' };
  }
  let real: string;
  try {
    real = realpathSync(abs);
  } catch (e) {
    throw new ReportError({ file: dir }, `cannot resolve the path (${code(e)}): give another folder`);
  }
  if (!statSync(real).isDirectory()) throw new ReportError({ file: dir }, 'exists and is not a folder; give a new or empty folder');
  let entries: string[];
  try {
    entries = readdirSync(real);
  } catch (e) {
    throw new ReportError({ file: dir }, `cannot read the folder (${code(e)})`);
  }
  if (entries.length === 0) {
    writable(dirname(real), dir, `cannot replace the empty folder: its parent ${dirname(real)}`);
    return { path: real, state: 'empty' };
  }
  const marker = readMarker(real);
  if (marker === 'none') {
    throw new ReportError({ file: dir }, `refusing to write here: the folder is not empty and schedbench did not write it (no ${MARKER_FILE}); give a new or empty folder, or remove this one yourself`);
  }
  if (marker === 'invalid') {
    throw new ReportError({ file: `${dir.replace(/\/+$/, '')}/${MARKER_FILE}` }, 'is not a marker schedbench wrote; give a new or empty folder, or remove this one yourself');
  }
  if (marker !== kind) {
    throw new ReportError({ file: dir }, `refusing to write ${OUTPUT_KIND_NAMES[kind]} here: the folder holds ${OUTPUT_KIND_NAMES[marker]}; give another folder`);
  }
  writable(real, dir, 'cannot replace the folder');
  return { path: real, state: 'ours' };
}

/** lstat, or null when nothing is there; a file in the middle of the path is an error. */
function lstatOrNull(abs: string, dir: string) {
  try {
    return lstatSync(abs);
  } catch (e) {
    const c = code(e);
    if (c === 'ENOENT') return null;
    if (c === 'ENOTDIR') {
      const file = nearestExisting(dirname(abs), dir);
      throw new ReportError({ file: dir }, `cannot create the folder: ${file} is not a folder`);
    }
    throw new ReportError({ file: dir }, `cannot use the path (${c})`);
  }
}

/** The nearest existing ancestor of `p`, which must be a folder. */
function nearestExisting(p: string, dir: string): string {
  for (let q = p; ; q = dirname(q)) {
    try {
      const st = statSync(q);
      if (!st.isDirectory()) throw new ReportError({ file: dir }, `cannot create the folder: ${q} is a file, not a folder`);
      return q;
    } catch (e) {
      if (e instanceof ReportError) throw e;
      if (dirname(q) === q) throw new ReportError({ file: dir }, `cannot create the folder (${code(e)})`);
    }
  }
}

/**
 * Throws unless this process may create entries in `folder`. access(2) honours the mode
 * bits, read-only mounts (EROFS) and root's rights, so it answers the real question.
 */
function writable(folder: string, dir: string, what: string): void {
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw new ReportError({ file: dir }, `${what}: not writable (${code(e)}); give a folder you can write to`);
  }
}

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? String(e);
}
