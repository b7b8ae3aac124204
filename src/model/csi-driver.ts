import { z } from 'zod';
import { objectMetaSchema } from './k8s-schema.js';
import { parseObject } from './parse-object.js';

/** A compiled storage.k8s.io/v1 CSIDriver: the one field the scheduler reads. */
export interface CsiDriver {
  readonly name: string;
  /**
   * spec.storageCapacity: the driver publishes CSIStorageCapacity objects and the
   * scheduler must check them before provisioning (absent = false).
   */
  readonly storageCapacity: boolean;
}

const csiDriverSchema = z.looseObject({
  apiVersion: z.literal('storage.k8s.io/v1').optional(),
  kind: z.literal('CSIDriver').optional(),
  metadata: objectMetaSchema.extend({ name: z.string().min(1, 'a CSIDriver needs metadata.name') }),
  spec: z.looseObject({ storageCapacity: z.boolean().nullish() }).nullish(),
});

/** Validates and compiles a storage.k8s.io/v1 CSIDriver; throws InputError naming the field. */
export function compileCsiDriver(raw: unknown, opts: { readonly file?: string } = {}): CsiDriver {
  const { data } = parseObject(csiDriverSchema, raw, 'CSIDriver', { ...opts, namespaced: false });
  return { name: data.metadata.name, storageCapacity: data.spec?.storageCapacity ?? false };
}
