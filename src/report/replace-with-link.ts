import { lstatSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { tempLinkName } from './folder-layout.js';

/**
 * Points `entry` of `dir` at `target` (a relative symlink) by renaming a fresh link over
 * whatever file or link is there: readers see the old entry or the new, never none.
 * Does nothing when the entry already is that link. A folder in the way makes rename fail.
 */
export function replaceWithLink(dir: string, entry: string, target: string): void {
  const path = join(dir, entry);
  try {
    if (lstatSync(path).isSymbolicLink() && readlinkSync(path) === target) return;
  } catch {
    // Nothing there yet.
  }
  const tmp = join(dir, tempLinkName(entry, process.pid));
  rmSync(tmp, { force: true });
  symlinkSync(target, tmp);
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
