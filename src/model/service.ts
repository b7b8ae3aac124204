import { z } from 'zod';
import { describeIssue } from './describe-issue.js';
import { InputError, formatPath } from './errors.js';
import { objectMetaSchema } from './k8s-schema.js';
import { labelMapSchema } from './label-schema.js';
import { compileLabels, SELECT_NOTHING } from './labels.js';
import type { ModelContext } from './model-context.js';
import type { WorkloadDoor } from './owner-objects.js';
import type { Workload } from './workload.js';
import { labelsAsSelector } from './workload.js';

const serviceSchema = z.looseObject({
  kind: z.literal('Service'),
  metadata: objectMetaSchema.extend({ name: z.string().min(1, 'a Service needs metadata.name') }),
  spec: z.looseObject({ selector: labelMapSchema.nullish() }).nullish(),
});

/**
 * Validates a v1 Service and compiles what scheduling reads of it: spec.selector, a map
 * of labels. A Service without selector (an ExternalName service, or one whose endpoints
 * are managed by hand) selects no pod (helper.GetPodServices skips it).
 */
export function compileService(raw: unknown, ctx: ModelContext, door: WorkloadDoor): Workload {
  const parsed = serviceSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError({ file: door.file, object: door.object, path: formatPath(issue.path), pathParts: issue.path }, describeIssue(issue, raw));
  }
  const map = parsed.data.spec?.selector;
  const labels = map === null || map === undefined ? null : compileLabels(map, ctx.symbols);
  return {
    kind: 'Service',
    namespace: ctx.symbols.intern(door.namespace),
    name: parsed.data.metadata.name,
    selector: labels === null ? SELECT_NOTHING : labelsAsSelector(labels),
    labels,
    replicas: null,
    parallelism: null,
    completions: null,
    owner: null,
  };
}
