import { z } from 'zod';

const statusCode = z.enum(['Success', 'Unschedulable', 'UnschedulableAndUnresolvable']);

/** A Kubernetes object around the pod (conformance/FORMAT.md, `objects`); its kind is checked by object-kinds.ts. */
const objectSchema = z.looseObject({ kind: z.string() });

/** One conformance case of a plugin (conformance/FORMAT.md). Objects stay unknown until compiled. */
export const vectorCaseSchema = z.looseObject({
  name: z.string(),
  source: z.string().optional(),
  args: z.record(z.string(), z.unknown()).optional(),
  pod: z.unknown(),
  namespaces: z.array(z.unknown()).optional(),
  objects: z.array(objectSchema).optional(),
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

/**
 * One case of a helper function (FORMAT.md, "Helper vectors"): the helper's input and
 * the output kube's test expects. Their shapes are the helper's own (helper-vectors.ts).
 */
export const helperCaseSchema = z.looseObject({
  name: z.string(),
  source: z.string().optional(),
  input: z.unknown(),
  expect: z.unknown(),
});

export const helperFileSchema = z.looseObject({
  plugin: z.string(),
  helper: z.string(),
  source: z.string(),
  cases: z.array(helperCaseSchema),
});

export type VectorCase = z.infer<typeof vectorCaseSchema>;
export type VectorFile = z.infer<typeof vectorFileSchema>;
export type HelperCase = z.infer<typeof helperCaseSchema>;
export type HelperFile = z.infer<typeof helperFileSchema>;
