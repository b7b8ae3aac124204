import type { z } from 'zod';
import { excerpt } from './errors.js';

/**
 * The problem of a zod issue in a user's words: what was expected and what the object
 * says there, quoted short (`got "Like"; supported values: "In", "NotIn", ...`, as kube's
 * "Unsupported value" does). Custom issues (the name and quantity checks) quote the
 * value themselves. `root` is the value that was validated, so the written value can be
 * looked up by the issue's path.
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
      return `expected ${issue.expected === 'int' ? 'an integer' : issue.expected}, got ${got === undefined ? 'nothing' : excerpt(got)}`;
    case 'invalid_union':
      return `not any of the accepted forms, got ${excerpt(got)}`;
    default: {
      const expected = issue.message.replace(/^(Invalid input|Too small|Too big|Invalid string|Invalid number): /, '').replace(/, received \w+$/, '');
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
