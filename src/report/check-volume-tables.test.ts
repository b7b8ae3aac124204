import { describe, expect, it } from 'vitest';
import type { MetricDef, RunMetrics } from '../metrics/types.js';
import { checkReportTables } from './check-report-tables.js';
import { parseReportTablesWithLines } from './parse-report-tables.js';
import { ReportError } from './report-error.js';
import { reportCsvTexts } from './report-csv-texts.js';
import { reportTables } from './report-tables.js';
import { sampleReportData } from './sample-report-data.js';
import type { ReportData } from './types.js';

const METRICS: readonly MetricDef[] = [
  { id: 'pods_volume_pending_end', label: 'Pending on volumes (end)', unit: 'pods', higherIsBetter: false, definition: 'Pods pending on volumes.' },
  { id: 'volumes_provisioned', label: 'Volumes provisioned', unit: 'count', higherIsBetter: null, definition: 'Volumes provisioned.' },
];

/**
 * Two runs of scenario s, policy p. Seed 1: 2 pods pending on volumes, VolumeBinding's
 * reason (2 pods) and NodeVolumeLimits' (1); 3 volumes, 2 in zone a and 1 in b. Seed 2:
 * 1 pod on VolumeZone's reason; 1 volume in zone a. Files: runs.csv lines 2-3; each
 * storage table lines 2-4 (seed 1, seed 1, seed 2).
 */
function data(): ReportData {
  const base = sampleReportData().runs[0]!;
  const run = (seed: number, pending: number, provisioned: number, volumes: RunMetrics['volumes']): RunMetrics => ({
    ...base, key: { scenario: 's', policy: 'p', seed }, values: { pods_volume_pending_end: pending, volumes_provisioned: provisioned }, volumes,
  });
  const runs = [
    run(1, 2, 3, {
      pendingByReason: [{ plugin: 'VolumeBinding', reason: 'A', pods: 2 }, { plugin: 'NodeVolumeLimits', reason: 'B', pods: 1 }],
      provisionedByZone: [{ zone: 'a', volumes: 2 }, { zone: 'b', volumes: 1 }],
    }),
    run(2, 1, 1, { pendingByReason: [{ plugin: 'VolumeZone', reason: 'C', pods: 1 }], provisionedByZone: [{ zone: 'a', volumes: 1 }] }),
  ];
  const summary = METRICS.map((m) => ({
    scenario: 's', policy: 'p', metric: m.id, n: 2, mean: 1, sd: 1, ci95Low: 0, ci95High: 2, baseline: 'p', relDiffPct: Number.NaN, pValue: Number.NaN, test: '',
  }));
  return { title: 't', createdFor: [], metrics: METRICS, runs, summary };
}

/** The message checking the report's files gives after `edit`, or 'no error'. */
function checked(edit: (texts: Map<string, string>) => void): string {
  const texts = new Map(reportCsvTexts(reportTables(data()), METRICS.map((m) => m.id)));
  edit(texts);
  try {
    const { tables, lines } = parseReportTablesWithLines(texts, 'd');
    checkReportTables(tables, lines, 'd');
  } catch (e) {
    if (!(e instanceof ReportError)) throw e;
    return e.message;
  }
  return 'no error';
}

const PENDING = 'volumes-pending-by-reason.csv';
const ZONES = 'volumes-by-zone.csv';
/** Rewrites one file's text. */
const on = (file: string, f: (text: string) => string) => (texts: Map<string, string>) => texts.set(file, f(texts.get(file)!));
const dropLast = (t: string) => `${t.trimEnd().split('\n').slice(0, -1).join('\n')}\n`;
const line = (n: number) => (t: string) => t.split('\n')[n - 1]!;

describe('the storage tables read back are checked against runs.csv', () => {
  const cases: { name: string; edit: (texts: Map<string, string>) => void; want: string }[] = [
    { name: 'intact', edit: () => {}, want: 'no error' },
    { name: 'without the storage files (an older report, or no storage): nothing to check', edit: (t) => { t.delete(PENDING); t.delete(ZONES); }, want: 'no error' },
    {
      name: 'volumes-by-zone.csv cut at a row boundary (seed 2 lost)',
      edit: on(ZONES, dropLast),
      want: 'd/volumes-by-zone.csv: has no row for scenario "s", policy "p", seed 2, whose volumes_provisioned is 1 (runs.csv line 3): a truncated or edited file?',
    },
    {
      name: 'a zone row lost: the run\'s rows no longer add up',
      edit: on(ZONES, (t) => t.replace('s,p,1,b,1\n', '')),
      want: 'd/volumes-by-zone.csv:2: scenario "s", policy "p", seed 1: the rows add up to 2 volumes, but runs.csv line 2 says volumes_provisioned 3: the files do not match (a truncated or edited file?)',
    },
    {
      name: 'a zone row twice',
      edit: on(ZONES, (t) => t + line(2)(t) + '\n'),
      want: 'd/volumes-by-zone.csv:5: scenario "s", policy "p", seed 1, zone "a" has a second row',
    },
    {
      name: 'a zone row of a run runs.csv does not have',
      edit: on(ZONES, (t) => t.replace('s,p,2,a,1', 's,p,9,a,1')),
      want: 'd/volumes-by-zone.csv:4: scenario "s", policy "p", seed 9: runs.csv has no such run: the files do not match (a truncated or edited file?)',
    },
    {
      name: 'a zone with no volumes',
      edit: on(ZONES, (t) => `${t}s,p,2,c,0\n`),
      want: 'd/volumes-by-zone.csv:5: scenario "s", policy "p", seed 2, zone "c": volumes is 0, expected at least 1 (a zone without volumes has no row)',
    },
    {
      name: 'volumes-pending-by-reason.csv cut at a row boundary (seed 2 lost)',
      edit: on(PENDING, dropLast),
      want: 'd/volumes-pending-by-reason.csv: has no row for scenario "s", policy "p", seed 2, whose pods_volume_pending_end is 1 (runs.csv line 3): a truncated or edited file?',
    },
    {
      name: 'a reason with more pods than are pending on volumes',
      edit: on(PENDING, (t) => t.replace('s,p,1,VolumeBinding,A,2', 's,p,1,VolumeBinding,A,3')),
      want: 'd/volumes-pending-by-reason.csv:2: scenario "s", policy "p", seed 1, plugin "VolumeBinding", reason "A": 3 pods, but runs.csv line 2 says 2 pods pending on volumes in all (pods_volume_pending_end): the files do not match (a truncated or edited file?)',
    },
    {
      name: 'a reason twice',
      edit: on(PENDING, (t) => t + line(3)(t) + '\n'),
      want: 'd/volumes-pending-by-reason.csv:5: scenario "s", policy "p", seed 1, plugin "NodeVolumeLimits", reason "B" has a second row',
    },
    {
      name: 'a reason of a run runs.csv does not have',
      edit: on(PENDING, (t) => t.replace('s,p,2,', 's,q,2,')),
      want: 'd/volumes-pending-by-reason.csv:4: scenario "s", policy "q", seed 2: runs.csv has no such run: the files do not match (a truncated or edited file?)',
    },
  ];
  for (const c of cases) it(c.name, () => expect(checked(c.edit)).toBe(c.want));
});
