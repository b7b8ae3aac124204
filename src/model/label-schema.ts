import { z } from 'zod';
import { excerpt } from './errors.js';
import { isQualifiedName, isValidLabelValue } from './labels.js';

/**
 * Label keys and values, annotation keys and the maps that hold them, checked the way
 * the API server's validation checks them (ValidateLabels, ValidateAnnotations), so a
 * key such as `__proto__` or `a b` is refused with its path instead of being dropped or
 * matched wrongly. The maps are built with a null prototype, so every valid key,
 * `constructor` and `toString` included, stays an ordinary key.
 */

const QUALIFIED_NAME_TEXT = "[prefix/]name, the name at most 63 characters of a-z, A-Z, 0-9, '-', '_', '.' with alphanumeric ends, the prefix a DNS subdomain";
const LABEL_VALUE_TEXT = "at most 63 characters of a-z, A-Z, 0-9, '-', '_', '.' with alphanumeric ends, or empty";

/** Why `key` is not a label key (validation.IsQualifiedName), or null when it is one. */
export function labelKeyProblem(key: string): string | null {
  return isQualifiedName(key) ? null : `not a label key: expected ${QUALIFIED_NAME_TEXT}, got ${excerpt(key)}`;
}

/** Why `value` is not a label value (validation.IsValidLabelValue), or null when it is one. */
export function labelValueProblem(value: unknown): string | null {
  if (typeof value !== 'string') return `expected a string label value, got ${excerpt(value)}`;
  return isValidLabelValue(value) ? null : `not a label value: expected ${LABEL_VALUE_TEXT}, got ${excerpt(value)}`;
}

/** Why `key` is not an annotation key (a qualified name, lower-cased), or null when it is one. */
export function annotationKeyProblem(key: string): string | null {
  return isQualifiedName(key.toLowerCase()) ? null : `not an annotation key: expected ${QUALIFIED_NAME_TEXT}, got ${excerpt(key)}`;
}

/** Why a labels map or nodeSelector entry is wrong (key first), or null (ValidateLabels). */
export function labelProblem(key: string, value: unknown): string | null {
  return labelKeyProblem(key) ?? labelValueProblem(value);
}

/** A label key as a zod schema (a qualified name). */
export const labelKeySchema = z.string().superRefine((k, ctx) => {
  const problem = labelKeyProblem(k);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});

/**
 * A string map read key by key into a null-prototype record: every own key is kept
 * (zod's z.record drops `__proto__`), and each entry is checked by `problem` (null
 * when fine), the issue's path naming the key.
 */
export function checkedStringMap(problem: (key: string, value: unknown) => string | null) {
  return z.custom<Record<string, unknown>>((v) => v !== null && typeof v === 'object' && !Array.isArray(v), {
    message: 'expected a map of strings',
  }).transform((m, ctx) => {
    const out = Object.create(null) as Record<string, string>;
    for (const key of Object.keys(m)) {
      const value = m[key];
      const p = typeof value !== 'string' ? `expected a string, got ${excerpt(value)}` : problem(key, value);
      if (p !== null) {
        ctx.addIssue({ code: 'custom', path: [key], message: p });
        return z.NEVER;
      }
      out[key] = value as string;
    }
    return out;
  });
}

/** metadata.labels or spec.nodeSelector: label keys to label values. */
export const labelMapSchema = checkedStringMap(labelProblem);

/** metadata.annotations: qualified-name keys, any string values. */
export const annotationMapSchema = checkedStringMap((k) => annotationKeyProblem(k));
