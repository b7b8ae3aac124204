import { z } from 'zod';
import type { AccessModeName } from './access-modes.js';
import { ACCESS_MODE_NAMES, accessModeBits, accessModesProblem } from './access-modes.js';
import type { Sym } from './ids.js';
import { labelSelectorSchema, objectMetaSchema } from './k8s-schema.js';
import type { LabelSelector } from './labels.js';
import { compileLabelSelector } from './labels.js';
import type { ModelContext } from './model-context.js';
import { parseObject } from './parse-object.js';
import { storageListSchema } from './storage-quantity.js';

/** The beta annotation that named a claim's class before spec.storageClassName; it still wins (GetPersistentVolumeClaimClass). */
export const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
/** Set by the PV controller once a claim's binding is complete (volume.AnnBindCompleted). */
export const BIND_COMPLETED_ANNOTATION = 'pv.kubernetes.io/bind-completed';
/** Set by the scheduler on a claim to provision for a node (volume.AnnSelectedNode). */
export const SELECTED_NODE_ANNOTATION = 'volume.kubernetes.io/selected-node';

/** v1.PersistentVolumeMode; absent means Filesystem (the API server's default). */
export type VolumeMode = 'Filesystem' | 'Block';

/** A compiled v1.PersistentVolumeClaim: what the volume plugins and the binder read. */
export interface PersistentVolumeClaim {
  readonly name: string;
  readonly namespace: Sym;
  readonly uid: string;
  /** GetPersistentVolumeClaimClass: the beta annotation, else spec.storageClassName, else "" (no class). */
  readonly storageClassName: string;
  /** spec.accessModes as bits (access-modes.ts). */
  readonly accessModes: number;
  /** spec.resources.requests.storage in bytes; 0 when absent (a zero Quantity, as Go reads a missing map entry). */
  readonly requestBytes: number;
  /** Whether spec.resources.requests.storage is given (hasEnoughCapacity checks nothing without it). */
  readonly hasRequest: boolean;
  /** spec.selector over volumes' labels; null when absent (every volume). */
  readonly selector: LabelSelector | null;
  /** spec.volumeName: the volume the claim is bound (or pre-bound) to, "" when none. */
  readonly volumeName: string;
  readonly volumeMode: VolumeMode;
  /** The volume.kubernetes.io/selected-node annotation, "" when absent. */
  readonly selectedNode: string;
  readonly terminating: boolean;
  /** status.phase is Lost: the claim's bound volume is gone (kube refuses the pod at PreFilter). */
  readonly lost: boolean;
}

const accessMode = z.enum(ACCESS_MODE_NAMES);

const pvcSchema = z.looseObject({
  apiVersion: z.literal('v1').optional(),
  kind: z.literal('PersistentVolumeClaim').optional(),
  metadata: objectMetaSchema.extend({ name: z.string().min(1, 'a PersistentVolumeClaim needs metadata.name') }),
  spec: z.looseObject({
    accessModes: z.array(accessMode).nullish(),
    selector: labelSelectorSchema.nullish(),
    resources: z.looseObject({ requests: storageListSchema.nullish(), limits: storageListSchema.nullish() }).nullish(),
    volumeName: z.string().nullish(),
    storageClassName: z.string().nullish(),
    volumeMode: z.enum(['Filesystem', 'Block']).nullish(),
  }),
  status: z.looseObject({ phase: z.string().nullish() }).nullish(),
});

/** Options for compiling a claim. */
export interface CompileClaimOptions {
  readonly file?: string;
  /** @default "default" */
  readonly defaultNamespace?: string;
  /**
   * Check what the API server's validation checks (at least one access mode,
   * ReadWriteOncePod alone, a storage request). Off only for kube-scheduler's unit-test
   * vectors, which bypass the API server. @default true
   */
  readonly apiValidation?: boolean;
}

/**
 * Validates a v1 PersistentVolumeClaim as the API server does
 * (ValidatePersistentVolumeClaimSpec: access modes, a non-negative storage request) and
 * compiles it. Of the status only a Lost phase is read: whether the claim is bound is
 * spec.volumeName (the PV controller's binding of a pre-bound claim is taken as done).
 * Throws InputError naming the field.
 */
export function compilePersistentVolumeClaim(raw: unknown, ctx: ModelContext, opts: CompileClaimOptions = {}): PersistentVolumeClaim {
  const { data, fail } = parseObject(pvcSchema, raw, 'PersistentVolumeClaim', { ...opts, namespaced: true });
  const spec = data.spec;
  const modes: AccessModeName[] = spec.accessModes ?? [];
  if (opts.apiValidation ?? true) {
    const problem = accessModesProblem(modes);
    if (problem !== null) fail('spec.accessModes', problem);
    if (spec.resources?.requests?.storage === undefined) fail('spec.resources.requests.storage', 'a claim must request storage (Required value)');
  }
  const annotations = data.metadata.annotations ?? {};
  const request = spec.resources?.requests?.storage;
  return {
    name: data.metadata.name,
    namespace: ctx.symbols.intern(data.metadata.namespace ?? opts.defaultNamespace ?? 'default'),
    uid: data.metadata.uid ?? '',
    storageClassName: annotations[BETA_STORAGE_CLASS_ANNOTATION] ?? spec.storageClassName ?? '',
    accessModes: accessModeBits(modes),
    requestBytes: request ?? 0,
    hasRequest: request !== undefined,
    selector: spec.selector === null || spec.selector === undefined
      ? null
      : compileLabelSelector(spec.selector, ctx.symbols, (p, m) => fail(`spec.selector.${p}`, m)),
    volumeName: spec.volumeName ?? '',
    volumeMode: spec.volumeMode ?? 'Filesystem',
    selectedNode: annotations[SELECTED_NODE_ANNOTATION] ?? '',
    terminating: data.metadata.deletionTimestamp !== null && data.metadata.deletionTimestamp !== undefined,
    lost: data.status?.phase === 'Lost',
  };
}
