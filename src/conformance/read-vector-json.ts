import { INPUT_LIMITS } from '../model/input-limits.js';
import { parseJson } from '../model/parse-json.js';
import { readInputFile } from '../model/read-input-file.js';

/**
 * Reads one conformance vector file as JSON: capped at INPUT_LIMITS.jsonBytes (no
 * devices or folders), a BOM accepted, nesting bounded by INPUT_LIMITS.nestingDepth.
 * A syntax error is one line with the file and, when JSON.parse gives a position, its
 * line; never the file's text beyond the few characters JSON.parse quotes.
 */
export function readVectorJson(file: string): unknown {
  const text = readInputFile(file, { what: 'JSON', maxBytes: INPUT_LIMITS.jsonBytes });
  return parseJson(text, file);
}
