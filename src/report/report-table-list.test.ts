import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReportTables } from './parse-report-tables.js';
import { REPORT_FILE_DESCRIPTIONS, REPORT_FILE_NAMES } from './report-files.js';
import { reportCsvTexts } from './report-csv-texts.js';
import { TABLE_ENTRIES } from './report-table-list.js';
import { reportTables } from './report-tables.js';
import { HOSTILE_POLICY, SAMPLE_METRICS, sampleOpenbReportData } from './sample-report-data.js';
import type { ReportData } from './types.js';

/** sampleOpenbReportData with a replay besides, so every declared table has rows. */
function everyTableData(): ReportData {
  const data = sampleOpenbReportData();
  const pods = [
    { namespace: 'shop', pod: 'web-1', ownerKind: 'Deployment', owner: 'web', nodeBefore: 'n-1', nodeAfter: 'n-2', outcome: 'moved' as const },
    { namespace: 'shop', pod: 'db-0', ownerKind: 'StatefulSet', owner: 'db', nodeBefore: '', nodeAfter: '', outcome: 'unschedulable' as const },
  ];
  const measures = [{ id: 'pods_moved', label: 'Pods moved', unit: 'pods' as const, higherIsBetter: false, definition: 'Moved.' }];
  const runs = data.runs.map((r) => ({ policy: r.key.policy, seed: r.key.seed, pods, dump: { pods_moved: 0 }, after: { pods_moved: 1 } }));
  const summary = ['default-kube', HOSTILE_POLICY].map((policy) => ({
    policy, measure: 'pods_moved', n: 2, dump: 0, mean: 1, sd: 0, ci95Low: 1, ci95High: 1, diff: 1, relDiffPct: Number.NaN, pValue: 0.5,
  }));
  return {
    ...data,
    runs: data.runs.map((r) => ({
      ...r,
      groups: [{ by: 'workload', group: 'Deployment/web', pods: 3, unschedulableEnd: 0, delayP50S: 0, delayP95S: 1, delayP99S: 2 }],
      volumes: {
        pendingByReason: [{ plugin: 'VolumeBinding', reason: 'node(s) had volume node affinity conflict, "quoted"', pods: 2 }],
        provisionedByZone: [{ zone: '', volumes: 1 }, { zone: 'eu-west-1a', volumes: 3 }],
      },
    })),
    whatif: { runs, summary, measures },
  };
}

describe('REPORT_TABLES: each report table declared once', () => {
  it('every declaration under tables/ is listed once, and nothing else is', async () => {
    const listed = new Set(TABLE_ENTRIES.map((t) => t.decl));
    const declared: unknown[] = [];
    for (const f of readdirSync(new URL('./tables/', import.meta.url)).filter((n) => n.endsWith('-table.ts')).sort()) {
      const mod = (await import(/* @vite-ignore */ new URL(`./tables/${f}`, import.meta.url).href)) as Record<string, unknown>;
      for (const [name, v] of Object.entries(mod)) {
        expect(listed.has(v as never), `tables/${f} exports ${name}, which REPORT_TABLES does not list`).toBe(true);
        declared.push(v);
      }
    }
    expect(declared).toHaveLength(TABLE_ENTRIES.length);
  });

  it('file names are unique; sets are carried by their experiment, other tables by every report; only those two are required', () => {
    const files = TABLE_ENTRIES.map((t) => t.decl.file);
    expect(new Set(files).size).toBe(files.length);
    for (const t of TABLE_ENTRIES) expect(t.decl.carriedBy, t.name).toBe(t.member === null ? 'every' : t.field);
    expect(TABLE_ENTRIES.filter((t) => t.decl.required).map((t) => t.name)).toEqual(['runs', 'summary']);
  });

  it('the file list and its descriptions come from the declarations, in their order', () => {
    expect(REPORT_FILE_NAMES).toEqual([...TABLE_ENTRIES.map((t) => t.decl.file), 'report.json', 'index.html']);
    expect(REPORT_FILE_DESCRIPTIONS.map(([f]) => f)).toEqual([...TABLE_ENTRIES.map((t) => t.decl.file), 'report.json']);
  });

  it('every table is written, and what is read back writes the same bytes (writer and reader agree per declaration)', () => {
    const ids = SAMPLE_METRICS.map((m) => m.id);
    const texts = reportCsvTexts(reportTables(everyTableData()), ids);
    expect([...texts.keys()]).toEqual(TABLE_ENTRIES.map((t) => t.decl.file));
    const again = reportCsvTexts(parseReportTables(texts, 'd'), ids);
    for (const t of TABLE_ENTRIES) {
      if (t.decl.readBack) expect(again.get(t.decl.file), t.decl.file).toBe(texts.get(t.decl.file));
      else expect(again.has(t.decl.file), t.decl.file).toBe(false);
    }
  });

  it('a set read back with one of its files missing is refused, naming the set', () => {
    const texts = reportCsvTexts(reportTables(everyTableData()), SAMPLE_METRICS.map((m) => m.id));
    texts.delete('whatif-summary.csv');
    expect(() => parseReportTables(texts, 'd')).toThrow('d/whatif-summary.csv: not found, though whatif.csv is there: a replay\'s report has whatif.csv, whatif-runs.csv and whatif-summary.csv');
  });
});
