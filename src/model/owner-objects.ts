import { z } from 'zod';
import { describeIssue } from './describe-issue.js';
import { InputError, formatPath, pathPartsOf } from './errors.js';
import { labelSelectorSchema, objectMetaSchema } from './k8s-schema.js';
import { labelMapSchema } from './label-schema.js';
import type { LabelSelector, LabelSet } from './labels.js';
import { compileLabelSelector, compileLabels, SELECT_NOTHING, selectorMatches } from './labels.js';
import type { ModelContext } from './model-context.js';
import type { OwnerRef } from './pod.js';
import type { ControllerKind, Workload } from './workload.js';
import { labelsAsSelector } from './workload.js';

/**
 * The controllers that own pods, read at the door the way the API server validates and
 * defaults them (pkg/apis/apps/validation, pkg/apis/batch/validation,
 * pkg/apis/core/validation ValidateReplicationController, and the v1 defaulters): v1
 * ReplicationController, apps/v1 ReplicaSet, StatefulSet, Deployment and DaemonSet,
 * batch/v1 Job. Only what scheduling and the disruption controller read is kept: the
 * selector, the scale (spec.replicas, default 1), a Job's parallelism and completions,
 * and the object's own controller reference (a ReplicaSet's Deployment).
 */

/** Where a workload came from and how strictly to read it (see compileWorkload). */
export interface WorkloadDoor {
  readonly file: string | undefined;
  /** "ReplicaSet web-1234" for error messages. */
  readonly object: string;
  readonly namespace: string;
  readonly apiValidation: boolean;
}

const INT32_MAX = 2147483647;
/** A non-negative int32 (ValidateNonnegativeField on an int32 field). */
const count = z.number().int().min(0, 'must be greater than or equal to 0').max(INT32_MAX, `must be at most ${INT32_MAX} (an int32)`);
const meta = objectMetaSchema.extend({ name: z.string().min(1, 'a workload needs metadata.name') });
const template = z.looseObject({ metadata: z.looseObject({ labels: labelMapSchema.nullish() }).nullish() });

const rcSpec = z.looseObject({ selector: labelMapSchema.nullish(), replicas: count.nullish(), template: template.nullish() });
const scaledSpec = z.looseObject({ selector: labelSelectorSchema.nullish(), replicas: count.nullish(), template: template.nullish() });
const jobSpec = z.looseObject({
  selector: labelSelectorSchema.nullish(), parallelism: count.nullish(), completions: count.nullish(), template: template.nullish(),
});
const daemonSetSpec = z.looseObject({ selector: labelSelectorSchema.nullish(), template: template.nullish() });

const controllerSchema = z.discriminatedUnion('kind', [
  z.looseObject({ kind: z.literal('ReplicationController'), metadata: meta, spec: rcSpec.nullish() }),
  z.looseObject({ kind: z.literal('ReplicaSet'), metadata: meta, spec: scaledSpec.nullish() }),
  z.looseObject({ kind: z.literal('StatefulSet'), metadata: meta, spec: scaledSpec.nullish() }),
  z.looseObject({ kind: z.literal('Deployment'), metadata: meta, spec: scaledSpec.nullish() }),
  z.looseObject({ kind: z.literal('Job'), metadata: meta, spec: jobSpec.nullish() }),
  z.looseObject({ kind: z.literal('DaemonSet'), metadata: meta, spec: daemonSetSpec.nullish() }),
]);

/** The controller named by metadata.ownerReferences (the entry with controller: true), as metav1.GetControllerOf. */
export function controllerRefOf(
  refs: readonly { readonly apiVersion?: string | null; readonly kind: string; readonly name: string; readonly controller?: boolean | null }[] | null | undefined,
): OwnerRef | null {
  const ref = (refs ?? []).find((r) => r.controller === true);
  return ref ? { apiVersion: ref.apiVersion ?? '', kind: ref.kind, name: ref.name } : null;
}

/**
 * Validates one controller (`kind` already checked) and compiles it; throws InputError
 * naming the field. With `door.apiValidation`, what the API server refuses is refused:
 * an apps/v1 selector that is missing or empty, a selector that does not match
 * spec.template.metadata.labels, a ReplicationController without any selector.
 */
export function compileController(raw: unknown, kind: ControllerKind, ctx: ModelContext, door: WorkloadDoor): Workload {
  const parsed = controllerSchema.safeParse(raw);
  const fail = (path: string, problem: string): never => {
    throw new InputError({ file: door.file, object: door.object, path, pathParts: pathPartsOf(path) }, problem);
  };
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError({ file: door.file, object: door.object, path: formatPath(issue.path), pathParts: issue.path }, describeIssue(issue, raw));
  }
  const w = parsed.data;
  const { symbols } = ctx;
  const namespace = symbols.intern(door.namespace);
  const templateLabels = w.spec?.template?.metadata?.labels;
  const base = { kind, namespace, name: w.metadata.name, owner: controllerRefOf(w.metadata.ownerReferences) };
  const selectorFail = (p: string, m: string) => fail(`spec.selector.${p}`, m);
  // The API server refuses a selector that would not select the controller's own pods.
  const checkTemplate = (selector: LabelSelector) => {
    if (!door.apiValidation || templateLabels === null || templateLabels === undefined) return;
    if (!selectorMatches(selector, compileLabels(templateLabels, symbols), symbols)) {
      fail('spec.template.metadata.labels', '`selector` does not match template `labels`');
    }
  };
  switch (w.kind) {
    case 'ReplicationController': {
      // SetDefaults_ReplicationController: a missing selector is the template's labels.
      const map = w.spec?.selector ?? templateLabels;
      const labels: LabelSet | null = map === null || map === undefined ? null : compileLabels(map, symbols);
      if (door.apiValidation && (labels === null || labels.length === 0)) fail('spec.selector', 'required: a map of labels (or spec.template.metadata.labels to default it from)');
      const selector = labels === null ? SELECT_NOTHING : labelsAsSelector(labels);
      checkTemplate(selector);
      return { ...base, selector, labels, replicas: w.spec?.replicas ?? 1, parallelism: null, completions: null };
    }
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'Deployment':
    case 'DaemonSet': {
      const sel = w.spec?.selector;
      if (door.apiValidation) {
        if (sel === null || sel === undefined) fail('spec.selector', 'required: a LabelSelector (matchLabels / matchExpressions) matching spec.template.metadata.labels');
        if (Object.keys(sel!.matchLabels ?? {}).length === 0 && (sel!.matchExpressions ?? []).length === 0) {
          fail('spec.selector', 'empty selector is invalid (it would select every pod of the namespace)');
        }
      }
      const selector = compileLabelSelector(sel, symbols, selectorFail);
      checkTemplate(selector);
      const replicas = w.kind === 'DaemonSet' ? null : (w.spec?.replicas ?? 1);
      return { ...base, selector, labels: null, replicas, parallelism: null, completions: null };
    }
    case 'Job': {
      // Without spec.selector the API server generates one from the Job's uid
      // (batch.kubernetes.io/controller-uid); nothing here reads a Job's selector, so a
      // hand-written Job without one selects no pod.
      const selector = compileLabelSelector(w.spec?.selector, symbols, selectorFail);
      if (!selector.nothing) checkTemplate(selector);
      return { ...base, selector, labels: null, replicas: null, parallelism: w.spec?.parallelism ?? 1, completions: w.spec?.completions ?? null };
    }
    default: {
      const never: never = w;
      throw new Error(`unhandled controller ${String(never)}`);
    }
  }
}
