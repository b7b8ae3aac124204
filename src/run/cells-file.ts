import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { excerpt, InputError } from '../model/errors.js';
import type { CellResult } from './cell.js';
import { decodeCellResult, encodeCellResult } from './cell-codec.js';

/**
 * cells.jsonl: the results of a plan's cells, one per line after a header line
 * `{"schedbench":"cells","plan":"<hash>"}`. Report folders and shard folders hold one
 * (merge and --resume read it), and a running sweep appends to a journal in the same
 * format, one line per finished cell, so a killed run loses only the cells in flight.
 */
export const CELLS_FILE = 'cells.jsonl';

/** The running sweep's journal inside the output folder (hidden: not part of a report). */
export const JOURNAL_FILE = '.cells-journal.jsonl';

/** The header line of a cells file for plan `hash`. */
export function cellsHeader(hash: string): string {
  return `${JSON.stringify({ schedbench: 'cells', plan: hash })}\n`;
}

/** A whole cells file: the header and the results in the given order. */
export function cellsFileText(hash: string, results: readonly CellResult[]): string {
  return cellsHeader(hash) + results.map((r) => `${encodeCellResult(r)}\n`).join('');
}

/** What a cells file holds. */
export interface CellsFile {
  readonly plan: string;
  readonly results: readonly CellResult[];
}

/**
 * Reads a cells file. `torn: 'drop'` (a journal) ignores a last line without its newline:
 * the writer was killed in the middle of it. Anything else that is not a cell result is
 * an InputError naming the file and line. null when the file does not exist.
 */
export function readCellsFile(path: string, torn: 'drop' | 'refuse'): CellsFile | null {
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const last = lines.pop()!;
  if (last !== '' && torn === 'refuse') throw new InputError({ file: path, line: lines.length + 1 }, 'the file ends in the middle of a line (cut short?)');
  if (lines.length === 0) {
    if (torn === 'drop') return null;
    throw new InputError({ file: path, line: 1 }, 'expected the header line {"schedbench":"cells","plan":...}, got an empty file');
  }
  const header = parseLine(path, 1, lines[0]!);
  const plan = typeof header === 'object' && header !== null ? (header as { schedbench?: unknown; plan?: unknown }) : {};
  if (plan.schedbench !== 'cells' || typeof plan.plan !== 'string') {
    throw new InputError({ file: path, line: 1 }, `expected the header line {"schedbench":"cells","plan":...}, got ${excerpt(lines[0])}`);
  }
  const results: CellResult[] = [];
  for (let i = 1; i < lines.length; i++) {
    const v = parseLine(path, i + 1, lines[i]!);
    if (!isCellResult(v)) throw new InputError({ file: path, line: i + 1 }, 'expected a cell result {"id":...,"run":...,"wallMs":...}');
    results.push(v);
  }
  return { plan: plan.plan, results };
}

/**
 * An open journal: each result is appended as one line and flushed to disk before the
 * cell counts as done, so a crash right after keeps it.
 */
export class CellJournal {
  private readonly fd: number;

  /** Opens `path` for appending; `fresh` starts it anew with the header of plan `hash`. */
  constructor(readonly path: string, hash: string, fresh: boolean) {
    this.fd = openSync(path, fresh ? 'w' : 'a');
    if (fresh) this.write(cellsHeader(hash));
  }

  append(r: CellResult): void {
    this.write(`${encodeCellResult(r)}\n`);
  }

  close(): void {
    closeSync(this.fd);
  }

  private write(text: string): void {
    writeSync(this.fd, text);
    fsyncSync(this.fd);
  }
}

function parseLine(path: string, line: number, text: string): unknown {
  try {
    return decodeCellResult(text);
  } catch {
    throw new InputError({ file: path, line }, `not JSON: ${excerpt(text)}`);
  }
}

function isCellResult(v: unknown): v is CellResult {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<Record<keyof CellResult, unknown>>;
  return typeof r.id === 'string' && typeof r.run === 'object' && r.run !== null && typeof r.wallMs === 'number';
}
