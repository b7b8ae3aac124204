import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { Registry } from '../framework/types.js';
import { describeIssue } from '../model/describe-issue.js';
import { InputError, formatPath } from '../model/errors.js';
import { objectFieldProblem, objectKindProblem } from './case-objects.js';
import { HELPERS } from './helper-vectors.js';
import type { CaseResult } from './case-result.js';
import { runCase } from './run-case.js';
import { FRAMEWORK_FUNCTIONS, runFrameworkCase } from './run-framework-case.js';
import { PREEMPTION_PLUGIN } from './run-preemption-case.js';
import { runHelperCase } from './run-helper-case.js';
import type { VectorJson } from './read-vector-json.js';
import { readVectorJson } from './read-vector-json.js';
import type { VectorCase } from './vector.js';
import { frameworkFileSchema, helperFileSchema, vectorFileSchema } from './vector.js';

/** Results of one vector file. */
export interface FileResult {
  readonly file: string;
  /** What the file checks: the plugin, `<plugin>.<helper>` for a helper vector file, `framework.<function>` for a framework one. */
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
  const isFramework = typeof json.value === 'object' && json.value !== null && 'framework' in json.value;
  if (isFramework) {
    const v = parsed(frameworkFileSchema, json, file);
    const fn = FRAMEWORK_FUNCTIONS.get(v.framework);
    if (fn === undefined) throw bad(['framework'], `unknown framework function ${JSON.stringify(v.framework)} (known: ${[...FRAMEWORK_FUNCTIONS.keys()].join(', ')})`);
    v.cases.forEach((c, i) => checkCase(c, i, bad, { expects: fn.expects, profile: true }));
    return { file, label: `framework.${v.framework}`, cases: v.cases.map((c) => runFrameworkCase(fn, c, registry)) };
  }
  const v = parsed(vectorFileSchema, json, file);
  const preemption = v.plugin === PREEMPTION_PLUGIN;
  v.cases.forEach((c, i) => checkCase(c, i, bad, preemption ? { expects: PREEMPTION_EXPECTS, profile: true } : { expects: PLUGIN_EXPECTS, profile: false }));
  return { file, label: v.plugin, cases: v.cases.map((c) => runCase(v.plugin, c, registry)) };
}

/** What a single plugin's case may expect, and a DefaultPreemption one (FORMAT.md). */
const PLUGIN_EXPECTS = ['filter', 'scores', 'preScore'];
const PREEMPTION_EXPECTS = ['eligible', 'preemption', 'candidates'];
/** The fields only a case run over a profile's filters reads (DefaultPreemption and framework cases). */
const PROFILE_FIELDS = ['filters', 'nominatedPods', 'nominatedNodeStatus'] as const;

/**
 * The checks of one case at the door: object kinds and fields the runner can honour,
 * expectations of the file's kind only (and at least one), the profile's fields only
 * where a profile runs, and `filters` wherever an expectation runs them. A field that
 * would be ignored is an error, never skipped.
 */
function checkCase(
  c: VectorCase, i: number, bad: (path: readonly PropertyKey[], problem: string) => InputError,
  kind: { readonly expects: readonly string[]; readonly profile: boolean },
): void {
  (c.objects ?? []).forEach((o, j) => {
    const problem = objectKindProblem(o.kind);
    if (problem !== null) throw bad(['cases', i, 'objects', j, 'kind'], problem);
    const field = objectFieldProblem(o);
    if (field !== null) throw bad(['cases', i, 'objects', j, ...field.path], field.problem);
  });
  const given = Object.keys(c.expect).filter((k) => (c.expect as Record<string, unknown>)[k] !== undefined);
  for (const k of given) {
    if (!kind.expects.includes(k)) throw bad(['cases', i, 'expect', k], `this file's cases expect ${kind.expects.join(', ')}, not ${k}`);
  }
  if (given.length === 0) throw bad(['cases', i, 'expect'], `expected at least one of ${kind.expects.join(', ')}`);
  if (!kind.profile) {
    for (const f of PROFILE_FIELDS) {
      if (c[f] !== undefined) throw bad(['cases', i, f], `${f} is read only by DefaultPreemption and framework cases (a single plugin's case runs that plugin alone)`);
    }
  } else if (c.filters === undefined && given.some((k) => k !== 'eligible')) {
    throw bad(['cases', i, 'filters'], `expect.${given.find((k) => k !== 'eligible')!} runs the profile's filters: give them (a list of filter plugin names, possibly empty)`);
  }
}

/** The file's value checked against `schema`, or InputError at the first issue's line and path. */
function parsed<T extends z.ZodType>(schema: T, json: VectorJson, file: string): z.infer<T> {
  const result = schema.safeParse(json.value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new InputError({ file, line: json.lineOf(issue.path), path: formatPath(issue.path) }, issue.message);
}
