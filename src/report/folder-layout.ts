import { basename, dirname, join } from 'node:path';

/**
 * The layout of an output folder schedbench writes (`run` reports and `openb` results),
 * which lets a new version replace an old one in a single atomic rename:
 *
 *   DIR/.schedbench-report   the marker (MARKER_FILE): kind and layout version
 *   DIR/.v<k>-<pid>/         one complete version of the files, written by process <pid>
 *   DIR/.current             a symlink to the live version folder
 *   DIR/<file>               a symlink to .current/<file>, for every file of the version
 *
 * Readers open DIR/index.html, DIR/runs.csv... as usual. A writer fills a new version
 * folder, adds the links, then renames a fresh `.current` link over the old one:
 * rename(2) replaces a symlink atomically, whereas it cannot replace a non-empty folder.
 * So at any moment, a SIGKILL included, `.current` names one complete version. The first
 * write builds the whole folder under a hidden sibling name and renames it into place.
 * DIR stays a real folder with relative links inside it, so cp -r, tar, rsync and zip of
 * DIR keep a working report.
 * CAVEAT: needs symbolic links (any POSIX file system; on Windows, developer mode).
 */
export const CURRENT = '.current';

/** The name of version k written by process pid. */
export function versionName(k: number, pid: number): string {
  return `.v${k}-${pid}`;
}

/** The version number and writer pid of a version folder's name; null for other names. */
export function parseVersionName(name: string): { k: number; pid: number } | null {
  const m = /^\.v(\d+)-(\d+)$/.exec(name);
  return m === null ? null : { k: Number(m[1]), pid: Number(m[2]) };
}

/** The target of a file's top-level link. */
export function linkTarget(file: string): string {
  return `${CURRENT}/${file}`;
}

/** A temporary link of process pid inside DIR, renamed over `entry` to replace it. */
export function tempLinkName(entry: string, pid: number): string {
  return `.${entry.replace(/^\./, '')}.link-${pid}`;
}

/** The pid in a temporary link's name; null for other names. */
export function parseTempLinkName(name: string): number | null {
  const m = /^\..+\.link-(\d+)$/.exec(name);
  return m === null ? null : Number(m[1]);
}

/** The hidden sibling a first write of `dir` builds in before renaming it to `dir`. */
export function firstWriteTemp(dir: string, pid: number): string {
  return join(dirname(dir), `.${basename(dir)}.tmp-${pid}`);
}

/**
 * Whether process `pid` is alive on this machine: signal 0 checks without sending.
 * EPERM means it exists under another user. A temporary whose writer is gone is stale.
 */
export function pidAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
