/**
 * JSON text that is safe inside a <script> element: `<` is written as \u003c, so no string
 * can close the element (`</script>`) or open a comment (`<!--`), and U+2028/U+2029 are
 * escaped because older JavaScript parsers end a line at them. JSON.parse and JavaScript
 * both read the result back to the same value. NaN and Infinity become null, as in JSON.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
