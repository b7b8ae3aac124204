import { describe, expect, it } from 'vitest';
import type { CsvTable } from './csv-table.js';
import { intColumn, realColumn, textColumn } from './csv-table.js';
import { csvTableRows, parseCsvTable, parseCsvTableWithLines, tokenizeCsv, writtenCsvRecords } from './parse-csv-table.js';
import { parseReportTables, parseReportTablesWithLines } from './parse-report-tables.js';
import { reportCsvRecords, reportCsvTexts } from './report-csv-texts.js';
import { ReportError } from './report-error.js';
import { csvTableOf } from './report-table.js';
import { reportTables } from './report-tables.js';
import { SAMPLE_METRICS, sampleReportData } from './sample-report-data.js';
import { nodeUtilizationTable } from './tables/node-utilization-table.js';
import { summaryTable } from './tables/summary-table.js';
import { csvRecords, csvText } from './csv-records.js';

const HEADER = 'scenario,policy,seed,node,cpu_pct,mem_pct,gpu_pct';

function errorOf(f: () => unknown): ReportError {
  try {
    f();
  } catch (e) {
    if (e instanceof ReportError) return e;
    throw e;
  }
  throw new Error('expected a ReportError');
}

describe('parseCsvTable', () => {
  it('reads rows back: text, ints, reals, empty as NaN, CRLF and BOM accepted', () => {
    const rows = parseCsvTable(`\uFEFF${HEADER}\r\ns,"p,1",3,n-1,12.5,,\r\ns,p,3,g-1,1,2,62.5\r\n`, 'node-utilization.csv', csvTableOf(nodeUtilizationTable));
    expect(rows).toEqual([
      { scenario: 's', policy: 'p,1', seed: 3, node: 'n-1', cpuPct: 12.5, memPct: Number.NaN, gpuPct: Number.NaN },
      { scenario: 's', policy: 'p', seed: 3, node: 'g-1', cpuPct: 1, memPct: 2, gpuPct: 62.5 },
    ]);
  });

  const cases: { name: string; text: string; want: string }[] = [
    { name: 'empty file', text: '', want: 'r/node-utilization.csv: empty file: expected a header line' },
    { name: 'wrong column name', text: 'scenario,policy,seed,nodes,cpu_pct,mem_pct,gpu_pct\n', want: 'r/node-utilization.csv:1: column 4: expected column "node", found "nodes"' },
    { name: 'missing columns', text: 'scenario,policy,seed,node\n', want: 'r/node-utilization.csv:1: missing columns cpu_pct, mem_pct, gpu_pct (expected header scenario,policy,seed,node,cpu_pct,mem_pct,gpu_pct)' },
    { name: 'a folder written before gpu_pct', text: 'scenario,policy,seed,node,cpu_pct,mem_pct\ns,p,1,n,1,2\n', want: 'r/node-utilization.csv:1: missing column gpu_pct (expected header scenario,policy,seed,node,cpu_pct,mem_pct,gpu_pct)' },
    { name: 'extra column', text: `${HEADER},x\n`, want: 'r/node-utilization.csv:1: column 8: unexpected column "x" (expected header scenario,policy,seed,node,cpu_pct,mem_pct,gpu_pct)' },
    { name: 'not a number', text: `${HEADER}\ns,p,1,n,1,2,\ns,p,1,n,12%,2,\n`, want: 'r/node-utilization.csv:3: column 5 (cpu_pct): "12%" is not a number' },
    { name: 'gpu_pct not a number', text: `${HEADER}\ns,p,1,n,1,2,50%\n`, want: 'r/node-utilization.csv:2: column 7 (gpu_pct): "50%" is not a number' },
    { name: 'not an integer', text: `${HEADER}\ns,p,1.5,n,1,2,\n`, want: 'r/node-utilization.csv:2: column 3 (seed): "1.5" is not an integer' },
    { name: 'empty integer', text: `${HEADER}\ns,p,,n,1,2,\n`, want: 'r/node-utilization.csv:2: column 3 (seed): empty, expected an integer' },
    { name: 'wrong field count', text: `${HEADER}\ns,p,1,n,1,2,\ns,p,1,n,1,2\n`, want: 'r/node-utilization.csv:3: malformed CSV: Invalid Record Length: expect 7, got 6' },
    { name: 'unclosed quote', text: `${HEADER}\ns,"p,1,n,1,2,\n`, want: 'r/node-utilization.csv:2: malformed CSV: Quote Not Closed: the parsing is finished with an opening quote' },
  ];
  for (const c of cases) {
    it(`error names file, line and column: ${c.name}`, () => {
      expect(errorOf(() => parseCsvTable(c.text, 'r/node-utilization.csv', csvTableOf(nodeUtilizationTable))).message).toBe(c.want);
    });
  }

  it('a number cell must be only a number (no spaces, hex or units)', () => {
    for (const bad of [' 1', '0x10', '1e', '--1', '1,5']) {
      const text = `${HEADER}\ns,p,1,n,"${bad}",2,\n`;
      expect(errorOf(() => parseCsvTable(text, 'f.csv', csvTableOf(nodeUtilizationTable))).where).toMatchObject({ line: 2, column: 5 });
    }
  });

  it('node-utilization.csv round-trips through writer and reader, gpu_pct empty for nodes without GPUs', () => {
    for (const gpus of [false, true]) {
      const data = sampleReportData({ gpus });
      const text = reportCsvTexts(reportTables(data), SAMPLE_METRICS.map((m) => m.id)).get('node-utilization.csv')!;
      const back = parseCsvTable(text, 'node-utilization.csv', csvTableOf(nodeUtilizationTable));
      expect(back).toEqual(data.runs.flatMap((r) => r.nodeUtilization.map((n) => ({ ...r.key, ...n }))));
      // sampleReportData({ gpus: true }) gives GPUs to 2 of 4 nodes: 8 of 16 rows have a value.
      expect(back.filter((r) => Number.isFinite(r.gpuPct))).toHaveLength(gpus ? 8 : 0);
    }
  });

  it('summary.csv round-trips through writer and reader', () => {
    const data = sampleReportData();
    const text = reportCsvTexts(reportTables(data), SAMPLE_METRICS.map((m) => m.id)).get('summary.csv')!;
    const back = parseCsvTable(text, 'summary.csv', csvTableOf(summaryTable));
    expect(back.map((r) => [r.policy, r.metric, r.n])).toEqual(data.summary.map((r) => [r.policy, r.metric, r.n]));
    expect(back[1]!.mean).toBe(41.6235);
  });
});

describe('parseReportTables', () => {
  const texts = () => reportCsvTexts(reportTables(sampleReportData()), SAMPLE_METRICS.map((m) => m.id));

  it('runs.csv and summary.csv are required', () => {
    const t = texts();
    t.delete('runs.csv');
    expect(errorOf(() => parseReportTables(t, 'reports/x')).message).toBe('reports/x/runs.csv: not found (is this a schedbench report folder?)');
  });

  it('runs.csv metric columns come from its header; bad ids are named', () => {
    const t = texts();
    t.set('runs.csv', 'scenario,policy,seed,pods_scheduled,Bad Id\n');
    expect(errorOf(() => parseReportTables(t, 'd')).message).toBe('d/runs.csv:1: column 5: "Bad Id" is not a metric id (snake_case)');
    t.set('runs.csv', 'scenario,policy,seed,a,a\n');
    expect(errorOf(() => parseReportTables(t, 'd')).message).toBe('d/runs.csv:1: column 5: duplicate column "a"');
    t.set('runs.csv', 'scenario,policy,seed,a\ns,p,1,x\n');
    expect(errorOf(() => parseReportTables(t, 'd')).message).toBe('d/runs.csv:2: column 4 (a): "x" is not a number');
  });

  it('optional tables are null when absent', () => {
    const t = texts();
    t.delete('timeseries.csv');
    t.delete('bench.csv');
    const r = parseReportTables(t, 'd');
    expect(r.timeseries).toBeNull();
    expect(r.bench).toBeNull();
    expect(r.queueDelay).toHaveLength(404);
  });
});

/** A table with a cell of every kind, for cells the writer must quote or the reader treats specially. */
interface AwkwardRow { readonly a: string; readonly n: number; readonly x: number; readonly b: string }
const AWKWARD: CsvTable<AwkwardRow> = {
  file: 'awkward.csv',
  columns: [textColumn('a', (r) => r.a), intColumn('n', (r) => r.n), realColumn('x', (r) => r.x), textColumn('b', (r) => r.b)],
  fromRecord: (r) => ({ a: r.text('a'), n: r.num('n'), x: r.num('x'), b: r.text('b') }),
};

/** One text column: a record of one empty cell is an empty line, which the reader skips. */
const ONE_COLUMN: CsvTable<{ readonly a: string }> = {
  file: 'one.csv',
  columns: [textColumn('a', (r) => r.a)],
  fromRecord: (r) => ({ a: r.text('a') }),
};

const AWKWARD_TEXTS = [
  '', 'plain', 'a,b', '"', 'say "hi"', '""', 'line\nbreak', 'cr\ronly', 'crlf\r\nend', '\n', '\r\n\r\n', ' padded ',
  'NaN', 'Infinity', '#not a comment', '\uFEFFbom', 'lone \uD800 high', '\uDC00 lone low', 'pair \uD83D\uDE00', 'tab\there', 'é',
];
const AWKWARD_NUMBERS = [0, -0, 1.5, 1e-7, 1234567.8, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

describe('writtenCsvRecords: the cells the writer kept read as their text does', () => {
  /** Reading the text csvText writes of `rows`' records, and reading the records themselves, give the same rows and lines. */
  function expectSameReading<Row>(table: CsvTable<Row>, rows: readonly Row[]): void {
    const records = csvRecords(table, rows);
    const text = csvText(records);
    expect(writtenCsvRecords(records)).toEqual(tokenizeCsv(text, table.file));
    expect(csvTableRows(writtenCsvRecords(records), table.file, table)).toEqual(parseCsvTableWithLines(text, table.file, table));
  }

  it('every awkward text in either text column, beside every awkward number', () => {
    const rows: AwkwardRow[] = [];
    AWKWARD_TEXTS.forEach((a, i) => AWKWARD_TEXTS.forEach((b, j) => {
      rows.push({ a, n: i - j, x: AWKWARD_NUMBERS[(i + j) % AWKWARD_NUMBERS.length]!, b });
    }));
    expectSameReading(AWKWARD, rows);
  });

  const cases: { name: string; rows: AwkwardRow[] }[] = [
    { name: 'no rows', rows: [] },
    { name: 'all cells empty or NaN', rows: [{ a: '', n: 0, x: Number.NaN, b: '' }, { a: '', n: 0, x: Number.NaN, b: '' }] },
    { name: 'line breaks in consecutive records', rows: [{ a: 'a\nb', n: 1, x: 1, b: '\r' }, { a: '\r\n', n: 2, x: Number.POSITIVE_INFINITY, b: 'c\n\nd' }, { a: 'e', n: 3, x: 3, b: 'f' }] },
  ];
  for (const c of cases) it(c.name, () => expectSameReading(AWKWARD, c.rows));

  it('one column: an empty cell is an empty line, skipped, but still counted', () => {
    const rows = ['x', '', 'y\n', '', '\r', '"'].map((a) => ({ a }));
    expectSameReading(ONE_COLUMN, rows);
    expect(parseCsvTableWithLines(csvText(csvRecords(ONE_COLUMN, rows)), 'one.csv', ONE_COLUMN).lines).toEqual([2, 5, 8, 9]);
  });

  it('a lone surrogate reads back as U+FFFD, as the UTF-8 text holds it', () => {
    const back = csvTableRows(writtenCsvRecords(csvRecords(ONE_COLUMN, [{ a: 'a\uD800b' }])), 'one.csv', ONE_COLUMN);
    expect(back.rows).toEqual([{ a: 'a\uFFFDb' }]);
  });

  for (const gpus of [false, true]) {
    it(`the sample report's tables and lines${gpus ? ' (with GPUs)' : ''}`, () => {
      const records = reportCsvRecords(reportTables(sampleReportData({ gpus })), SAMPLE_METRICS.map((m) => m.id));
      const texts = new Map([...records].map(([file, cells]) => [file, csvText(cells)]));
      expect(texts).toEqual(reportCsvTexts(reportTables(sampleReportData({ gpus })), SAMPLE_METRICS.map((m) => m.id)));
      expect(parseReportTablesWithLines(texts, 'd', records)).toEqual(parseReportTablesWithLines(texts, 'd'));
    });
  }
});
