import { join } from 'node:path';
import { InputError } from '../model/errors.js';
import type { CellResult } from './cell.js';
import { CELLS_FILE, readCellsFile } from './cells-file.js';
import type { PlanFile } from './plan-file.js';
import { PLAN_FILE, readPlanFile } from './plan-file.js';
import type { PlanOutline } from './write-sweep-output.js';

/** Cell ids listed in a message, at most this many. */
const LISTED = 5;

/** The merged shards: the plan they share and every cell's result. */
export interface MergedShards {
  readonly plan: PlanOutline;
  readonly results: ReadonlyMap<string, CellResult>;
}

/**
 * Reads shard folders (or report folders: they hold the same plan.json and cells.jsonl)
 * and checks that they make one whole plan: the same plan hash in every folder, every
 * cell of the plan present exactly once, no cell the plan lacks. Anything else is an
 * InputError naming the folder and the cells missing or twice.
 */
export function mergeShards(dirs: readonly string[]): MergedShards {
  if (dirs.length === 0) throw new InputError({ path: 'merge' }, 'expected at least one shard folder');
  let first: { dir: string; plan: PlanFile } | null = null;
  const results = new Map<string, CellResult>();
  const from = new Map<string, string>();
  for (const dir of dirs) {
    const plan = readPlanFile(join(dir, PLAN_FILE));
    if (first === null) first = { dir, plan };
    else if (plan.plan !== first.plan.plan) {
      throw new InputError({ file: dir }, `is a shard of another plan (${plan.plan.slice(0, 12)}) than ${first.dir} (${first.plan.plan.slice(0, 12)}): the scenario files, seeds, policies or schedbench version differ; merge shards of one sweep only`);
    }
    const cells = readCellsFile(join(dir, CELLS_FILE), 'refuse');
    if (cells === null) throw new InputError({ file: join(dir, CELLS_FILE) }, 'missing: the shard has no results (did it finish?)');
    if (cells.plan !== plan.plan) throw new InputError({ file: join(dir, CELLS_FILE) }, `holds cells of plan ${cells.plan.slice(0, 12)}, but plan.json says ${plan.plan.slice(0, 12)}`);
    const known = new Set(first.plan.cells);
    for (const r of cells.results) {
      if (!known.has(r.id)) throw new InputError({ file: join(dir, CELLS_FILE) }, `holds cell ${r.id}, which the plan does not have`);
      const other = from.get(r.id);
      if (other !== undefined) {
        throw new InputError({ file: dir }, `cell ${r.id} is also in ${other}${other === dir ? ' (twice in one folder)' : ''}: each cell must come from one shard (the same shard given twice?)`);
      }
      from.set(r.id, dir);
      results.set(r.id, r);
    }
  }
  const plan = first!.plan;
  const missing = plan.cells.flatMap((id, i) => (results.has(id) ? [] : [{ id, i }]));
  if (missing.length > 0) {
    const split = dirs.map((d) => readPlanFile(join(d, PLAN_FILE)).shard).find((s) => s !== null);
    const n = split === undefined ? null : Number(split.split('/')[1]);
    const absent = n === null ? [] : [...new Set(missing.map((m) => `${(m.i % n) + 1}/${n}`))];
    const shards = absent.length === 0 ? '' : `; shard${absent.length > 1 ? 's' : ''} ${absent.slice(0, 20).join(', ')} ${absent.length > 1 ? 'are' : 'is'} missing or unfinished`;
    throw new InputError({ path: 'merge' }, `${missing.length} of ${plan.cells.length} cells are in none of the folders, e.g. ${missing.slice(0, LISTED).map((m) => m.id).join(', ')}${shards}; run (or --resume) those shards and merge again`);
  }
  return { plan: { hash: plan.plan, cells: plan.cells.map((id) => ({ id })), report: plan.report }, results };
}
