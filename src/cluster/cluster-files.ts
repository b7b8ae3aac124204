import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../model/errors.js';
import { INPUT_LIMITS } from '../model/input-limits.js';
import { errnoText } from '../model/read-input-file.js';

/** What a cluster folder's files are read as: Kubernetes objects in JSON or YAML. */
const OBJECT_FILE = /\.(json|ya?ml)$/i;

/**
 * The files a list of cluster inputs stands for: a file is itself; a folder is every
 * JSON or YAML file under it, at any depth, in path order (what `kubectl cluster-info
 * dump --all-namespaces --output-directory=DIR` writes: nodes.json, and per namespace
 * pods.json, replicasets.json, services.json, ...; pod logs and other files are left
 * out, as are hidden entries). A missing path, a folder without a JSON or YAML file, or
 * more than INPUT_LIMITS.clusterFiles files is an InputError naming the path.
 */
export function clusterFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    let isFolder: boolean;
    try {
      isFolder = statSync(path).isDirectory();
    } catch (e) {
      throw new InputError({ file: path }, `cannot read: ${errnoText(e)}`);
    }
    if (!isFolder) {
      out.push(path);
      continue;
    }
    const found = objectFilesUnder(path, out.length);
    if (found.length === 0) throw new InputError({ file: path }, 'a folder without a JSON or YAML file (expected Kubernetes objects, e.g. the output of kubectl cluster-info dump --output-directory)');
    out.push(...found);
  }
  return out;
}

/** JSON and YAML files under `folder`, sorted by path; iterative, so no depth can overflow the stack. */
function objectFilesUnder(folder: string, already: number): string[] {
  const found: string[] = [];
  const pending = [folder];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new InputError({ file: dir }, `cannot read: ${errnoText(e)}`);
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const path = join(dir, e.name);
      if (e.isDirectory()) pending.push(path);
      else if (e.isFile() && OBJECT_FILE.test(e.name)) {
        found.push(path);
        if (already + found.length > INPUT_LIMITS.clusterFiles) {
          throw new InputError({ file: folder }, `more than ${INPUT_LIMITS.clusterFiles} JSON or YAML files (INPUT_LIMITS.clusterFiles)`);
        }
      }
    }
  }
  return found.sort();
}
