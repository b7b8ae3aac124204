import { z } from 'zod';
import { objectMetaSchema } from './k8s-schema.js';
import { parseObject } from './parse-object.js';

/** A compiled storage.k8s.io/v1 CSINode: per driver on the node, how many of its volumes the node can attach. */
export interface CsiNode {
  /** metadata.name: the node's name. */
  readonly nodeName: string;
  /** Driver name -> spec.drivers[].allocatable.count; drivers without a count are absent (no limit). */
  readonly attachLimits: ReadonlyMap<string, number>;
  /**
   * Driver name -> spec.drivers[].topologyKeys: the node labels the driver reports its
   * volumes' accessible topology in (a provisioned volume's node affinity uses them).
   */
  readonly topologyKeys: ReadonlyMap<string, readonly string[]>;
}

const INT32_MAX = 2147483647;

const csiNodeSchema = z.looseObject({
  apiVersion: z.literal('storage.k8s.io/v1').optional(),
  kind: z.literal('CSINode').optional(),
  metadata: objectMetaSchema.extend({ name: z.string().min(1, 'a CSINode needs metadata.name (its node\'s name)') }),
  spec: z.looseObject({
    drivers: z.array(z.looseObject({
      name: z.string().min(1, 'a driver needs a name'),
      topologyKeys: z.array(z.string()).nullish(),
      allocatable: z.looseObject({
        count: z.number().int('must be a whole number of volumes').min(0, 'must be greater than or equal to 0').max(INT32_MAX, 'must be at most 2147483647 (an int32)').nullish(),
      }).nullish(),
    })).nullish(),
  }),
});

/**
 * Validates a storage.k8s.io/v1 CSINode as the API server does (driver names unique,
 * allocatable.count not negative: ValidateCSINode) and compiles it. That the node exists
 * is the loader's check. Throws InputError naming the field.
 */
export function compileCsiNode(raw: unknown, opts: { readonly file?: string } = {}): CsiNode {
  const { data, fail } = parseObject(csiNodeSchema, raw, 'CSINode', { ...opts, namespaced: false });
  const limits = new Map<string, number>();
  const topologyKeys = new Map<string, readonly string[]>();
  const seen = new Set<string>();
  (data.spec.drivers ?? []).forEach((d, i) => {
    if (seen.has(d.name)) fail(`spec.drivers[${i}].name`, `duplicate driver ${JSON.stringify(d.name)}`);
    seen.add(d.name);
    const count = d.allocatable?.count;
    if (count !== null && count !== undefined) limits.set(d.name, count);
    topologyKeys.set(d.name, d.topologyKeys ?? []);
  });
  return { nodeName: data.metadata.name, attachLimits: limits, topologyKeys };
}
