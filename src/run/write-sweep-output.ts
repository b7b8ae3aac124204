import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRICS } from '../metrics/catalogue.js';
import { summarize } from '../metrics/summarize.js';
import { summarizeWhatif } from '../metrics/summarize-whatif.js';
import { WHATIF_MEASURES } from '../metrics/whatif-measures.js';
import type { BenchRow, ReportData, ReportTables } from '../report/index.js';
import { replaceDirAtomic, writeReport } from '../report/index.js';
import type { CellResult } from './cell.js';
import { CELLS_FILE, cellsFileText } from './cells-file.js';
import type { PlanReport } from './plan.js';
import { PLAN_FILE, planFileText } from './plan-file.js';
import { schedbenchVersion } from './schedbench-version.js';
import type { ShardSpec } from './shard-spec.js';
import { shardText } from './shard-spec.js';

/** How summary.csv compares policies, said on every report this writer makes (it calls summarize). */
const SIGNIFICANCE_INFO = ['significance test', 'paired sign-flip permutation test on per-seed differences (exact, two-sided); 95% CIs use Student t'] as const;

/** The plan facts an output folder records (what plan.json holds, less the version). */
export interface PlanOutline {
  readonly hash: string;
  readonly cells: readonly { readonly id: string }[];
  readonly report: PlanReport;
}

/**
 * Writes the report of a plan from its cell results: the one report writer, whatever
 * ran the cells (this process, workers, shards merged, an earlier run resumed). Results
 * are taken in plan order, so the CSVs are byte-identical however the cells were split.
 * The folder also gets plan.json and cells.jsonl, so it can be merged or resumed. A
 * report of fewer cells than the plan says so in its title.
 */
export function writePlanReport(
  dir: string, plan: PlanOutline, results: ReadonlyMap<string, CellResult>, extra: { readonly bench?: readonly BenchRow[] } = {},
): ReportTables {
  const ordered = inPlanOrder(plan, results);
  const runs = ordered.map((r) => r.run);
  const summary = summarize(runs, METRICS, new Map(plan.report.baselines.map(([s, b]) => [s, b])));
  const incomplete = ordered.length < plan.cells.length ? ` (incomplete: ${ordered.length} of ${plan.cells.length} runs)` : '';
  return writeReport(dir, {
    title: plan.report.title + incomplete,
    createdFor: plan.report.createdFor,
    metrics: METRICS,
    runs,
    summary,
    ...(extra.bench ? { bench: extra.bench } : {}),
    ...(plan.report.kind === 'openb' ? { openb: { runs: ordered.flatMap((r) => (r.openb === undefined ? [] : [{ ...r.run.key, ...r.openb }])) } } : {}),
    ...whatifData(ordered),
    ...(plan.report.scenarios !== undefined ? { scenarios: plan.report.scenarios } : {}),
    info: [...plan.report.info, SIGNIFICANCE_INFO],
  }, {
    extraFiles: { [PLAN_FILE]: planFileText(plan, schedbenchVersion(), null), [CELLS_FILE]: cellsFileText(plan.hash, null, ordered) },
  }).tables;
}

/** Writes a shard folder: plan.json and cells.jsonl of the shard's finished cells, in plan order. */
export function writeShardFolder(dir: string, plan: PlanOutline, shard: ShardSpec, results: ReadonlyMap<string, CellResult>): void {
  const ordered = inPlanOrder(plan, results);
  replaceDirAtomic(dir, 'shard', (version) => {
    writeFileSync(join(version, PLAN_FILE), planFileText(plan, schedbenchVersion(), shard));
    writeFileSync(join(version, CELLS_FILE), cellsFileText(plan.hash, shardText(shard), ordered));
  });
}

/** A replay's runs and their summary against the snapshot, when some cell replayed one. */
function whatifData(ordered: readonly CellResult[]): { whatif?: NonNullable<ReportData['whatif']> } {
  const runs = ordered.flatMap((r) => (r.whatif === undefined ? [] : [{ key: r.run.key, whatif: r.whatif }]));
  if (runs.length === 0) return {};
  return {
    whatif: {
      runs: runs.map((r) => ({ policy: r.key.policy, seed: r.key.seed, ...r.whatif })),
      summary: summarizeWhatif(runs, WHATIF_MEASURES),
      measures: WHATIF_MEASURES,
    },
  };
}

function inPlanOrder(plan: PlanOutline, results: ReadonlyMap<string, CellResult>): CellResult[] {
  const out: CellResult[] = [];
  for (const c of plan.cells) {
    const r = results.get(c.id);
    if (r !== undefined) out.push(r);
  }
  return out;
}
