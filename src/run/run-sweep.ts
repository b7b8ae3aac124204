import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../model/errors.js';
import type { BenchRow, ReportTables } from '../report/index.js';
import { claimOutputFolder, releaseOutputFolder } from '../report/index.js';
import type { Cell, CellResult } from './cell.js';
import { CellJournal, CELLS_FILE, JOURNAL_FILE, readCellsFile } from './cells-file.js';
import { runCellsOnPool } from './cell-pool.js';
import type { Plan } from './plan.js';
import type { ShardSpec } from './shard-spec.js';
import { inShard, shardText } from './shard-spec.js';
import { writePlanReport, writeShardFolder } from './write-sweep-output.js';

/** How to run a plan. */
export interface SweepOptions {
  /** The output folder: a report, or with `shard` a shard folder. */
  readonly out: string;
  /** Worker threads; 1 runs the cells in this thread. */
  readonly jobs: number;
  /** Run only this shard's cells and write a shard folder; null: the whole plan, a report. */
  readonly shard: ShardSpec | null;
  /** Keep the cells `out` already holds for the same plan and run only the others. */
  readonly resume: boolean;
  /** Micro-benchmark rows to put in the report (npm run bench). */
  readonly bench?: readonly BenchRow[];
}

/** What a sweep tells its watcher (the CLI's progress bar). */
export interface SweepWatcher {
  /** `total` cells to have, `done` of them already there (resumed), on `jobs` threads. */
  start(total: number, done: number, jobs: number): void;
  cellStart(slot: number, cell: Cell): void;
  cellDone(slot: number, cell: Cell, result: CellResult, done: number): void;
  stop(): void;
}

/** What a sweep did. */
export interface SweepOutcome {
  readonly dir: string;
  /** Cells this run was to have (the plan's, or the shard's). */
  readonly planned: number;
  /** Cells with results when it ended (resumed and run). */
  readonly done: number;
  /** Of those, taken over from an earlier run (--resume). */
  readonly resumed: number;
  readonly interrupted: boolean;
  /** false when nothing had finished: then nothing is written. */
  readonly written: boolean;
  /**
   * A whole report's tables as its folder reads back (the one writer's numbers, for a
   * verdict on stdout without reading the folder again); absent for a shard or nothing written.
   */
  readonly tables?: ReportTables;
}

/**
 * Runs a plan (or one shard of it) and writes its output folder:
 *   1. the folder is claimed first (claimOutputFolder), so a bad --out fails before any work;
 *   2. with --resume, the cells it already holds for the same plan (in its cells.jsonl and
 *      in the journal a killed run left) are kept; a folder of another plan is refused;
 *   3. the other cells run on the pool; each result is appended to the folder's journal
 *      as it finishes, so a killed run loses only the cells in flight;
 *   4. the report (or shard folder) is written from the results in plan order, and the
 *      journal removed.
 * Ctrl-C (SIGINT) or SIGTERM stops starting cells, abandons those in flight and writes what finished
 * (the report's title says it is incomplete); `resume` later picks up the rest.
 */
export async function runSweep(plan: Plan, opts: SweepOptions, watch: SweepWatcher): Promise<SweepOutcome> {
  const mine = plan.cells.filter((_, i) => inShard(i, opts.shard));
  const kind = opts.shard !== null ? 'shard' : plan.report.kind === 'openb' ? 'openb' : 'report';
  const claim = claimOutputFolder(opts.out, kind);
  const dir = claim.path;
  const journalPath = join(dir, JOURNAL_FILE);
  const results = opts.resume ? resumedResults(dir, plan, opts.shard, mine) : new Map<string, CellResult>();
  const resumed = results.size;
  const journal = new CellJournal(journalPath, plan.hash, opts.shard === null ? null : shardText(opts.shard), results.values());
  const todo = mine.filter((c) => !results.has(c.id));

  let interrupted = false;
  let journalClosed = false;
  // The first Ctrl-C stops the sweep and keeps what finished; a second one quits at once.
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
  };
  // SIGTERM is how Kubernetes and Slurm stop a preempted shard: keep what finished too.
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  // No more threads start than there are cells to run (cell-pool does the same).
  watch.start(mine.length, results.size, Math.max(1, Math.min(opts.jobs, todo.length)));
  try {
    await runCellsOnPool(plan.world, todo, opts.jobs, {
      onStart: (slot, cell) => watch.cellStart(slot, cell),
      onDone: (slot, cell, r) => {
        journal.append(r);
        results.set(cell.id, r);
        watch.cellDone(slot, cell, r, results.size);
      },
    }, () => interrupted);
  } catch (e) {
    // A cell failed (bad input found only when running, or a bug): what finished stays in
    // the journal for --resume; a folder this run made and nothing finished in goes away.
    if (results.size === 0) {
      journal.close();
      releaseOutputFolder(claim, [JOURNAL_FILE]);
      journalClosed = true;
    }
    throw e;
  } finally {
    watch.stop();
    process.removeListener('SIGINT', onSigint);
    process.removeListener('SIGTERM', onSigint);
    if (!journalClosed) journal.close();
  }
  const outcome = { dir: opts.out, planned: mine.length, done: results.size, resumed, interrupted };
  // A shard with no cells of its own (more shards than cells) still writes its folder,
  // so a merge of all N shards finds every one.
  if (results.size === 0 && !(opts.shard !== null && mine.length === 0)) {
    releaseOutputFolder(claim, [JOURNAL_FILE]);
    return { ...outcome, written: false };
  }
  const tables = opts.shard !== null
    ? (writeShardFolder(opts.out, plan, opts.shard, results), undefined)
    : writePlanReport(opts.out, plan, results, opts.bench ? { bench: opts.bench } : {});
  rmSync(journalPath, { force: true });
  return { ...outcome, written: true, ...(tables !== undefined ? { tables } : {}) };
}

/**
 * The results an earlier run left in `dir` for this plan: the cells file of its last
 * complete output, then its journal (a run killed before writing). Cells of another
 * plan are refused: resuming them would mix two plans in one report.
 */
function resumedResults(dir: string, plan: Plan, shard: ShardSpec | null, mine: readonly Cell[]): Map<string, CellResult> {
  const wanted = new Set(mine.map((c) => c.id));
  const out = new Map<string, CellResult>();
  for (const [file, torn] of [[CELLS_FILE, 'refuse'], [JOURNAL_FILE, 'drop']] as const) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const cells = readCellsFile(path, torn);
    if (cells === null) continue;
    if (cells.plan !== plan.hash) {
      throw new InputError({ file: path }, `holds cells of another plan (${cells.plan.slice(0, 12)}, this one is ${plan.hash.slice(0, 12)}: scenario files, seeds, policies or the schedbench version differ); run without --resume to replace them, or give another --out`);
    }
    // Another shard's cells would be dropped by the filter below, and its folder replaced.
    const want = shard === null ? null : shardText(shard);
    if (cells.shard !== want) {
      throw new InputError({ file: path }, `holds the cells of ${cells.shard === null ? 'a whole plan, not a shard' : `shard ${cells.shard}`}, not of ${want === null ? 'the whole plan' : `shard ${want}`}; resume each shard into its own folder, or give another --out`);
    }
    for (const r of cells.results) if (wanted.has(r.id)) out.set(r.id, r);
  }
  return out;
}
