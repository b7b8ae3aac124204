import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { Registry } from '../framework/types.js';
import { describeIssue } from '../model/describe-issue.js';
import { InputError, formatPath } from '../model/errors.js';
import { objectKindProblem } from './case-objects.js';
import { HELPERS } from './helper-vectors.js';
import type { CaseResult } from './run-case.js';
import { runCase } from './run-case.js';
import { runHelperCase } from './run-helper-case.js';
import type { VectorJson } from './read-vector-json.js';
import { readVectorJson } from './read-vector-json.js';
import { helperFileSchema, vectorFileSchema } from './vector.js';

/** Results of one vector file. */
export interface FileResult {
  readonly file: string;
  /** What the file checks: the plugin, or `<plugin>.<helper>` for a helper vector file. */
  readonly label: string;
  readonly cases: readonly CaseResult[];
}

/** Whether a case passed: no error, no mismatch. */
export function casePassed(c: CaseResult): boolean {
  return c.error === null && c.mismatches.length === 0;
}

/**
 * Runs every *.json vector file in `dir` (sorted by name): plugin vectors, and helper
 * vectors (files with a `helper` field). Throws InputError, with file, line and field
 * path, on a bad file (including an object kind the runner cannot use, an unknown helper,
 * or a helper case of the wrong shape), and on a folder without a single case (a run
 * that checks nothing must not pass).
 */
export function runFolder(dir: string, registry: Registry): FileResult[] {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new InputError({ file: dir }, 'not a folder of conformance vectors');
  }
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new InputError({ file: dir }, 'no conformance vectors were found in this folder (no *.json vector files)');
  const results = files.map((f) => runFile(join(dir, f), registry));
  if (results.every((r) => r.cases.length === 0)) {
    throw new InputError({ file: dir }, `no conformance vectors were found in this folder (${files.length} *.json file${files.length === 1 ? '' : 's'}, 0 cases)`);
  }
  return results;
}

function runFile(file: string, registry: Registry): FileResult {
  const json = readVectorJson(file);
  const bad = (path: readonly PropertyKey[], problem: string) => new InputError({ file, line: json.lineOf(path), path: formatPath(path) }, problem);
  const isHelper = typeof json.value === 'object' && json.value !== null && 'helper' in json.value;
  if (isHelper) {
    const v = parsed(helperFileSchema, json, file);
    const helper = HELPERS.get(v.helper);
    if (helper === undefined) throw bad(['helper'], `unknown helper ${JSON.stringify(v.helper)} (known: ${[...HELPERS.keys()].join(', ')})`);
    if (helper.plugin !== v.plugin) throw bad(['plugin'], `helper ${v.helper} belongs to ${helper.plugin}, not ${v.plugin}`);
    v.cases.forEach((c, i) => {
      for (const field of ['input', 'expect'] as const) {
        const check = helper[field].safeParse(c[field]);
        if (!check.success) {
          const issue = check.error.issues[0]!;
          throw bad(['cases', i, field, ...issue.path], describeIssue(issue, c[field]));
        }
      }
    });
    return { file, label: `${v.plugin}.${v.helper}`, cases: v.cases.map((c) => runHelperCase(helper, c)) };
  }
  const v = parsed(vectorFileSchema, json, file);
  v.cases.forEach((c, i) => {
    (c.objects ?? []).forEach((o, j) => {
      const problem = objectKindProblem(o.kind);
      if (problem !== null) throw bad(['cases', i, 'objects', j, 'kind'], problem);
    });
  });
  return { file, label: v.plugin, cases: v.cases.map((c) => runCase(v.plugin, c, registry)) };
}

/** The file's value checked against `schema`, or InputError at the first issue's line and path. */
function parsed<T extends z.ZodType>(schema: T, json: VectorJson, file: string): z.infer<T> {
  const result = schema.safeParse(json.value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new InputError({ file, line: json.lineOf(issue.path), path: formatPath(issue.path) }, issue.message);
}
