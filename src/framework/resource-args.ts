import { z } from 'zod';
import { ProfileError } from './profile-error.js';

/**
 * What the resource plugins' args share: the zod shape of a resources[] entry
 * (config.ResourceSpec) and the translation of a zod failure into a ProfileError whose
 * path is relative to the args object.
 */

/** config.ResourceSpec as written: weight may be left out (or 0) and then means 1. */
export const resourceSpecSchema = z.strictObject({
  name: z.string(),
  weight: z.number().int().nullish(),
});

/** Validates `raw` (null/undefined = {}) against `schema`; throws ProfileError on the first issue. */
export function parsePluginArgs<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    throw new ProfileError(argsPath([...issue.path, key]), `unknown field ${JSON.stringify(key)}`);
  }
  throw new ProfileError(argsPath(issue.path), issue.message);
}

/** Formats a path inside args: scoringStrategy.resources[1].weight. */
export function argsPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}
