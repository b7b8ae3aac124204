import { mkdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkOutputFolder } from './check-output-folder.js';
import { firstWriteTemp } from './folder-layout.js';
import { MARKER_FILE, markerText } from './output-marker.js';
import type { OutputKind } from './output-marker.js';
import { ReportError } from './report-error.js';

/**
 * Makes `dir` an output folder of `kind` before a long job writes into it (a sweep keeps
 * its journal of finished cells there, so a killed run can resume): a new folder is
 * created holding only the marker (built under a hidden name, then renamed into place),
 * an empty one gets the marker, a folder of the same kind is left as it is. Anything
 * else is refused untouched (checkOutputFolder). Returns the folder's absolute path and
 * what was there before (so a job that ends with nothing to write can give it back).
 */
export function claimOutputFolder(dir: string, kind: OutputKind): { readonly path: string; readonly was: 'missing' | 'empty' | 'ours' } {
  const target = checkOutputFolder(dir, kind);
  try {
    if (target.state === 'empty') writeFileSync(join(target.path, MARKER_FILE), markerText(kind), { flag: 'wx' });
    if (target.state === 'missing') {
      mkdirSync(dirname(target.path), { recursive: true });
      const tmp = firstWriteTemp(target.path, process.pid);
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(tmp);
      writeFileSync(join(tmp, MARKER_FILE), markerText(kind));
      renameSync(tmp, target.path);
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (typeof err.code !== 'string') throw e;
    throw new ReportError({ file: err.path ?? dir }, `cannot create the folder (${err.code})`);
  }
  return { path: target.path, was: target.state };
}

/**
 * Gives back a folder claimOutputFolder made or marked when the job wrote nothing: a
 * folder it created is removed, an empty one is emptied again; `ownFiles` are the
 * names the job itself put there besides the marker. A folder that was already ours
 * is left as it was, less `ownFiles`.
 */
export function releaseOutputFolder(claim: { readonly path: string; readonly was: 'missing' | 'empty' | 'ours' }, ownFiles: readonly string[]): void {
  for (const f of ownFiles) rmSync(join(claim.path, f), { force: true });
  if (claim.was === 'ours') return;
  rmSync(join(claim.path, MARKER_FILE), { force: true });
  // rmdir, not rm -r: only an empty folder goes, so nothing someone added meanwhile is lost.
  if (claim.was === 'missing') {
    try { rmdirSync(claim.path); } catch { /* not empty or gone: leave it */ }
  }
}
