import { lstatSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkOutputFolder } from './check-output-folder.js';
import { cleanStaleTemporaries, currentVersion, isDanglingLink } from './clean-stale-temporaries.js';
import { CURRENT, firstWriteTemp, linkTarget, parseVersionName, versionName } from './folder-layout.js';
import { MARKER_FILE, markerText } from './output-marker.js';
import type { OutputKind } from './output-marker.js';
import { ReportError } from './report-error.js';
import { replaceWithLink } from './replace-with-link.js';

/**
 * Test hook: SCHEDBENCH_TEST_PAUSE=<step>:<ms> makes the writer stop at that step for ms
 * milliseconds, so a test can SIGKILL it at the dangerous moment. Steps: 'filled' (the
 * new version written), 'linked' (its links made, `.current` not yet swapped), 'swapped'
 * (`.current` swapped, old version not yet removed), and for a first write 'renaming'
 * (the whole folder built, not yet renamed into place). Never set in normal use.
 */
const PAUSE_ENV = 'SCHEDBENCH_TEST_PAUSE';

/**
 * Writes an output folder of `kind` at `dir` so that `dir` always holds one complete
 * version, the old or the new, whatever happens (an exception in `fill`, a full disk,
 * SIGKILL): `fill` writes the files into a fresh version folder, and a single rename
 * makes it live (see folder-layout.ts). What is at `dir` must pass checkOutputFolder: a
 * new or empty folder, or one schedbench wrote with the same kind; anything else is
 * refused and left untouched. Files the user added to a report folder are kept.
 * Stale temporaries of dead writers are removed first. File system errors become a
 * ReportError naming the path.
 */
export function replaceDirAtomic(dir: string, kind: OutputKind, fill: (versionDir: string) => void): void {
  const target = checkOutputFolder(dir, kind);
  try {
    cleanStaleTemporaries(target.path, target.state === 'ours');
    if (target.state === 'ours') replaceVersion(target.path, fill);
    else firstWrite(target.path, kind, fill);
  } catch (e) {
    if (e instanceof ReportError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (typeof err.code !== 'string') throw e;
    throw new ReportError({ file: err.path ?? dir }, `cannot write the folder (${err.code}): ${err.syscall ?? 'write'} failed`);
  }
}

/** A new folder: built whole under a hidden sibling name, then renamed to `path`. */
function firstWrite(path: string, kind: OutputKind, fill: (versionDir: string) => void): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = firstWriteTemp(path, process.pid);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  try {
    writeFileSync(join(tmp, MARKER_FILE), markerText(kind));
    const version = versionName(1, process.pid);
    const names = fillVersion(tmp, version, fill);
    for (const name of names) symlinkSync(linkTarget(name), join(tmp, name));
    symlinkSync(version, join(tmp, CURRENT));
    pause('renaming');
    // Replaces `path` when it is an empty folder (rename(2) allows that), atomically.
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** An existing folder of ours: a new version, links for its files, then `.current` swapped. */
function replaceVersion(path: string, fill: (versionDir: string) => void): void {
  const old = currentVersion(path);
  const k = 1 + Math.max(0, ...readdirSync(path).map((n) => parseVersionName(n)?.k ?? 0));
  const version = versionName(k, process.pid);
  const names = fillVersion(path, version, fill);
  try {
    // Links first: one for a file the old version lacks dangles until the swap, harmlessly.
    for (const name of names) replaceWithLink(path, name, linkTarget(name));
    pause('linked');
    const current = join(path, CURRENT);
    if (isRealFolder(current)) renameSync(current, join(path, versionName(0, process.pid)));
    replaceWithLink(path, CURRENT, version);
  } catch (e) {
    if (currentVersion(path) !== version) rmSync(join(path, version), { recursive: true, force: true });
    throw e;
  }
  pause('swapped');
  const keep = new Set(names);
  for (const name of readdirSync(path)) {
    if (!keep.has(name) && isDanglingLink(path, name)) rmSync(join(path, name), { force: true });
  }
  for (const name of readdirSync(path)) {
    if (name !== version && parseVersionName(name)?.pid === process.pid) rmSync(join(path, name), { recursive: true, force: true });
  }
  if (old !== null && old !== version && parseVersionName(old) !== null) rmSync(join(path, old), { recursive: true, force: true });
}

/** Makes version folder `version` in `parent` and fills it; returns its file names. */
function fillVersion(parent: string, version: string, fill: (versionDir: string) => void): string[] {
  const dir = join(parent, version);
  mkdirSync(dir);
  try {
    fill(dir);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  pause('filled');
  return readdirSync(dir).sort();
}

/** A folder that is not a link (a report copied with its links resolved). */
function isRealFolder(path: string): boolean {
  try {
    const st = lstatSync(path);
    return st.isDirectory() && !st.isSymbolicLink();
  } catch {
    return false;
  }
}

/** The test hook: a synchronous sleep at `step` when PAUSE_ENV names it. */
function pause(step: string): void {
  const spec = process.env[PAUSE_ENV];
  if (spec === undefined) return;
  const [name, ms] = spec.split(':');
  if (name !== step) return;
  process.stderr.write(`${PAUSE_ENV}: paused at ${step}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(ms ?? 0));
}
