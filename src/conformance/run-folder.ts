import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Registry } from '../framework/types.js';
import { InputError, formatPath } from '../model/errors.js';
import type { CaseResult } from './run-case.js';
import { runCase } from './run-case.js';
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

/** Runs every *.json vector file in `dir` (sorted by name). Throws InputError on a bad file. */
export function runFolder(dir: string, registry: Registry): FileResult[] {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new InputError({ file: dir }, 'not a folder of conformance vectors');
  }
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new InputError({ file: dir }, 'no *.json vector files in this folder');
  return files.map((f) => {
    const path = join(dir, f);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new InputError({ file: path }, `not valid JSON (${(e as Error).message})`);
    }
    const parsed = vectorFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InputError({ file: path, path: formatPath(issue.path) }, issue.message);
    }
    const v = parsed.data;
    return { file: path, plugin: v.plugin, cases: v.cases.map((c) => runCase(v.plugin, c, registry)) };
  });
}
