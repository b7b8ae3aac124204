import { describeIssue } from './describe-issue.js';
import { InputError, formatPath } from './errors.js';
import type { Sym } from './ids.js';
import { namespaceSchema } from './k8s-schema.js';
import type { LabelSet } from './labels.js';
import { compileLabels } from './labels.js';
import type { ModelContext } from './model-context.js';
import type { SymbolTable } from './symbols.js';

/**
 * The label the API server puts on every Namespace, valued with the namespace's name
 * (v1.LabelMetadataName; GA since 1.22, NamespaceDefaultLabelName), so that a
 * namespaceSelector can pick namespaces by name.
 */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** A namespace's name and labels (for pod-affinity namespaceSelector). */
export interface CompiledNamespace {
  readonly name: string;
  /** metadata.labels with NAMESPACE_NAME_LABEL set to the name. */
  readonly labels: LabelSet;
}

/**
 * Validates a v1 Namespace and compiles it with the label the API server adds: mirrors
 * SetDefaults_Namespace (pkg/apis/core/v1/defaults.go), which sets
 * `kubernetes.io/metadata.name: <name>` on every named namespace, over any value the
 * object carried, so a namespace read from a file looks as it would in a cluster.
 */
export function compileNamespace(raw: unknown, ctx: ModelContext, file?: string): CompiledNamespace {
  const parsed = namespaceSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = (raw as { metadata?: { name?: unknown } } | null)?.metadata?.name;
    throw new InputError({ file, object: `namespace ${typeof name === 'string' ? name : '(unnamed)'}`, path: formatPath(issue.path), pathParts: issue.path }, describeIssue(issue, raw));
  }
  const { name, labels } = parsed.data.metadata;
  const withName = Object.assign(Object.create(null) as Record<string, string>, labels ?? {}, { [NAMESPACE_NAME_LABEL]: name });
  return { name, labels: compileLabels(withName, ctx.symbols) };
}

/** The labels of a namespace known only by name (a pod uses it; no Namespace object was given). */
export function synthesizedNamespaceLabels(ns: Sym, symbols: SymbolTable): LabelSet {
  return compileLabels({ [NAMESPACE_NAME_LABEL]: symbols.text(ns) }, symbols);
}
