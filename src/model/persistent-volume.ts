import { z } from 'zod';
import type { AccessModeName } from './access-modes.js';
import { ACCESS_MODE_NAMES, accessModeBits, accessModesProblem } from './access-modes.js';
import { nodeSelectorSchema, objectMetaSchema } from './k8s-schema.js';
import type { LabelSet } from './labels.js';
import { compileLabels } from './labels.js';
import type { Sym } from './ids.js';
import { NO_SYM } from './ids.js';
import type { ModelContext } from './model-context.js';
import type { NodeSelector } from './node-selector.js';
import { compileNodeSelector, nodeSelectorMatches, termCanMatch } from './node-selector.js';
import { parseObject } from './parse-object.js';
import { BETA_STORAGE_CLASS_ANNOTATION } from './persistent-volume-claim.js';
import type { VolumeMode } from './persistent-volume-claim.js';
import { storageListSchema } from './storage-quantity.js';
import type { SymbolTable } from './symbols.js';

/** v1.PersistentVolumePhase; absent reads as Pending, as a volume the controller has not seen. */
export type VolumePhase = 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed';

/** The claim a volume is bound (or pre-bound) to: spec.claimRef. */
export interface ClaimRef {
  readonly namespace: string;
  readonly name: string;
  /** "" when the reference names no uid (it then matches any claim of that name). */
  readonly uid: string;
}

/** A compiled v1.PersistentVolume: what the volume plugins and the binder read. */
export interface PersistentVolume {
  readonly name: string;
  readonly labels: LabelSet;
  /** spec.capacity.storage in bytes. */
  readonly capacityBytes: number;
  readonly accessModes: number;
  /** GetPersistentVolumeClass: the beta annotation, else spec.storageClassName, else "". */
  readonly storageClassName: string;
  /** spec.nodeAffinity.required; null when absent (every node can reach the volume). */
  readonly nodeAffinity: NodeSelector | null;
  readonly claimRef: ClaimRef | null;
  readonly phase: VolumePhase;
  readonly volumeMode: VolumeMode;
  /** spec.csi's driver and volumeHandle; null for a volume of another source. */
  readonly csi: { readonly driver: string; readonly volumeHandle: string } | null;
  readonly terminating: boolean;
}

const pvSchema = z.looseObject({
  apiVersion: z.literal('v1').optional(),
  kind: z.literal('PersistentVolume').optional(),
  metadata: objectMetaSchema.extend({ name: z.string().min(1, 'a PersistentVolume needs metadata.name') }),
  spec: z.looseObject({
    capacity: storageListSchema.nullish(),
    accessModes: z.array(z.enum(ACCESS_MODE_NAMES)).nullish(),
    storageClassName: z.string().nullish(),
    nodeAffinity: z.looseObject({ required: nodeSelectorSchema.nullish() }).nullish(),
    claimRef: z.looseObject({ namespace: z.string().nullish(), name: z.string().nullish(), uid: z.string().nullish() }).nullish(),
    volumeMode: z.enum(['Filesystem', 'Block']).nullish(),
    csi: z.looseObject({ driver: z.string().min(1, 'a CSI volume needs its driver'), volumeHandle: z.string().min(1, 'a CSI volume needs its volumeHandle') }).nullish(),
  }),
  status: z.looseObject({ phase: z.enum(['Pending', 'Available', 'Bound', 'Released', 'Failed']).nullish() }).nullish(),
});

/** Options for compiling a volume. */
export interface CompileVolumeOptions {
  readonly file?: string;
  /** As CompileClaimOptions.apiValidation (a capacity, access modes). @default true */
  readonly apiValidation?: boolean;
}

/**
 * Validates a v1 PersistentVolume as the API server does (ValidatePersistentVolumeSpec:
 * a storage capacity, access modes; validateVolumeNodeAffinity: a required node affinity
 * has at least one term) and compiles it. A required node affinity none of whose terms
 * can match any node (every term empty or unparsable, see termCanMatch) is refused too:
 * such a volume could never be used, and a file holding one is a mistake. Throws
 * InputError naming the field.
 */
export function compilePersistentVolume(raw: unknown, ctx: ModelContext, opts: CompileVolumeOptions = {}): PersistentVolume {
  const { data, fail } = parseObject(pvSchema, raw, 'PersistentVolume', { ...opts, namespaced: false });
  const spec = data.spec;
  const modes: AccessModeName[] = spec.accessModes ?? [];
  const capacity = spec.capacity?.storage;
  if (opts.apiValidation ?? true) {
    const problem = accessModesProblem(modes);
    if (problem !== null) fail('spec.accessModes', problem);
    if (capacity === undefined) fail('spec.capacity.storage', 'a volume must have a storage capacity (Required value)');
  }
  let nodeAffinity: NodeSelector | null = null;
  const required = spec.nodeAffinity?.required;
  if (required !== null && required !== undefined) {
    const at = 'spec.nodeAffinity.required';
    if (required.nodeSelectorTerms.length === 0) fail(`${at}.nodeSelectorTerms`, 'must have at least one node selector term');
    nodeAffinity = compileNodeSelector(required, ctx.symbols, (p, m) => fail(`${at}.${p}`, m));
    if (!nodeAffinity.terms.some(termCanMatch)) {
      fail(`${at}.nodeSelectorTerms`, 'no term can match any node (every term is empty or cannot be parsed), so no pod could ever use this volume');
    }
  }
  const ref = spec.claimRef;
  const annotations = data.metadata.annotations ?? {};
  return {
    name: data.metadata.name,
    labels: compileLabels(data.metadata.labels, ctx.symbols),
    capacityBytes: capacity ?? 0,
    accessModes: accessModeBits(modes),
    storageClassName: annotations[BETA_STORAGE_CLASS_ANNOTATION] ?? spec.storageClassName ?? '',
    nodeAffinity,
    claimRef: ref === null || ref === undefined ? null : { namespace: ref.namespace ?? '', name: ref.name ?? '', uid: ref.uid ?? '' },
    phase: data.status?.phase ?? 'Pending',
    volumeMode: spec.volumeMode ?? 'Filesystem',
    csi: spec.csi === null || spec.csi === undefined ? null : { driver: spec.csi.driver, volumeHandle: spec.csi.volumeHandle },
    terminating: data.metadata.deletionTimestamp !== null && data.metadata.deletionTimestamp !== undefined,
  };
}

/**
 * CheckNodeAffinity: a volume without a required node affinity admits every node; else
 * some term must match the node's labels. kube matches against a node holding only the
 * labels, so a matchFields term on metadata.name never matches.
 */
export function volumeAdmitsNode(affinity: NodeSelector | null, label: (key: Sym) => Sym, symbols: SymbolTable): boolean {
  return affinity === null || nodeSelectorMatches(affinity, NO_SYM, label, symbols);
}
