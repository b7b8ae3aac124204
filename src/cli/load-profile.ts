import { z } from 'zod';
import type { ProfileSpec } from '../framework/profile.js';
import { defaultProfile } from '../framework/profile.js';
import { InputError, formatPath } from '../model/errors.js';
import { loadObjects } from '../model/load-objects.js';

const profileSchema = z.strictObject({
  kind: z.literal('SchedbenchProfile').optional(),
  name: z.string().min(1),
  filter: z.array(z.string()),
  score: z.array(z.strictObject({ name: z.string(), weight: z.number().int().min(1) })),
  args: z.record(z.string(), z.unknown()).optional(),
  percentageOfNodesToScore: z.number().int().min(0).max(100).optional(),
});

/**
 * Reads a profile file (YAML or JSON) in schedbench's profile shape: name, filter (plugin
 * names in order), score ({name, weight}), args per plugin, percentageOfNodesToScore.
 * Without a file, kube-scheduler's default profile.
 */
export function loadProfile(file: string | undefined): ProfileSpec {
  if (file === undefined) return defaultProfile();
  const objects = loadObjects(file, 'SchedbenchProfile');
  if (objects.length !== 1) throw new InputError({ file }, `expected one profile, found ${objects.length} objects`);
  const parsed = profileSchema.safeParse(objects[0]!.object);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError({ file, path: formatPath(issue.path) }, issue.message);
  }
  const { kind: _kind, ...spec } = parsed.data;
  return spec;
}
