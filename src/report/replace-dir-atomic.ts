import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ReportError } from './report-error.js';

/**
 * Fills a folder under a temporary sibling name (`<dir>.tmp-<pid>`) and renames it into
 * place, so `<dir>` never holds a half-written report: if `fill` throws, the temporary
 * folder is removed and `<dir>` is untouched. An existing `<dir>` is replaced only when it
 * is empty or looks like a report (holds `marker`), so a mistyped path cannot delete an
 * unrelated folder; it is first renamed aside (`<dir>.old-<pid>`), then deleted.
 */
export function replaceDirAtomic(dir: string, marker: string, fill: (tmpDir: string) => void): void {
  const target = dir.replace(/\/+$/, '');
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new ReportError({ file: target }, 'exists and is not a folder');
    const entries = readdirSync(target);
    if (entries.length > 0 && !entries.includes(marker)) {
      throw new ReportError({ file: target }, `refusing to replace: the folder is not empty and holds no ${marker}, so it is not a schedbench report`);
    }
  }
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  try {
    fill(tmp);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  if (!existsSync(target)) {
    renameSync(tmp, target);
    return;
  }
  // rename(2) cannot replace a non-empty folder, so the old one steps aside first.
  const old = `${target}.old-${process.pid}`;
  rmSync(old, { recursive: true, force: true });
  renameSync(target, old);
  try {
    renameSync(tmp, target);
  } catch (e) {
    renameSync(old, target);
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  rmSync(old, { recursive: true, force: true });
}
