import { InputError } from '../model/errors.js';
import { INPUT_LIMITS } from '../model/input-limits.js';
import { checkDepth } from '../model/parse-yaml.js';
import { readInputFile } from '../model/read-input-file.js';

/**
 * Reads one conformance vector file as JSON: capped at INPUT_LIMITS.jsonBytes (no
 * devices or folders), a BOM accepted, nesting bounded by INPUT_LIMITS.nestingDepth.
 * A syntax error is one line with the file and, when JSON.parse gives a position, its
 * line; never the file's text beyond the few characters JSON.parse quotes.
 */
export function readVectorJson(file: string): unknown {
  const text = readInputFile(file, { what: 'JSON', maxBytes: INPUT_LIMITS.jsonBytes });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /at position (\d+)/.exec(message);
    const line = at === null ? undefined : lineAt(text, Number(at[1]));
    // "Unexpected token 'x', "...text..." is not valid JSON": keep the token, drop the quote of the file.
    const problem = message.replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
    throw new InputError({ file, line }, `not valid JSON: ${problem}`);
  }
  checkDepth(value, file);
  return value;
}

/** 1-based line of character `pos` in `text`. */
function lineAt(text: string, pos: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
