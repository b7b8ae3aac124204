import { intColumn, realColumn, textColumn } from '../csv-table.js';
import type { ReportTable } from '../report-table.js';
import type { BenchRow } from '../types.js';

/** bench.csv as bench/main.ts writes it, copied into a report when given (the page's scaling chart); readBenchCsv reads bench/'s own copy. */
export const benchTable: ReportTable<BenchRow> = {
  file: 'bench.csv',
  description: 'scheduling-core micro-benchmarks from npm run bench (wall clock)',
  required: false,
  carriedBy: 'every',
  columns: {
    kind: 'fixed',
    layout: {
      columns: [
        textColumn('benchmark', (r) => r.benchmark),
        intColumn('nodes', (r) => r.nodes),
        intColumn('existing_pods', (r) => r.existingPods),
        realColumn('percentage_of_nodes_to_score', (r) => r.percentageOfNodesToScore),
        realColumn('pods_per_s', (r) => r.podsPerS),
        realColumn('p50_us', (r) => r.p50Us),
        realColumn('p99_us', (r) => r.p99Us),
        realColumn('mean_us', (r) => r.meanUs),
        intColumn('samples', (r) => r.samples),
      ],
      fromRecord: (r) => ({
        benchmark: r.text('benchmark'), nodes: r.num('nodes'), existingPods: r.num('existing_pods'),
        percentageOfNodesToScore: r.num('percentage_of_nodes_to_score'), podsPerS: r.num('pods_per_s'),
        p50Us: r.num('p50_us'), p99Us: r.num('p99_us'), meanUs: r.num('mean_us'), samples: r.num('samples'),
      }),
    },
  },
  rows: (data) => data.bench ?? null,
  readBack: true,
};
