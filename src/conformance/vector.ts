import { z } from 'zod';

const statusCode = z.enum(['Success', 'Unschedulable', 'UnschedulableAndUnresolvable']);

/** A Kubernetes object around the pod (conformance/FORMAT.md, `objects`); its kind is checked by object-kinds.ts. */
const objectSchema = z.looseObject({ kind: z.string() });

/**
 * expect.preemption (FORMAT.md): the node DefaultPreemption nominates, exactly (`node`)
 * or any of several the Go test accepts (`anyNode`), and optionally the victims there.
 * null: no node can be made to fit.
 */
const preemptionSchema = z.union([
  z.null(),
  z.strictObject({ node: z.string(), victims: z.array(z.string()).optional() }),
  z.strictObject({ anyNode: z.array(z.string()).min(2), victims: z.array(z.string()).optional() }),
]);

/** One candidate of expect.candidates: a node of the dry run, its victims by name, its PDB violations. */
const candidateSchema = z.strictObject({
  node: z.string(),
  victims: z.array(z.string()),
  numPdbViolations: z.number().int().min(0),
});

/** One conformance case of a plugin (conformance/FORMAT.md). Objects stay unknown until compiled. */
export const vectorCaseSchema = z.looseObject({
  name: z.string(),
  source: z.string().optional(),
  args: z.record(z.string(), z.unknown()).optional(),
  /** The profile's filter plugins (DefaultPreemption and framework cases). */
  filters: z.array(z.string()).optional(),
  pod: z.unknown(),
  namespaces: z.array(z.unknown()).optional(),
  objects: z.array(objectSchema).optional(),
  nodes: z.array(z.unknown()),
  existingPods: z.array(z.unknown()).optional(),
  nominatedPods: z.array(z.unknown()).optional(),
  nominatedNodeStatus: statusCode.optional(),
  scoreNodes: z.array(z.string()).optional(),
  expect: z.looseObject({
    filter: z.record(z.string(), statusCode).optional(),
    scores: z.record(z.string(), z.number().int()).optional(),
    preScore: z.literal('Skip').optional(),
    preemption: preemptionSchema.optional(),
    candidates: z.array(candidateSchema).optional(),
    eligible: z.boolean().optional(),
  }),
});

export const vectorFileSchema = z.looseObject({
  plugin: z.string(),
  source: z.string(),
  cases: z.array(vectorCaseSchema),
});

/**
 * A file of cases of the scheduling framework itself (FORMAT.md, "Framework vectors"):
 * `framework` names the framework function the Go test calls.
 */
export const frameworkFileSchema = z.looseObject({
  framework: z.string(),
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
export type FrameworkFile = z.infer<typeof frameworkFileSchema>;
export type ExpectedPreemption = z.infer<typeof preemptionSchema>;
export type ExpectedCandidate = z.infer<typeof candidateSchema>;
export type HelperCase = z.infer<typeof helperCaseSchema>;
export type HelperFile = z.infer<typeof helperFileSchema>;
