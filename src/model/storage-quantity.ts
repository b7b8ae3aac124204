import { z } from 'zod';
import { excerpt } from './errors.js';
import { QuantityError, unitValue } from './quantity.js';

/**
 * A storage quantity of the storage objects (a claim's `resources.requests.storage`, a
 * volume's `capacity.storage`, a CSIStorageCapacity's `capacity` and
 * `maximumVolumeSize`): a Kubernetes quantity, never negative (the API server's
 * ValidateResourceQuantityValue), read in whole bytes as resource.Quantity.Value() reads
 * it (rounded up), at most 2^53 - 1 so that sizes compare exactly.
 */
export const storageQuantitySchema = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const text = typeof v === 'number' ? String(v) : v;
  try {
    const bytes = unitValue(text);
    if (bytes < 0) {
      ctx.addIssue({ code: 'custom', message: `must be greater than or equal to 0, got ${excerpt(v)}` });
      return z.NEVER;
    }
    return bytes;
  } catch (e) {
    if (!(e instanceof QuantityError)) throw e;
    ctx.addIssue({ code: 'custom', message: e.message });
    return z.NEVER;
  }
});

/** A v1 ResourceList holding `storage` (other names are kept by the API and ignored here). */
export const storageListSchema = z.looseObject({ storage: storageQuantitySchema.optional() });
