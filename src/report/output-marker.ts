import { closeSync, lstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The marker file schedbench writes into every output folder it makes. A folder is
 * replaced only when it holds this marker (or is empty), so a mistyped `--out` can never
 * delete a user's own files.
 */
export const MARKER_FILE = '.schedbench-report';

/** The layout version the marker declares; bumped when the folder layout changes. */
export const MARKER_VERSION = 1;

/**
 * What wrote a folder: `schedbench run` or `merge` (a report), `schedbench openb` (a
 * report with the experiment's tables), `run --shard` (a shard's cell results), or
 * `schedbench figures` (one file per chart of a report).
 */
export type OutputKind = 'report' | 'openb' | 'shard' | 'figures';

/** Every OutputKind, for parsing. */
export const OUTPUT_KINDS: readonly OutputKind[] = ['report', 'openb', 'shard', 'figures'];

/** How each kind is named in messages. */
export const OUTPUT_KIND_NAMES: Readonly<Record<OutputKind, string>> = {
  report: 'a `schedbench run` report',
  openb: 'a `schedbench openb` result',
  shard: 'a shard of a sweep (`run --shard`)',
  figures: 'the figures of a report (`schedbench figures`)',
};

/** The marker's text: one line of JSON with the kind and the layout version. */
export function markerText(kind: OutputKind): string {
  return `${JSON.stringify({ kind, version: MARKER_VERSION })}\n`;
}

/** What a folder's marker says: its kind, 'none' without a marker, 'invalid' when unreadable. */
export type MarkerState = OutputKind | 'none' | 'invalid';

/** The marker is one short line; anything longer is not one of ours. */
const MAX_MARKER_BYTES = 256;

/** Reads the marker of `dir` (which must be a readable folder). */
export function readMarker(dir: string): MarkerState {
  const path = join(dir, MARKER_FILE);
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return 'none';
  }
  if (!st.isFile() || st.size > MAX_MARKER_BYTES) return 'invalid';
  const buf = Buffer.alloc(MAX_MARKER_BYTES);
  let n: number;
  try {
    const fd = openSync(path, 'r');
    try { n = readSync(fd, buf, 0, MAX_MARKER_BYTES, 0); } finally { closeSync(fd); }
  } catch {
    return 'invalid';
  }
  let v: unknown;
  try {
    v = JSON.parse(buf.subarray(0, n).toString('utf8'));
  } catch {
    return 'invalid';
  }
  if (typeof v !== 'object' || v === null) return 'invalid';
  const kind = (v as { kind?: unknown }).kind;
  return OUTPUT_KINDS.find((k) => k === kind) ?? 'invalid';
}
