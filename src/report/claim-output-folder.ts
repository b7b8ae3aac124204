import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
 * else is refused untouched (checkOutputFolder). Returns the folder's absolute path.
 */
export function claimOutputFolder(dir: string, kind: OutputKind): string {
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
  return target.path;
}
