import { z } from 'zod';

/**
 * The shape of a cell result read back from a cells file (merge, --resume): every field
 * the report writer reads, so an edited or foreign file is refused with its line, never
 * met as a crash halfway through writing the report. Numbers may be NaN or infinite
 * (cell-codec writes them tagged). Extra fields are refused too: a result carries
 * exactly what a cell returns.
 */
/** Any number: zod's z.number() refuses NaN and the infinities, which metrics use. */
const num = z.custom<number>((v) => typeof v === 'number', { message: 'expected a number' });
const key = z.strictObject({ scenario: z.string(), policy: z.string(), seed: z.number().int() });

const runMetricsSchema = z.strictObject({
  key,
  values: z.record(z.string(), num),
  timing: z.strictObject({ cycles: num, cycleP50Us: num, cycleP99Us: num, podsPerS: num }),
  timeseries: z.array(z.strictObject({ tS: num, running: num, pending: num, cpuAllocPct: num, memAllocPct: num, gpuAllocPct: num })),
  nodeUtilization: z.array(z.strictObject({ node: z.string(), cpuPct: num, memPct: num, gpuPct: num })),
  queueDelayQuantilesS: z.array(num),
  placements: z.array(z.strictObject({
    pod: z.string(), node: z.string(), arrivalS: num, bindS: num.nullable(), outcome: z.string(), attempts: num,
  })).nullable(),
  groups: z.array(z.strictObject({
    by: z.enum(['workload', 'priority']), group: z.string(), pods: num, unschedulableEnd: num, delayP50S: num, delayP95S: num, delayP99S: num,
  })).optional(),
  volumes: z.strictObject({
    pendingByReason: z.array(z.strictObject({ plugin: z.string(), reason: z.string(), pods: num })),
    provisionedByZone: z.array(z.strictObject({ zone: z.string(), volumes: num })),
  }).optional(),
});

const openbRowSchema = z.strictObject({
  tasks: num, scheduled: num, arrivedPctEnd: num, allocAt100Pct: num.nullable(), allocEndPct: num,
  gpusUnallocatedEnd: num, fragRateEndPct: num, curve: z.array(num.nullable()),
});

const whatifSchema = z.strictObject({
  pods: z.array(z.strictObject({
    namespace: z.string(), pod: z.string(), ownerKind: z.string(), owner: z.string(), nodeBefore: z.string(), nodeAfter: z.string(),
    outcome: z.enum(['same', 'moved', 'unschedulable']),
  })),
  dump: z.record(z.string(), num),
  after: z.record(z.string(), num),
});

export const cellResultSchema = z.strictObject({
  id: z.string(),
  run: runMetricsSchema,
  openb: openbRowSchema.optional(),
  whatif: whatifSchema.optional(),
  wallMs: num,
});
