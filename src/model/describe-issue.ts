import type { z } from 'zod';
import { excerpt } from './errors.js';

/**
 * The problem of a zod issue in a user's words: what was expected and what the file
 * says there, quoted short (`got "Like"; supported values: "In", "NotIn", ...`, as kube's
 * "Unsupported value" does; a discriminated union's unknown kind is said the same way).
 * Custom issues (the name and quantity checks) quote the value themselves; a list that
 * is too long or too short is given by its length, not quoted. `root` is the value that
 * was validated, so the written value can be looked up by the issue's path. Cluster
 * objects, profiles and scenario files all describe their issues with it.
 */
export function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const got = valueAt(root, issue.path);
  switch (issue.code) {
    case 'custom':
      return issue.message;
    case 'invalid_value':
      return `got ${excerpt(got)}; supported values: ${issue.values.map((v) => excerpt(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field ${issue.keys.map((k) => excerpt(k)).join(', ')}`;
    case 'invalid_type':
      return `expected ${issue.expected === 'int' ? 'an integer' : issue.expected}, got ${excerpt(got)}`;
    case 'invalid_union':
      if ('options' in issue && issue.options !== undefined) return `got ${excerpt(got)}; supported values: ${issue.options.map((v) => excerpt(v)).join(', ')}`;
      return `not any of the accepted forms, got ${excerpt(got)}`;
    default: {
      const expected = issue.message.replace(/^(Invalid input|Too small|Too big|Invalid string|Invalid number): /, '').replace(/, received \w+$/, '');
      if ((issue.code === 'too_big' || issue.code === 'too_small') && Array.isArray(got)) return `${expected}, got a list of ${got.length}`;
      return `${expected}, got ${excerpt(got)}`;
    }
  }
}

/** The value at `path` inside `root`, own properties only; undefined when absent. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, p)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}
