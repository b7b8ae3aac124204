/**
 * The files of a report folder, by name, and which of them the page needs. Order here is
 * the order they are listed in the page's "Files" section.
 */
export const REPORT_FILES = {
  runs: 'runs.csv',
  summary: 'summary.csv',
  scenarios: 'scenarios.csv',
  policies: 'policies.csv',
  openbSummary: 'openb-summary.csv',
  openbRuns: 'openb-runs.csv',
  openbCurve: 'openb-curve.csv',
  whatif: 'whatif.csv',
  whatifRuns: 'whatif-runs.csv',
  whatifSummary: 'whatif-summary.csv',
  timeseries: 'timeseries.csv',
  nodeUtilization: 'node-utilization.csv',
  queueDelay: 'queue-delay.csv',
  groups: 'outcomes-by-group.csv',
  placements: 'placements.csv',
  timing: 'timing.csv',
  bench: 'bench.csv',
  info: 'report.json',
  html: 'index.html',
} as const;

/** What each file holds, one line each, for the page and the README. */
export const REPORT_FILE_DESCRIPTIONS: readonly (readonly [string, string])[] = [
  [REPORT_FILES.runs, 'one row per run (scenario, policy, seed) with every metric'],
  [REPORT_FILES.summary, 'per scenario x policy x metric: mean, sd, 95% CI across seeds, difference from the baseline and its p-value (over the seeds both ran)'],
  [REPORT_FILES.scenarios, 'each scenario\'s description: what it compares and why'],
  [REPORT_FILES.policies, 'each policy\'s effective settings per scenario: filter and score plugins (with weights), preemption, percentageOfNodesToScore, plugin args'],
  [REPORT_FILES.openbSummary, 'openb experiment, per policy, means over seeds: GPU allocation when arrived GPU demand reached 100% of capacity (over the seeds that got there), at the end, GPUs left unallocated, GPU fragmentation rate'],
  [REPORT_FILES.openbRuns, 'openb experiment, per policy and seed: tasks, scheduled, unscheduled, arrived GPU demand and the measures of openb-summary.csv'],
  [REPORT_FILES.openbCurve, 'openb experiment, per policy and whole percent of arrived GPU demand: mean GPU allocation over the seeds that reached it, and how many did'],
  [REPORT_FILES.whatif, 'replay of the cluster\'s own pods, per policy and seed: every replayed pod\'s workload, node before (in the dump) and after, and outcome (same, moved, unschedulable)'],
  [REPORT_FILES.whatifRuns, 'replay, per policy, seed and what-if measure: the dump\'s value and the run\'s'],
  [REPORT_FILES.whatifSummary, 'replay, per policy and what-if measure: mean, sd, 95% CI across seeds, the dump\'s value, the difference from it and its p-value'],
  [REPORT_FILES.timeseries, 'cluster samples over simulated time: running and pending pods, allocated CPU, memory, GPU'],
  [REPORT_FILES.nodeUtilization, 'requested over allocatable CPU and memory per node at the end of each run'],
  [REPORT_FILES.queueDelay, 'queueing delay (arrival to first bind) at quantiles 0, 0.01, ..., 1 per run'],
  [REPORT_FILES.groups, 'per run, each workload (its controller) and each priority band: pods, unschedulable at the end, queueing delay p50, p95, p99'],
  [REPORT_FILES.placements, 'where every pod went (only when placements were recorded)'],
  [REPORT_FILES.timing, 'scheduler wall-clock time per run (differs between runs and machines)'],
  [REPORT_FILES.bench, 'scheduling-core micro-benchmarks from npm run bench (wall clock)'],
  [REPORT_FILES.info, 'the title and run facts this page shows'],
];
