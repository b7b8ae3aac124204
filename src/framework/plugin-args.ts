import { z } from 'zod';
import { describeIssue } from '../model/describe-issue.js';
import { formatPath } from '../model/errors.js';
import { ProfileError } from './profile-error.js';

/**
 * The fields a KubeSchedulerConfiguration may put on any plugin's args object besides
 * the plugin's own: `apiVersion` and `kind` (e.g. "NodeAffinityArgs").
 */
export const TYPE_META = { apiVersion: z.string().optional(), kind: z.string().optional() };

/** Args of a plugin that takes none: absent, or an object with nothing but TYPE_META. */
export const NO_ARGS = z.strictObject(TYPE_META).nullish();

/**
 * Validates plugin args with a zod schema (strict objects: unknown fields are errors) and
 * turns the first issue into a ProfileError whose path is relative to the args object,
 * quoting the value the user wrote.
 */
export function parsePluginArgs<T>(schema: z.ZodType<T>, args: unknown): T {
  const parsed = schema.safeParse(args);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const path = formatPath(keys.length > 0 ? [...issue.path, keys[0]!] : issue.path);
  const problem = keys.length > 0 ? `unknown field ${JSON.stringify(keys[0])}` : describeIssue(issue, args);
  throw new ProfileError(path, problem);
}
