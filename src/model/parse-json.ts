import { InputError } from './errors.js';
import { lineAt } from './json-position.js';
import { checkDepth } from './parse-yaml.js';

/**
 * Parses a user's JSON text: a syntax error is one line naming the file and, when
 * JSON.parse gives a position, its line, never the file's text beyond the token V8
 * quotes; nesting is bounded by INPUT_LIMITS.nestingDepth (checkDepth).
 */
export function parseJson(text: string, file: string): unknown {
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
