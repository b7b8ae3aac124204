import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import type { OpenbPolicySummary } from '../experiments/openb-experiment.js';
import { runOpenbExperiment } from '../experiments/openb-experiment.js';
import { fixed2, writeOpenbReport } from '../experiments/openb-report.js';
import { DEFAULT_OPENB_POLICIES, OPENB_TIE_BREAKS } from '../experiments/openb-policies.js';
import { excerpt, InputError } from '../model/errors.js';
import { INPUT_LIMITS } from '../model/input-limits.js';
import { checkOutputFolder } from '../report/index.js';
import { parseSeeds } from './parse-seeds.js';
import { formatTable } from './table.js';

/** The summary table as printed: one row per policy, means over seeds. */
export function formatOpenbSummary(summary: readonly OpenbPolicySummary[]): string {
  return formatTable(
    ['policy', 'seeds', 'GPU alloc % at 100% arrived', 'GPU alloc % at end', 'GPUs unallocated', 'GPU frag rate %'],
    summary.map((s) => [s.policy, String(s.seeds), fixed2(s.allocAt100Pct), fixed2(s.allocEndPct), fixed2(s.gpusUnallocatedEnd), fixed2(s.fragRateEndPct)]),
  );
}

/** Adds `schedbench openb`: the FGD paper's inflation experiment on the openb trace. */
export function registerOpenb(program: Command): void {
  program
    .command('openb')
    .description('rerun the FGD paper\'s (ATC \'23) one-shot inflation experiment on the openb GPU trace: per seed, schedule the shuffled and inflated task list once per policy; prints mean GPU allocation and fragmentation')
    .option('--nodes <file>', 'openb node list CSV', 'scenarios/data/openb/openb_node_list_gpu_node.csv')
    .option('--pods <file>', 'openb pod list CSV (11 or 5 columns)', 'scenarios/data/openb/openb_pod_list_default.csv')
    .option('--policies <list>', 'comma-separated policies: Random, FirstFit, BestFit, WorstFit, DotProduct, GpuPacking, GpuClustering, FGD', DEFAULT_OPENB_POLICIES.join(','))
    .option('--seeds <list>', 'seeds: a range 42-51 and/or a list 1,2,3', '42-51')
    .option('--inflate <factor>', `schedule tasks until their GPU request reaches this multiple of the GPU capacity (at most ${INPUT_LIMITS.openbInflate})`, '1.3')
    .option('--tie-break <rule>', 'ties between best nodes: node-rank (a seeded node ranking per seed, as the paper\'s simulator) or uniform (a fresh draw per pod, as kube-scheduler)', 'node-rank')
    .option('--out <dir>', 'folder for summary.csv, runs.csv and curve.csv (new, empty, or an earlier openb result, which is replaced)', 'reports/openb')
    .option('--jobs <n>', 'worker threads (results do not depend on it)', String(availableParallelism()))
    .action(async (opts: { nodes: string; pods: string; policies: string; seeds: string; inflate: string; tieBreak: string; out: string; jobs: string }) => {
      const policies = opts.policies.split(',').map((p) => p.trim()).filter((p) => p !== '');
      if (policies.length === 0) throw new InputError({ path: '--policies' }, 'expected at least one policy');
      const inflate = Number(opts.inflate);
      if (opts.inflate.trim() === '' || !Number.isFinite(inflate) || inflate <= 0 || inflate > INPUT_LIMITS.openbInflate) {
        throw new InputError({ path: '--inflate' }, `expected a positive number up to ${INPUT_LIMITS.openbInflate} (the limit scenario files have too), got ${excerpt(opts.inflate)}`);
      }
      const seeds = parseSeeds(opts.seeds);
      const workers = Number(opts.jobs);
      if (!Number.isInteger(workers) || workers < 1) throw new InputError({ path: '--jobs' }, `expected a positive integer, got ${excerpt(opts.jobs)}`);
      const tieBreak = OPENB_TIE_BREAKS.find((t) => t === opts.tieBreak);
      if (tieBreak === undefined) throw new InputError({ path: '--tie-break' }, `expected ${OPENB_TIE_BREAKS.join(' or ')}, got ${excerpt(opts.tieBreak)}`);
      if (opts.out.trim() === '') throw new InputError({ path: '--out' }, 'expected a folder, got ""');
      // Before the runs, which take minutes: a folder that cannot be written fails now.
      checkOutputFolder(opts.out, 'openb');
      const start = performance.now();
      const e = await runOpenbExperiment({
        nodesFile: opts.nodes, podsFile: opts.pods, policies, seeds, inflate, tieBreak, workers,
        onRun: (r) => process.stderr.write(`openb: ${r.policy} seed ${r.seed}: ${r.scheduled}/${r.tasks} tasks placed, ${fixed2(r.allocEndPct)}% GPU allocated (${r.wallMs.toFixed(0)} ms)\n`),
      });
      const seconds = (performance.now() - start) / 1000;
      const paths = writeOpenbReport(opts.out, e);
      process.stdout.write(`openb inflation experiment: ${e.nodes} nodes, ${e.gpus} GPUs, ${e.podListTasks} tasks in the pod list (${e.shapes.length} typical shapes), inflate ${inflate}, seeds ${seeds.length}, tie-break ${tieBreak}\n`);
      process.stdout.write(`${formatOpenbSummary(e.summary)}\n`);
      process.stdout.write(`${policies.length * seeds.length} runs on ${Math.min(workers, policies.length * seeds.length)} thread(s) in ${seconds.toFixed(1)} s; wrote ${paths.join(', ')}\n`);
    });
}
