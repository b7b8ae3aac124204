import { existsSync, readFileSync, statSync } from 'node:fs';
import { excerpt, InputError } from '../model/errors.js';
import type { PlanReport } from './plan.js';
import type { ShardSpec } from './shard-spec.js';
import { shardText } from './shard-spec.js';

/**
 * plan.json, beside cells.jsonl in every report and shard folder: which plan the cells
 * belong to (its hash), the ids of all its cells (so a merge knows what is missing), the
 * shard this folder ran, and what the report writer needs.
 */
export const PLAN_FILE = 'plan.json';

/** What plan.json holds. */
export interface PlanFile {
  readonly schedbench: string;
  readonly plan: string;
  /** "k/n", or null for a whole plan. */
  readonly shard: string | null;
  readonly cells: readonly string[];
  readonly report: PlanReport;
}

/** plan.json's text. */
export function planFileText(p: { hash: string; cells: readonly { id: string }[]; report: PlanReport }, version: string, shard: ShardSpec | null): string {
  const file: PlanFile = { schedbench: version, plan: p.hash, shard: shard === null ? null : shardText(shard), cells: p.cells.map((c) => c.id), report: p.report };
  return `${JSON.stringify(file, null, 1)}\n`;
}

/** Most bytes of a plan.json read back (a plan of a million cells fits). */
const MAX_PLAN_BYTES = 128 * 1024 * 1024;

/** Reads a folder's plan.json; an InputError naming the file when it is missing or not one. */
export function readPlanFile(path: string): PlanFile {
  if (!existsSync(path)) throw new InputError({ file: path }, 'missing: not a folder written by `schedbench run` (a shard or a report)');
  const st = statSync(path);
  if (!st.isFile()) throw new InputError({ file: path }, 'not a regular file');
  if (st.size > MAX_PLAN_BYTES) throw new InputError({ file: path }, 'too large to be a plan file');
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new InputError({ file: path }, 'not JSON');
  }
  const f = (typeof v === 'object' && v !== null ? v : {}) as Partial<Record<keyof PlanFile, unknown>>;
  const report = f.report as Partial<PlanReport> | undefined;
  const ok = typeof f.schedbench === 'string' && typeof f.plan === 'string' && (f.shard === null || typeof f.shard === 'string')
    && Array.isArray(f.cells) && f.cells.every((c) => typeof c === 'string')
    && typeof report === 'object' && report !== null && (report.kind === 'scenarios' || report.kind === 'openb')
    && typeof report.title === 'string' && Array.isArray(report.createdFor) && report.createdFor.every((c) => typeof c === 'string')
    && isPairs(report.baselines) && isPairs(report.info)
    && (report.scenarios === undefined || isScenarioFacts(report.scenarios))
    && (f.shard === null || /^\d+\/\d+$/.test(f.shard as string));
  if (!ok) throw new InputError({ file: path }, `not a plan file schedbench wrote: expected {schedbench, plan, shard, cells, report}, got ${excerpt(v)}`);
  const ids = f.cells as string[];
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new InputError({ file: path, path: 'cells' }, `cell ${excerpt(id)} is listed twice`);
    seen.add(id);
  }
  return f as unknown as PlanFile;
}

/** A list of [string, string] pairs. */
function isPairs(v: unknown): boolean {
  return Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string');
}

/** PlanReport.scenarios as planFileText wrote it: per scenario, its name, description and policy profiles. */
function isScenarioFacts(v: unknown): boolean {
  return Array.isArray(v) && v.every((s: unknown) => {
    const o = s as { scenario?: unknown; description?: unknown; policies?: unknown } | null;
    return typeof o === 'object' && o !== null && typeof o.scenario === 'string' && typeof o.description === 'string'
      && Array.isArray(o.policies) && o.policies.every((p: unknown) => {
        const q = p as { name?: unknown; filter?: unknown; score?: unknown } | null;
        return typeof q === 'object' && q !== null && typeof q.name === 'string' && Array.isArray(q.filter) && Array.isArray(q.score);
      });
  });
}
