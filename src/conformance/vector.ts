import { z } from 'zod';

const statusCode = z.enum(['Success', 'Unschedulable', 'UnschedulableAndUnresolvable']);

/** One conformance case (conformance/FORMAT.md). Objects stay unknown until compiled. */
export const vectorCaseSchema = z.looseObject({
  name: z.string(),
  source: z.string().optional(),
  args: z.record(z.string(), z.unknown()).optional(),
  pod: z.unknown(),
  namespaces: z.array(z.unknown()).optional(),
  nodes: z.array(z.unknown()),
  existingPods: z.array(z.unknown()).optional(),
  scoreNodes: z.array(z.string()).optional(),
  expect: z.looseObject({
    filter: z.record(z.string(), statusCode).optional(),
    scores: z.record(z.string(), z.number().int()).optional(),
    preScore: z.literal('Skip').optional(),
  }),
});

export const vectorFileSchema = z.looseObject({
  plugin: z.string(),
  source: z.string(),
  cases: z.array(vectorCaseSchema),
});

export type VectorCase = z.infer<typeof vectorCaseSchema>;
export type VectorFile = z.infer<typeof vectorFileSchema>;
