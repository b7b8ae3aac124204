import { z } from 'zod';
import { labelSelectorSchema, objectMetaSchema } from './k8s-schema.js';
import type { LabelSelector } from './labels.js';
import { compileLabelSelector } from './labels.js';
import type { ModelContext } from './model-context.js';
import { parseObject } from './parse-object.js';
import { storageQuantitySchema } from './storage-quantity.js';

/** A compiled storage.k8s.io/v1 CSIStorageCapacity: free space of one class in one topology segment. */
export interface CsiStorageCapacity {
  readonly name: string;
  readonly storageClassName: string;
  /** nodeTopology over node labels; null when absent (no node has access: nodeHasAccess). */
  readonly nodeTopology: LabelSelector | null;
  /** capacity in bytes; null when absent. */
  readonly capacityBytes: number | null;
  /** maximumVolumeSize in bytes; null when absent. */
  readonly maximumVolumeSizeBytes: number | null;
}

const capacitySchema = z.looseObject({
  apiVersion: z.literal('storage.k8s.io/v1').optional(),
  kind: z.literal('CSIStorageCapacity').optional(),
  metadata: objectMetaSchema,
  storageClassName: z.string().min(1, 'a CSIStorageCapacity needs storageClassName'),
  nodeTopology: labelSelectorSchema.nullish(),
  capacity: storageQuantitySchema.nullish(),
  maximumVolumeSize: storageQuantitySchema.nullish(),
});

/**
 * Validates a storage.k8s.io/v1 CSIStorageCapacity as the API server does (a class name,
 * quantities not negative: ValidateCSIStorageCapacity) and compiles it. Throws InputError
 * naming the field.
 */
export function compileCsiStorageCapacity(raw: unknown, ctx: ModelContext, opts: { readonly file?: string } = {}): CsiStorageCapacity {
  const { data, fail } = parseObject(capacitySchema, raw, 'CSIStorageCapacity', { ...opts, namespaced: true });
  return {
    name: data.metadata.name ?? '',
    storageClassName: data.storageClassName,
    nodeTopology: data.nodeTopology === null || data.nodeTopology === undefined
      ? null
      : compileLabelSelector(data.nodeTopology, ctx.symbols, (p, m) => fail(`nodeTopology.${p}`, m)),
    capacityBytes: data.capacity ?? null,
    maximumVolumeSizeBytes: data.maximumVolumeSize ?? null,
  };
}

/**
 * volumebinding capacitySufficient: maximumVolumeSize when given (more precise), else
 * capacity, at least the claim's size; no number at all is never enough.
 */
export function capacitySufficient(c: CsiStorageCapacity, sizeBytes: number): boolean {
  const limit = c.maximumVolumeSizeBytes ?? c.capacityBytes;
  return limit !== null && limit >= sizeBytes;
}
