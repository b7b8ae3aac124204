import { z } from 'zod';
import { kubeSchedulerConfigurationSchema } from './kube-scheduler-config.js';

/**
 * The scenario file format (scenarios/*.yaml): what cluster, what workload, which seeds,
 * how long, and which policies to compare. Validated with zod at the door; the shapes of
 * `cluster.generate` and `workload.workloads` are the generators' specs
 * (src/generators/cluster-spec.ts, workload-spec.ts), checked field by field here.
 */

const quantity = z.union([z.string(), z.number()]);
const nonNegative = z.number().min(0);
const positive = z.number().gt(0);

export const distributionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant'), value: nonNegative }),
  z.strictObject({ kind: z.literal('uniform'), min: nonNegative, max: nonNegative }),
  z.strictObject({ kind: z.literal('normal'), mean: z.number(), stddev: nonNegative, min: z.number().optional(), max: z.number().optional() }),
  z.strictObject({ kind: z.literal('lognormal'), mu: z.number(), sigma: nonNegative }),
  z.strictObject({ kind: z.literal('exponential'), mean: positive }),
  z.strictObject({ kind: z.literal('choice'), values: z.array(nonNegative).min(1), weights: z.array(nonNegative).optional() }),
  z.strictObject({ kind: z.literal('empirical'), values: z.array(nonNegative).min(1) }),
  /** Values read from a CSV column (resolved when the scenario loads). */
  z.strictObject({ kind: z.literal('empirical-csv'), file: z.string().min(1), column: z.string().min(1) }),
]);

const arrivalSchema = z.discriminatedUnion('process', [
  z.strictObject({ process: z.literal('all-at-once'), atS: nonNegative.optional() }),
  z.strictObject({ process: z.literal('poisson'), ratePerS: positive, startS: nonNegative.optional() }),
  z.strictObject({ process: z.literal('burst'), size: z.number().int().min(1), everyS: positive, startS: nonNegative.optional() }),
  z.strictObject({
    process: z.literal('diurnal'), meanRatePerS: positive, amplitude: z.number().min(0).max(1).optional(),
    periodS: positive.optional(), peakAtS: nonNegative.optional(), startS: nonNegative.optional(),
  }),
]);

const templateSchema = z.strictObject({
  labels: z.record(z.string(), z.string()).optional(),
  requests: z.record(z.string(), quantity).optional(),
  limits: z.record(z.string(), quantity).optional(),
  priority: z.number().int().optional(),
  spec: z.record(z.string(), z.unknown()).optional(),
});

const name = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a lowercase DNS label (a-z, 0-9, -)');

const workloadItemSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('Deployment'), name, namespace: z.string().optional(), replicas: z.number().int().min(0),
    template: templateSchema, arrival: arrivalSchema, durationS: distributionSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('Job'), name, namespace: z.string().optional(), completions: z.number().int().min(0),
    parallelism: z.number().int().min(1).optional(), template: templateSchema, arrival: arrivalSchema, durationS: distributionSchema,
  }),
]);

const poolSchema = z.strictObject({
  name,
  count: z.number().int().min(0),
  capacity: z.record(z.string(), quantity),
  labels: z.record(z.string(), z.string()).optional(),
  taints: z.array(z.strictObject({ key: z.string().min(1), value: z.string().optional(), effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']) })).optional(),
  images: z.array(z.strictObject({ name: z.string().min(1), sizeBytes: nonNegative, probability: z.number().min(0).max(1).optional() })).optional(),
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
  z.strictObject({ openb: z.strictObject({ pods: z.string().min(1), inflate: z.number().gt(0).max(10).optional() }) }),
]);

/** A policy in short form: kube-scheduler's default profile with changes. */
const shortPolicySchema = z.strictObject({
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
  z.array(z.number().int().min(0)).min(1),
  z.string().regex(/^\d+-\d+$/, 'a range like "42-51"'),
]);

const nodeEventSchema = z.strictObject({
  atS: nonNegative,
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
  durationS: positive,
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
