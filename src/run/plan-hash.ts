import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Cell } from './cell.js';
import { schedbenchVersion } from './schedbench-version.js';

/**
 * The hash of a plan: sha256 over the schedbench version, what the cells run on (the
 * resolved scenarios or experiment settings, with every data file they read by content,
 * not by path, so shards on machines with different paths agree), the report's settings
 * and the cell ids in order. Two runs with the same hash compute the same cell results.
 */
export function planHash(parts: { readonly world: unknown; readonly report: unknown; readonly cells: readonly Cell[] }): string {
  const h = createHash('sha256');
  h.update(canonicalJson({ schedbench: schedbenchVersion(), world: parts.world, report: parts.report, cells: parts.cells.map((c) => c.id) }));
  return h.digest('hex');
}

/** sha256 of a file's bytes, standing for the file in a hashed world. */
export function fileDigest(path: string): string {
  return digestOf(readFileSync(path));
}

/** fileDigest of bytes already read. */
export function digestOf(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * JSON with object keys sorted, so equal values give equal text whatever order their
 * fields were built in; non-finite numbers as strings (JSON has none); typed arrays as
 * arrays.
 */
export function canonicalJson(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : JSON.stringify(String(v));
  if (v === null || typeof v !== 'object') return v === undefined ? 'null' : JSON.stringify(v);
  if (ArrayBuffer.isView(v)) return canonicalJson(Array.from(v as unknown as ArrayLike<number>));
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
}
