import { closeSync, existsSync, fsyncSync, openSync, readSync, renameSync, statSync, writeSync } from 'node:fs';
import { describeIssue } from '../model/describe-issue.js';
import { excerpt, formatPath, InputError } from '../model/errors.js';
import type { CellResult } from './cell.js';
import { cellId } from './cell.js';
import { decodeCellResult, encodeCellResult } from './cell-codec.js';
import { cellResultSchema } from './cell-result-schema.js';
import { METRICS } from '../metrics/catalogue.js';

/** The metric ids every result holds. */
const METRIC_IDS: readonly string[] = METRICS.map((m) => m.id);

/**
 * cells.jsonl: the results of a plan's cells, one per line after a header line
 * `{"schedbench":"cells","plan":"<hash>"}`. Report folders and shard folders hold one
 * (merge and --resume read it), and a running sweep appends to a journal in the same
 * format, one line per finished cell, so a killed run loses only the cells in flight.
 */
export const CELLS_FILE = 'cells.jsonl';

/** The running sweep's journal inside the output folder (hidden: not part of a report). */
export const JOURNAL_FILE = '.cells-journal.jsonl';

/** The header line of a cells file for plan `hash` (and, for a shard's, which shard: "k/n"). */
export function cellsHeader(hash: string, shard: string | null): string {
  return `${JSON.stringify(shard === null ? { schedbench: 'cells', plan: hash } : { schedbench: 'cells', plan: hash, shard })}\n`;
}

/** A whole cells file: the header and the results in the given order. */
export function cellsFileText(hash: string, shard: string | null, results: readonly CellResult[]): string {
  return cellsHeader(hash, shard) + results.map((r) => `${encodeCellResult(r)}\n`).join('');
}

/** What a cells file holds. */
export interface CellsFile {
  readonly plan: string;
  /** The shard ("k/n") whose cells these are; null for a whole plan. */
  readonly shard: string | null;
  readonly results: readonly CellResult[];
}

/** Longest line of a cells file (one cell's result, its placements included). */
const MAX_LINE_BYTES = 256 * 1024 * 1024;

/**
 * Reads a cells file, line by line (a sweep's file may be far larger than one string).
 * `torn: 'drop'` (a journal) ignores a last line without its newline: the writer was
 * killed in the middle of it. Anything else that is not a cell result (checked against
 * cellResultSchema, and its id against its key) is an InputError naming the file, the
 * line and the field. null when the file does not exist.
 */
export function readCellsFile(path: string, torn: 'drop' | 'refuse'): CellsFile | null {
  if (!existsSync(path)) return null;
  if (!statSync(path).isFile()) throw new InputError({ file: path }, 'not a regular file');
  let plan: string | null = null;
  let shard: string | null = null;
  const results: CellResult[] = [];
  let n = 0;
  const endsCut = eachLine(path, (line) => {
    n++;
    if (n === 1) {
      const header = parseLine(path, 1, line);
      const h = typeof header === 'object' && header !== null ? (header as { schedbench?: unknown; plan?: unknown; shard?: unknown }) : {};
      if (h.schedbench !== 'cells' || typeof h.plan !== 'string') {
        throw new InputError({ file: path, line: 1 }, `expected the header line {"schedbench":"cells","plan":...}, got ${excerpt(line)}`);
      }
      plan = h.plan;
      shard = typeof h.shard === 'string' ? h.shard : null;
      return;
    }
    results.push(checkedResult(path, n, parseLine(path, n, line)));
  });
  if (endsCut && torn === 'refuse') throw new InputError({ file: path, line: n + 1 }, 'the file ends in the middle of a line (cut short?)');
  if (plan === null) {
    if (torn === 'drop') return null;
    throw new InputError({ file: path, line: 1 }, 'expected the header line {"schedbench":"cells","plan":...}, got an empty file');
  }
  return { plan, shard, results };
}

/**
 * Calls `fn` with each complete line of the file, reading it in chunks; returns whether
 * the file ends with a partial line (not passed to `fn`).
 */
function eachLine(path: string, fn: (line: string) => void): boolean {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(1024 * 1024);
    let parts: Buffer[] = [];
    let held = 0;
    for (;;) {
      const got = readSync(fd, chunk, 0, chunk.length, null);
      if (got === 0) return held > 0;
      let from = 0;
      for (let nl = chunk.indexOf(10, 0); nl !== -1 && nl < got; nl = chunk.indexOf(10, from)) {
        parts.push(chunk.subarray(from, nl));
        fn(Buffer.concat(parts).toString('utf8'));
        parts = [];
        held = 0;
        from = nl + 1;
      }
      if (from < got) {
        parts.push(Buffer.from(chunk.subarray(from, got)));
        held += got - from;
        if (held > MAX_LINE_BYTES) throw new InputError({ file: path }, `a line longer than ${MAX_LINE_BYTES / 1024 / 1024} MiB: not a cells file`);
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** A parsed line as a cell result, or an InputError naming its line and field. */
function checkedResult(path: string, line: number, v: unknown): CellResult {
  const r = cellResultSchema.safeParse(v);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const at = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...issue.path, issue.keys[0]!] : issue.path;
    // A custom check (a number that may be NaN) says what it expected; add what is there.
    const got = issue.code === 'custom' ? `, got ${excerpt(issue.path.reduce<unknown>((o, k) => (o as Record<PropertyKey, unknown> | undefined)?.[k], v))}` : '';
    throw new InputError({ file: path, line, path: formatPath(at) || undefined }, `not a cell result: ${describeIssue(issue, v)}${got}`);
  }
  // Exactly the catalogue's metrics: a missing one would be an empty cell, a foreign one ignored.
  const ids = Object.keys(r.data.run.values);
  const missing = METRIC_IDS.find((m) => !Object.hasOwn(r.data.run.values, m));
  if (missing !== undefined) throw new InputError({ file: path, line, path: `run.values.${missing}` }, 'not a cell result: the metric is missing');
  if (ids.length !== METRIC_IDS.length) {
    const extra = ids.find((m) => !METRIC_IDS.includes(m))!;
    throw new InputError({ file: path, line, path: 'run.values' }, `not a cell result: unknown metric ${excerpt(extra)}`);
  }
  const { scenario, policy, seed } = r.data.run.key;
  if (r.data.id !== cellId(scenario, policy, seed)) {
    throw new InputError({ file: path, line, path: 'id' }, `${excerpt(r.data.id)} is not the id of the run it holds (${cellId(scenario, policy, seed)})`);
  }
  return r.data as CellResult;
}

/**
 * An open journal: each result is appended as one line and flushed to disk before the
 * cell counts as done, so a crash right after keeps it.
 */
export class CellJournal {
  private readonly fd: number;

  /**
   * Starts the journal at `path` anew for plan `hash`, holding `kept` (the cells a resumed
   * run keeps). It is written whole under a temporary name and renamed over the old one,
   * so a kill at any moment leaves the old journal or the new, never a shorter one.
   */
  constructor(readonly path: string, hash: string, shard: string | null, kept: Iterable<CellResult>) {
    const tmp = `${path}.tmp-${process.pid}`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, cellsHeader(hash, shard));
      for (const r of kept) writeSync(fd, `${encodeCellResult(r)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // rename replaces a link at `path` itself; nothing is written through it.
    renameSync(tmp, path);
    this.fd = openSync(path, 'a');
  }

  /** Appends one result as one line, flushed to disk before the cell counts as done. */
  append(r: CellResult): void {
    writeSync(this.fd, `${encodeCellResult(r)}\n`);
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}

function parseLine(path: string, line: number, text: string): unknown {
  try {
    return decodeCellResult(text);
  } catch {
    throw new InputError({ file: path, line }, `not JSON: ${excerpt(text)}`);
  }
}
