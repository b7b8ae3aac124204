import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Registry } from '../framework/types.js';
import { InputError, formatPath } from '../model/errors.js';
import type { CaseResult } from './run-case.js';
import { runCase } from './run-case.js';
import { readVectorJson } from './read-vector-json.js';
import { vectorFileSchema } from './vector.js';

/** Results of one vector file. */
export interface FileResult {
  readonly file: string;
  readonly plugin: string;
  readonly cases: readonly CaseResult[];
}

/** Whether a case passed: no error, no mismatch. */
export function casePassed(c: CaseResult): boolean {
  return c.error === null && c.mismatches.length === 0;
}

/**
 * Runs every *.json vector file in `dir` (sorted by name). Throws InputError on a bad
 * file, and on a folder without a single case (a run that checks nothing must not pass).
 */
export function runFolder(dir: string, registry: Registry): FileResult[] {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new InputError({ file: dir }, 'not a folder of conformance vectors');
  }
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new InputError({ file: dir }, 'no conformance vectors were found in this folder (no *.json vector files)');
  const results = files.map((f) => {
    const path = join(dir, f);
    const parsed = vectorFileSchema.safeParse(readVectorJson(path));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InputError({ file: path, path: formatPath(issue.path) }, issue.message);
    }
    const v = parsed.data;
    return { file: path, plugin: v.plugin, cases: v.cases.map((c) => runCase(v.plugin, c, registry)) };
  });
  if (results.every((r) => r.cases.length === 0)) {
    throw new InputError({ file: dir }, `no conformance vectors were found in this folder (${files.length} *.json file${files.length === 1 ? '' : 's'}, 0 cases)`);
  }
  return results;
}
