import { join } from 'node:path';
import { loadCluster } from '../cluster/load-cluster.js';
import { buildFramework } from '../framework/framework.js';
import { registryCapabilities } from '../framework/registry-capabilities.js';
import { METRICS } from '../metrics/catalogue.js';
import { summarize } from '../metrics/summarize.js';
import type { RunMetrics } from '../metrics/types.js';
import { excerpt, InputError } from '../model/errors.js';
import { ModelContext } from '../model/model-context.js';
import { inTreeRegistry } from '../plugins/index.js';
import type { BenchRow } from '../report/index.js';
import { checkOutputFolder, writeReport } from '../report/index.js';
import { loadScenario } from '../scenario/load-scenario.js';
import type { Scenario } from '../scenario/types.js';
import type { Progress } from './progress.js';
import { warnOnStderr } from './warn-on-stderr.js';
import type { RunSelection } from './run-scenario.js';
import { planRuns } from './run-scenario.js';

/**
 * Reads scenario files with the in-tree plugins (policies checked by building them). Two
 * scenarios with the same name are refused: the report keys runs by scenario name, so
 * their runs would be merged into one summary.
 */
export function loadScenarios(files: readonly string[]): Scenario[] {
  const caps = registryCapabilities(inTreeRegistry, new ModelContext());
  const scenarios = files.map((f) => loadScenario(f, caps, (p) => buildFramework(p, inTreeRegistry, new ModelContext())));
  const byName = new Map<string, Scenario>();
  for (const s of scenarios) {
    const first = byName.get(s.name);
    if (first !== undefined) {
      const same = first.file === s.file ? ' (the same file twice)' : '';
      throw new InputError({ file: s.file, path: 'name' }, `scenario name ${excerpt(s.name)} is also the name of ${first.file}${same}; scenarios of one run need different names (their runs would be merged in the report)`);
    }
    byName.set(s.name, s);
    // A snapshot is loaded once here, before any run: its errors and warnings (unknown
    // fields, over-committed nodes) are said once, not once per run.
    if (s.cluster.kind === 'snapshot') loadCluster(s.cluster.files, new ModelContext(), { warn: warnOnStderr });
  }
  return scenarios;
}

/** What runSuite did. */
export interface SuiteOutcome {
  readonly dir: string;
  readonly runs: number;
  readonly planned: number;
  readonly interrupted: boolean;
  /** false when interrupted before any run finished: no report is written then. */
  readonly written: boolean;
}

/**
 * Runs every run of the scenarios, one at a time, yielding to the event loop between
 * runs so Ctrl-C can stop it; then summarizes and writes the report atomically. The
 * output folder is checked first (checkOutputFolder), so a folder that cannot be written
 * fails before the runs, not after. When interrupted, the runs that finished are written
 * (the report's title says so; comparisons use the seeds both policies ran) and nothing
 * half-written is left behind; interrupted before the first run finished, nothing is
 * written at all.
 */
export async function runSuite(
  scenarios: readonly Scenario[], sel: RunSelection, outDir: string, progress: Progress,
  extra: { bench?: BenchRow[]; info?: [string, string][] } = {},
): Promise<SuiteOutcome> {
  checkOutputFolder(outDir, 'report');
  const plans = scenarios.map((s) => planRuns(s, sel));
  const planned = plans.reduce((a, p) => a + p.length, 0);
  let interrupted = false;
  const onSigint = () => { interrupted = true; };
  process.once('SIGINT', onSigint);
  const runs: RunMetrics[] = [];
  progress.start(planned, 'runs');
  try {
    outer: for (const plan of plans) {
      for (const run of plan) {
        await new Promise((r) => setImmediate(r));
        if (interrupted) break outer;
        const m = run();
        runs.push(m);
        progress.tick(runs.length, `${m.key.scenario} ${m.key.policy} seed ${m.key.seed}`);
      }
    }
  } finally {
    progress.stop();
    process.removeListener('SIGINT', onSigint);
  }
  if (runs.length === 0) return { dir: outDir, runs: 0, planned, interrupted, written: false };
  const baselines = new Map(scenarios.map((s) => [s.name, s.baseline]));
  const summary = summarize(runs, METRICS, baselines);
  const title = interrupted
    ? `schedbench: ${scenarios.map((s) => s.name).join(', ')} (interrupted: ${runs.length} of ${planned} runs)`
    : `schedbench: ${scenarios.map((s) => s.name).join(', ')}`;
  writeReport(outDir, {
    title,
    createdFor: scenarios.map((s) => s.name),
    metrics: METRICS,
    runs,
    summary,
    ...(extra.bench ? { bench: extra.bench } : {}),
    info: [
      ['scenario files', scenarios.map((s) => s.file).join(', ')],
      ['significance test', 'paired sign-flip permutation test on per-seed differences (exact, two-sided); 95% CIs use Student t'],
      ...(extra.info ?? []),
    ],
  });
  return { dir: outDir, runs: runs.length, planned, interrupted, written: true };
}

/** reports/<name>-<UTC timestamp>: a fresh folder per run of a suite. */
export function defaultOutDir(name: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return join('reports', `${name}-${stamp}`);
}
