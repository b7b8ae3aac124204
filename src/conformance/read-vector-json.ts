import { INPUT_LIMITS } from '../model/input-limits.js';
import { jsonOffsetOf, lineAt } from '../model/json-position.js';
import { parseJson } from '../model/parse-json.js';
import { readInputFile } from '../model/read-input-file.js';

/** A vector file's parsed value, and where a field of it sits in the text. */
export interface VectorJson {
  readonly value: unknown;
  /** The 1-based line of the value at `path` (or of its deepest ancestor present). */
  lineOf(path: readonly PropertyKey[]): number;
}

/**
 * Reads one conformance vector file as JSON: capped at INPUT_LIMITS.jsonBytes (no
 * devices or folders), a BOM accepted, nesting bounded by INPUT_LIMITS.nestingDepth.
 * A syntax error is one line with the file and, when JSON.parse gives a position, its
 * line; never the file's text beyond the few characters JSON.parse quotes.
 */
export function readVectorJson(file: string): VectorJson {
  const text = readInputFile(file, { what: 'JSON', maxBytes: INPUT_LIMITS.jsonBytes });
  const value = parseJson(text, file);
  return { value, lineOf: (path) => lineAt(text, jsonOffsetOf(text, path)) };
}
