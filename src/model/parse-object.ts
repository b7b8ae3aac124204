import type { z } from 'zod';
import { describeIssue } from './describe-issue.js';
import { InputError, formatPath, pathPartsOf } from './errors.js';

/** How an object compiler reports a bad field: the path under the object and what is wrong. */
export type FieldFail = (path: string, problem: string) => never;

/**
 * Parses one Kubernetes object with its kind's schema and hands back the data and a
 * `fail` that raises InputError naming the file, the object (`<Kind> <ns>/<name>`) and the
 * field path (the loader adds the line). The first schema issue is the error.
 */
export function parseObject<T>(
  schema: z.ZodType<T>, raw: unknown, kind: string, opts: { readonly file?: string; readonly defaultNamespace?: string; readonly namespaced: boolean },
): { readonly data: T; readonly fail: FieldFail } {
  const meta = (raw as { metadata?: { name?: unknown; namespace?: unknown } } | null)?.metadata;
  const name = typeof meta?.name === 'string' ? meta.name : '(unnamed)';
  const ns = typeof meta?.namespace === 'string' ? meta.namespace : (opts.defaultNamespace ?? 'default');
  const object = `${kind} ${opts.namespaced && ns !== '' ? `${ns}/` : ''}${name}`;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError({ file: opts.file, object, path: formatPath(issue.path), pathParts: issue.path }, describeIssue(issue, raw));
  }
  const fail: FieldFail = (path, problem) => {
    throw new InputError({ file: opts.file, object, path, pathParts: pathPartsOf(path) }, problem);
  };
  return { data: parsed.data, fail };
}
