import { z } from 'zod';
import { excerpt } from '../model/errors.js';
import { INPUT_LIMITS } from '../model/input-limits.js';
import { labelKeyProblem, labelMapSchema, labelProblem, labelValueProblem } from '../model/label-schema.js';
import type { ResourceListKind } from '../model/resource-list-schema.js';
import { resourceListSchema, standardResourceNameProblem } from '../model/resource-list-schema.js';
import { POD_SPEC_FIELDS } from '../model/unknown-fields.js';
import { kubeSchedulerConfigurationSchema } from './kube-scheduler-config.js';

/**
 * The scenario file format (scenarios/*.yaml): what cluster, what workload, which seeds,
 * how long, and which policies to compare. Validated with zod at the door; the shapes of
 * `cluster.generate` and `workload.workloads` are the generators' specs
 * (src/generators/cluster-spec.ts, workload-spec.ts), checked field by field here, with
 * names, quantities and sizes checked as Kubernetes and INPUT_LIMITS bound them.
 * Custom messages quote the user's value themselves; load-scenario adds it for the rest.
 * Labels, resource names and quantities are checked by the model's own schemas, with one
 * difference: a scenario is written for schedbench, so an unqualified resource name must
 * be a standard one, as the API server requires (standardResourceNameProblem); cluster
 * files accept any qualified name, since kube-scheduler's own tests use such names.
 * Requests above limits are refused by the model when checkGenerated compiles a pod.
 */

const nonNegative = z.number().min(0);
const positive = z.number().gt(0);

const MAX_DURATION_S = INPUT_LIMITS.durationS;
const DURATION_LIMIT = `at most ${MAX_DURATION_S} s (365 days, INPUT_LIMITS.durationS)`;
/** A duration in seconds: not negative (say so rather than clamp), and at most the longest scenario. */
const durationS = z.number().min(0, 'a duration cannot be negative').max(MAX_DURATION_S, DURATION_LIMIT);
/** e^mu is a lognormal's median; beyond ln(longest scenario) every draw outlasts every run. */
const MAX_LOG_MU = Math.log(MAX_DURATION_S);
/** Bounds sigma so that e^(mu + sigma * z) stays finite for every z Box-Muller can draw (|z| < 9). */
const MAX_LOG_SIGMA = 10;

const issue = (ctx: z.RefinementCtx, path: (string | number)[], message: string): void => {
  ctx.addIssue({ code: 'custom', path, message });
};

/** A ResourceList (capacity, requests, limits): standard kube resource names, quantities within 2^53 units. */
const resourceList = (kind: ResourceListKind) => resourceListSchema(kind, standardResourceNameProblem);

export const distributionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant'), value: durationS }),
  z.strictObject({ kind: z.literal('uniform'), min: durationS, max: durationS }).superRefine((d, ctx) => {
    if (d.min > d.max) issue(ctx, ['max'], `must not be below min (${d.min}), got ${excerpt(d.max)}`);
  }),
  /** Truncated to [min, max]; min defaults to 0 (durations are never negative). */
  z.strictObject({ kind: z.literal('normal'), mean: durationS, stddev: durationS, min: durationS.optional(), max: durationS.optional() }).superRefine((d, ctx) => {
    if ((d.min ?? 0) > (d.max ?? Infinity)) issue(ctx, ['max'], `must not be below min (${d.min ?? 0}), got ${excerpt(d.max)}`);
  }),
  z.strictObject({
    kind: z.literal('lognormal'),
    mu: z.number().max(MAX_LOG_MU, `at most ${MAX_LOG_MU.toFixed(2)} (e^mu, the median duration, at most ${MAX_DURATION_S} s, INPUT_LIMITS.durationS)`),
    sigma: z.number().min(0).max(MAX_LOG_SIGMA, `at most ${MAX_LOG_SIGMA} (a wider spread would draw infinite durations)`),
  }),
  z.strictObject({ kind: z.literal('exponential'), mean: durationS.gt(0, 'the mean must be positive') }),
  z.strictObject({ kind: z.literal('choice'), values: z.array(durationS).min(1), weights: z.array(z.number().min(0, 'a weight cannot be negative')).optional() })
    .superRefine((d, ctx) => {
      if (d.weights === undefined) return;
      if (d.weights.length !== d.values.length) {
        issue(ctx, ['weights'], `expected one weight per value (${d.values.length}), got ${d.weights.length} weights`);
      } else if (!(d.weights.reduce((a, b) => a + b, 0) > 0)) {
        issue(ctx, ['weights'], `expected at least one positive weight, got ${excerpt(d.weights)}`);
      }
    }),
  z.strictObject({ kind: z.literal('empirical'), values: z.array(durationS).min(1) }),
  /** Values read from a CSV column (resolved when the scenario loads). */
  z.strictObject({ kind: z.literal('empirical-csv'), file: z.string().min(1), column: z.string().min(1) }),
]);

/** Simulated seconds at which something starts: within the longest scenario. */
const timeS = z.number().min(0).max(MAX_DURATION_S, DURATION_LIMIT);
/** A period in seconds: positive, within the longest scenario. */
const periodS = positive.max(MAX_DURATION_S, DURATION_LIMIT);
/**
 * Lowest arrival rate: one pod per ~31 years. Slower rates push arrival times to
 * infinity, where the diurnal curve is NaN and thinning would never accept a pod.
 */
const MIN_RATE_PER_S = 1e-9;
const ratePerS = z.number().min(MIN_RATE_PER_S, `at least ${MIN_RATE_PER_S} per second`).max(1e9, 'at most 1e9 per second');

const arrivalSchema = z.discriminatedUnion('process', [
  z.strictObject({ process: z.literal('all-at-once'), atS: timeS.optional() }),
  z.strictObject({ process: z.literal('poisson'), ratePerS, startS: timeS.optional() }),
  z.strictObject({ process: z.literal('burst'), size: z.number().int().min(1), everyS: periodS, startS: timeS.optional() }),
  z.strictObject({
    process: z.literal('diurnal'), meanRatePerS: ratePerS, amplitude: z.number().min(0).max(1).optional(),
    periodS: periodS.optional(), peakAtS: timeS.optional(), startS: timeS.optional(),
  }),
]);

/**
 * A template's further v1.PodSpec fields. Unknown fields are refused by name (kube's
 * strict decoding would); `containers` too, since the one container is built from
 * `requests` and `limits`; nodeSelector keys and values are checked as labels.
 */
const templatePodSpec = z.record(z.string(), z.unknown()).superRefine((spec, ctx) => {
  for (const [k, v] of Object.entries(spec)) {
    if (k === 'containers') {
      issue(ctx, [k], 'the pod\'s one container is built from the template\'s requests and limits; set those instead of spec.containers');
    } else if (!POD_SPEC_FIELDS.has(k)) {
      issue(ctx, [k], `unknown field ${excerpt(k)} (not a v1.PodSpec field)`);
    } else if (k === 'nodeSelector') {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) {
        issue(ctx, [k], `expected a map of labels, got ${excerpt(v)}`);
        continue;
      }
      for (const [key, value] of Object.entries(v)) {
        const problem = labelProblem(key, value);
        if (problem !== null) issue(ctx, [k, key], problem);
      }
    }
  }
});

const INT32_MAX = 2_147_483_647;

const templateSchema = z.strictObject({
  labels: labelMapSchema.optional(),
  requests: resourceList('container').optional(),
  limits: resourceList('container').optional(),
  /** A PriorityClass value: int32; kube reserves values above one billion for system classes. */
  priority: z.number().int().min(-INT32_MAX - 1).max(INT32_MAX).optional(),
  spec: templatePodSpec.optional(),
});

const name = z.string().max(63, 'at most 63 characters').regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a lowercase DNS label (a-z, 0-9, -)');
const POD_LIMIT = `at most ${INPUT_LIMITS.scenarioPods} pods per scenario (INPUT_LIMITS.scenarioPods)`;
const podCount = z.number().int().min(0).max(INPUT_LIMITS.scenarioPods, POD_LIMIT);

const workloadItemSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('Deployment'), name, namespace: name.optional(), replicas: podCount,
    template: templateSchema, arrival: arrivalSchema, durationS: distributionSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('Job'), name, namespace: name.optional(), completions: podCount,
    parallelism: z.number().int().min(1).optional(), template: templateSchema, arrival: arrivalSchema, durationS: distributionSchema,
  }),
]);

const taintSchema = z.strictObject({ key: z.string(), value: z.string().optional(), effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']) })
  .superRefine((t, ctx) => {
    // A taint's key and value are checked as a label's (validateTaints).
    const keyProblem = labelKeyProblem(t.key);
    const valueProblem = keyProblem === null ? labelValueProblem(t.value ?? '') : null;
    if (keyProblem !== null) issue(ctx, ['key'], keyProblem);
    else if (valueProblem !== null) issue(ctx, ['value'], valueProblem);
  });

const poolSchema = z.strictObject({
  name,
  count: z.number().int().min(0).max(INPUT_LIMITS.scenarioNodes, `at most ${INPUT_LIMITS.scenarioNodes} nodes per scenario (INPUT_LIMITS.scenarioNodes)`),
  /** Allocatable per resource; at least one resource (a node without any cannot mean anything). */
  capacity: resourceList('node').refine((c) => Object.keys(c).length > 0, 'expected at least one resource (cpu, memory, pods, ...), got {}'),
  labels: labelMapSchema.optional(),
  taints: z.array(taintSchema).optional(),
  images: z.array(z.strictObject({
    name: z.string().min(1),
    sizeBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    probability: z.number().min(0).max(1).optional(),
  })).optional(),
});

const clusterSchema = z.union([
  z.strictObject({
    generate: z.strictObject({
      pools: z.array(poolSchema).min(1),
      topology: z.strictObject({
        regions: z.number().int().min(1).optional(),
        zonesPerRegion: z.number().int().min(1).optional(),
        racksPerZone: z.number().int().min(0).optional(),
      }).optional(),
    }),
  }),
  /** Kubernetes object files (kubectl get nodes,pods -A -o json); pending pods arrive at t=0. */
  z.strictObject({ snapshot: z.array(z.string().min(1)).min(1) }),
  /** An openb node list CSV (GPU nodes: cpu_milli, memory_mib, gpu, model). */
  z.strictObject({ openb: z.strictObject({ nodes: z.string().min(1) }) }),
]);

const workloadSchema = z.union([
  z.strictObject({
    workloads: z.array(workloadItemSchema),
    /** Share (0..1) of every workload's pods created BestEffort (no requests or limits). */
    bestEffortShare: z.number().min(0).max(1).optional(),
  }),
  /**
   * An openb pod list CSV. Without `inflate`, replayed in time: each task arrives at its
   * creation_time and runs until its deletion_time (tasks without times arrive at 0 and
   * stay). With `inflate`, the FGD paper's task sequence: every task once in a seeded
   * shuffle, then drawn with replacement until the GPU requests reach inflate x the
   * cluster's GPU capacity; one task arrives per simulated second and none leaves.
   */
  z.strictObject({ openb: z.strictObject({ pods: z.string().min(1), inflate: z.number().gt(0).max(INPUT_LIMITS.openbInflate).optional() }) }),
]);

/** A policy in short form: kube-scheduler's default profile with changes. */
export const shortPolicySchema = z.strictObject({
  name: z.string().min(1),
  extends: z.literal('default'),
  /** Score weights to change, by plugin name. */
  weights: z.record(z.string(), z.number().int().min(1)).optional(),
  /** Plugins to remove from filter and score. */
  disable: z.array(z.string()).optional(),
  /** Score plugins to add (e.g. a heuristic), with weights. */
  enable: z.array(z.strictObject({ name: z.string().min(1), weight: z.number().int().min(1) })).optional(),
  /** Filter plugins to add after the default ones (e.g. a GPU fit filter). */
  enableFilters: z.array(z.string().min(1)).optional(),
  /** Plugin args by plugin name (pluginConfig[].args). */
  args: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  percentageOfNodesToScore: z.number().int().min(0).max(100).optional(),
  preemption: z.boolean().optional(),
});

/** A policy: a KubeSchedulerConfiguration (each profile one policy), the short form, or a file holding either. */
export const policySchema = z.union([kubeSchedulerConfigurationSchema, shortPolicySchema, z.string().min(1)]);

const seedsSchema = z.union([
  z.array(z.number().int().min(0)).min(1).max(1001, 'at most 1001 seeds'),
  z.string().regex(/^\d+-\d+$/, 'a range like "42-51"'),
]);

const nodeEventSchema = z.strictObject({
  atS: durationS,
  kind: z.enum(['fail', 'recover', 'drain']),
  /** Node name (generated nodes are named <pool>-<i>). */
  node: z.string().min(1),
});

export const scenarioSchema = z.strictObject({
  name,
  description: z.string().optional(),
  /** Suite labels; `npm run bench` runs scenarios labelled `default`. */
  labels: z.array(z.string()).optional(),
  seeds: seedsSchema,
  /** Simulated seconds. */
  durationS: positive.max(MAX_DURATION_S, DURATION_LIMIT),
  /** Seconds between cluster samples. @default durationS / 100 */
  sampleEveryS: positive.optional(),
  cluster: clusterSchema,
  workload: workloadSchema,
  policies: z.array(policySchema).min(1),
  /** Policy the others are compared with. @default the first */
  baseline: z.string().optional(),
  nodeEvents: z.array(nodeEventSchema).optional(),
  /** Write placements.csv (one row per pod per run). @default false */
  placements: z.boolean().optional(),
});

export type ScenarioInput = z.infer<typeof scenarioSchema>;
export type PolicyInput = z.infer<typeof policySchema>;
export type ShortPolicyInput = z.infer<typeof shortPolicySchema>;
