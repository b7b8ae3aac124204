/** A name JSON-quoted and cut to 60 characters, for a message about a row. */
export function quoteShort(s: string): string {
  const q = JSON.stringify(s);
  return q.length <= 60 ? q : `${q.slice(0, 59)}…`;
}
