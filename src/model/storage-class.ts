import { z } from 'zod';
import type { Sym } from './ids.js';
import { objectMetaSchema } from './k8s-schema.js';
import type { ModelContext } from './model-context.js';
import { parseObject } from './parse-object.js';

/** storage/v1 VolumeBindingMode; the API server defaults an absent one to Immediate. */
export type VolumeBindingMode = 'Immediate' | 'WaitForFirstConsumer';

/** The provisioner name that means "no dynamic provisioning" (volume.NotSupportedProvisioner). */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

/** One `key In values` of a topology selector term. */
export interface TopologyRequirement {
  readonly key: Sym;
  readonly values: Int32Array;
}

/** A compiled storage.k8s.io/v1 StorageClass. */
export interface StorageClass {
  readonly name: string;
  readonly provisioner: string;
  readonly volumeBindingMode: VolumeBindingMode;
  /** allowedTopologies: terms ORed, each term's requirements ANDed; [] allows every node. */
  readonly allowedTopologies: readonly (readonly TopologyRequirement[])[];
}

const storageClassSchema = z.looseObject({
  apiVersion: z.literal('storage.k8s.io/v1').optional(),
  kind: z.literal('StorageClass').optional(),
  metadata: objectMetaSchema.extend({ name: z.string().min(1, 'a StorageClass needs metadata.name') }),
  provisioner: z.string().optional(),
  volumeBindingMode: z.enum(['Immediate', 'WaitForFirstConsumer']).nullish(),
  allowedTopologies: z.array(z.looseObject({
    matchLabelExpressions: z.array(z.looseObject({ key: z.string().min(1, 'must not be empty'), values: z.array(z.string()).min(1, 'must specify at least one value') })).nullish(),
  })).nullish(),
});

/**
 * Validates a storage.k8s.io/v1 StorageClass as the API server does (a provisioner;
 * allowedTopologies terms with keys and at least one value, ValidateTopologySelectorTerm)
 * and compiles it, volumeBindingMode defaulted to Immediate. Throws InputError naming the field.
 */
export function compileStorageClass(raw: unknown, ctx: ModelContext, opts: { readonly file?: string; readonly apiValidation?: boolean } = {}): StorageClass {
  const { data, fail } = parseObject(storageClassSchema, raw, 'StorageClass', { ...opts, namespaced: false });
  // Off only for kube-scheduler's unit-test vectors, which build classes without a provisioner.
  if ((opts.apiValidation ?? true) && (data.provisioner ?? '') === '') fail('provisioner', 'a StorageClass needs a provisioner (Required value)');
  return {
    name: data.metadata.name,
    provisioner: data.provisioner ?? '',
    volumeBindingMode: data.volumeBindingMode ?? 'Immediate',
    allowedTopologies: (data.allowedTopologies ?? []).map((t) => (t.matchLabelExpressions ?? []).map((e) => ({
      key: ctx.symbols.intern(e.key),
      values: Int32Array.from(e.values, (v) => ctx.symbols.intern(v)),
    }))),
  };
}

/**
 * v1helper.MatchTopologySelectorTerms: no terms allow every node; otherwise some term with
 * at least one requirement (an empty term selects nothing) has every key on the node with
 * one of its values. `label` reads one node label (NO_SYM when absent).
 */
export function topologyAllows(terms: StorageClass['allowedTopologies'], label: (key: Sym) => Sym): boolean {
  if (terms.length === 0) return true;
  for (const term of terms) {
    if (term.length === 0) continue;
    let all = true;
    for (const r of term) {
      const v = label(r.key);
      if (!r.values.includes(v)) { all = false; break; }
    }
    if (all) return true;
  }
  return false;
}
