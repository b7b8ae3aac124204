import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssue } from './describe-issue.js';

/** The first issue of `schema` on `value`, described. */
function described(schema: z.ZodType, value: unknown): string {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected an issue');
  return describeIssue(r.error.issues[0]!, value);
}

const cases = [
  { name: 'an enum value quotes what was written and every supported value', schema: z.object({ effect: z.enum(['NoSchedule', 'NoExecute', '']) }), value: { effect: 'Sometimes' }, want: 'got "Sometimes"; supported values: "NoSchedule", "NoExecute", ""' },
  { name: 'a missing literal is got nothing', schema: z.object({ extends: z.literal('default') }), value: {}, want: 'got nothing; supported values: "default"' },
  {
    name: 'an unknown kind of a discriminated union is said like an enum',
    schema: z.discriminatedUnion('kind', [z.object({ kind: z.literal('a') }), z.object({ kind: z.literal('b') })]),
    value: { kind: 'c' },
    want: 'got "c"; supported values: "a", "b"',
  },
  { name: 'a plain union', schema: z.union([z.string(), z.number()]), value: true, want: 'not any of the accepted forms, got true' },
  { name: 'an unknown field', schema: z.strictObject({ a: z.number() }), value: { a: 1, colour: 'red' }, want: 'unknown field "colour"' },
  { name: 'a missing field', schema: z.object({ name: z.string() }), value: {}, want: 'expected string, got nothing' },
  { name: 'a NaN', schema: z.object({ n: z.number() }), value: { n: Number.NaN }, want: 'expected number, got NaN' },
  { name: 'a fraction where an integer belongs', schema: z.object({ n: z.number().int() }), value: { n: 1.5 }, want: 'expected an integer, got 1.5' },
  { name: 'a number out of range', schema: z.object({ n: z.number().min(0) }), value: { n: -3 }, want: 'expected number to be >=0, got -3' },
  { name: 'a list too long is given by its length', schema: z.array(z.number()).max(2), value: [1, 2, 3], want: 'expected array to have <=2 items, got a list of 3' },
  { name: 'a custom issue is its own message', schema: z.string().refine(() => false, 'must be lowercase, got "X"'), value: 'X', want: 'must be lowercase, got "X"' },
];

describe('describeIssue', () => {
  for (const c of cases) it(c.name, () => expect(described(c.schema, c.value)).toBe(c.want));
});
