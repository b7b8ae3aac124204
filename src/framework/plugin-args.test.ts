import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parsePluginArgs, TYPE_META } from './plugin-args.js';
import { ProfileError } from './profile-error.js';

/** Errors in plugin args name the field and quote what the user wrote. */
describe('parsePluginArgs', () => {
  const schema = z.strictObject({ ...TYPE_META, hardPodAffinityWeight: z.number().int().min(0).max(100).optional(), mode: z.enum(['A', 'B']).optional() });
  const cases = [
    { name: 'a string where a number goes', args: { hardPodAffinityWeight: 'Like' }, path: 'hardPodAffinityWeight', problem: /expected number, got "Like"/ },
    { name: 'an enum value the plugin lacks', args: { mode: 'C' }, path: 'mode', problem: /got "C"; supported values: "A", "B"/ },
    { name: 'an unknown field', args: { hardPodAffinityWieght: 1 }, path: 'hardPodAffinityWieght', problem: /^unknown field "hardPodAffinityWieght"$/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      let err: unknown;
      try {
        parsePluginArgs(schema, c.args);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ProfileError);
      expect((err as ProfileError).path).toBe(c.path);
      expect((err as ProfileError).problem).toMatch(c.problem);
    });
  }
});
