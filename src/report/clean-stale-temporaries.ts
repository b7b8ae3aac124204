import { existsSync, lstatSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CURRENT, linkTarget, parseTempLinkName, parseVersionName, pidAlive } from './folder-layout.js';
import { MARKER_FILE } from './output-marker.js';
import { REPORT_FILES } from './report-files.js';

/**
 * Removes what killed writers of the output folder `dir` left behind, and nothing else:
 * inside `dir` (a folder with the marker), version folders that `.current` does not name
 * and temporary links, both only when the pid in their name is dead, and top-level links
 * into `.current` that dangle; next to `dir`, a dead writer's first-write folder
 * (`.<name>.tmp-<pid>`, holding the marker) and the `<name>.tmp-<pid>` / `<name>.old-<pid>`
 * folders of schedbench versions before the marker (only when they hold a runs.csv and
 * plain files alone). A live pid may be another schedbench writing now: left alone.
 */
export function cleanStaleTemporaries(dir: string, inside: boolean): void {
  const parent = dirname(dir);
  const base = basename(dir);
  for (const name of safeList(parent)) {
    const first = /^\.(.+)\.tmp-(\d+)$/.exec(name);
    if (first !== null && first[1] === base && !pidAlive(Number(first[2])) && existsSync(join(parent, name, MARKER_FILE))) {
      rmSync(join(parent, name), { recursive: true, force: true });
      continue;
    }
    const legacy = /^(.+)\.(tmp|old)-(\d+)$/.exec(name);
    if (legacy !== null && legacy[1] === base && !pidAlive(Number(legacy[3])) && isLegacyReport(join(parent, name))) {
      rmSync(join(parent, name), { recursive: true, force: true });
    }
  }
  if (!inside) return;
  const live = currentVersion(dir);
  for (const name of safeList(dir)) {
    const path = join(dir, name);
    const version = parseVersionName(name);
    const linkPid = parseTempLinkName(name);
    if (version !== null) {
      if (name !== live && !pidAlive(version.pid)) rmSync(path, { recursive: true, force: true });
    } else if (linkPid !== null) {
      if (!pidAlive(linkPid) && lstatSync(path).isSymbolicLink()) rmSync(path, { force: true });
    } else if (isDanglingLink(dir, name)) {
      rmSync(path, { force: true });
    }
  }
}

/** The version folder `.current` names, or null. */
export function currentVersion(dir: string): string | null {
  try {
    return readlinkSync(join(dir, CURRENT));
  } catch {
    return null;
  }
}

/** A top-level link to .current/<name> whose target is gone. */
export function isDanglingLink(dir: string, name: string): boolean {
  const path = join(dir, name);
  try {
    if (!lstatSync(path).isSymbolicLink() || readlinkSync(path) !== linkTarget(name)) return false;
  } catch {
    return false;
  }
  return !existsSync(path);
}

/** A folder as schedbench wrote temporaries before the marker: report files only, runs.csv among them. */
function isLegacyReport(path: string): boolean {
  try {
    if (!statSync(path).isDirectory()) return false;
    const names = readdirSync(path);
    return names.includes(REPORT_FILES.runs) && names.every((n) => lstatSync(join(path, n)).isFile());
  } catch {
    return false;
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
