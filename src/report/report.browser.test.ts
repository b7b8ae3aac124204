import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_POLICY, sampleOpenbReportData, sampleReportData } from './sample-report-data.js';
import { writeReport } from './write-report.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = fileURLToPath(new URL('../../', import.meta.url));

describe.skipIf(!existsSync(CHROMIUM))(`report in Chromium (runs only where ${CHROMIUM} exists: apt-get install chromium, or set CHROMIUM_PATH)`, () => {
  let work: string;
  let ctx: BrowserContext;
  const errors: string[] = [];
  const dialogs: string[] = [];
  const requests: string[] = [];
  let page: Awaited<ReturnType<BrowserContext['newPage']>>;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'schedbench-report-'));
    const dir = join(work, 'report');
    writeReport(dir, sampleReportData());
    ctx = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
    });
    page = ctx.pages()[0] ?? await ctx.newPage();
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
    await page.evaluate(() => (globalThis as unknown as { __chartsReady: Promise<unknown> }).__chartsReady);
  });

  afterAll(async () => {
    await ctx?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('draws marks in every chart container', async () => {
    const counts = await page.$$eval('div.chart', (els) => els.map((el) => [el.getAttribute('data-chart'), el.querySelectorAll('svg path').length] as const));
    expect(counts.map(([what]) => what)).toEqual(['metric means', 'allocation samples', 'per-node allocation', 'queueing delays', 'benchmarks']);
    for (const [what, n] of counts) expect(n, `${what} has SVG paths`).toBeGreaterThan(0);
    // Specific marks: bars of the metric chart, lines over time and of the CDF.
    expect(await page.locator('#chart-1 .mark-rect path').count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator('#chart-2 .mark-line path').count()).toBe(4);
    expect(await page.locator('#chart-4 .mark-line path').count()).toBe(2);
  });

  it('summary table: a row per metric with values, a column per policy, the significant cell marked', async () => {
    const table = page.locator('table.summary');
    expect(await table.locator('thead th').allTextContents()).toEqual(['metric', 'default-kube baseline', HOSTILE_POLICY]);
    expect(await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-metric'))))
      // GPU allocated is NaN in every run: said once in the verdict, not a row of dashes.
      .toEqual(['pods_scheduled', 'cpu_alloc_mean_pct', 'nodes_in_use_end']);
    const cpu = table.locator('tr[data-metric="cpu_alloc_mean_pct"] td');
    expect(await cpu.nth(0).textContent()).toBe('41.62 ± 6.353');
    expect(await cpu.nth(1).getAttribute('class')).toContain('verdict-better');
    expect(await cpu.nth(1).textContent()).toContain('+48.0% · p = 0.010 ▲ better');
  });

  it('opens with the verdict: the first h2 of the page, each policy\'s significant differences, the test and its floor', async () => {
    expect(await page.locator('h2').first().textContent()).toBe('Verdict');
    const top = page.locator('#verdict');
    expect(await top.isVisible()).toBe(true);
    expect(await top.locator('li').allTextContents()).toEqual([`${HOSTILE_POLICY}: ▲ better in CPU allocated (time mean) (+48.0%)`]);
    expect(await top.locator('p.test').textContent()).toContain('With 2 paired seeds the smallest possible p is 0.500');
    const own = page.locator('#verdict-scenario-1');
    expect(await own.locator('li.verdict-better').textContent()).toBe('▲ better CPU allocated (time mean): +48.0% (61.62 against 41.62 %; p = 0.010)');
    expect(await own.locator('p.constant').textContent()).toBe('Undefined in every run: GPU allocated (end).');
  });

  it('shows the scenario\'s description and each policy\'s settings, shared settings once', async () => {
    expect(await page.locator('#scenario-1 p.description').textContent()).toBe('Spreading <b>against</b> packing on 4 nodes');
    const table = page.locator('table.policies');
    expect(await table.locator('thead th').allTextContents()).toEqual(['setting', 'default-kube', HOSTILE_POLICY]);
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    expect(rows).toEqual([
      ['filter', 'NodeUnschedulable, NodeResourcesFit all policies'],
      ['score', 'NodeResourcesFit ×1, PodTopologySpread ×2', 'NodeResourcesFit ×1'],
      ['preemption', 'on (DefaultPreemption)', 'off'],
      ['percentageOfNodesToScore', 'adaptive (kube default)', '50%'],
      ['args.NodeResourcesFit', '—', '{"scoringStrategy":{"type":"MostAllocated"}}'],
    ]);
  });

  it('shows hostile names as text: no dialog, no injected script, nothing fetched, no console error', async () => {
    expect(await page.locator('th.policy', { hasText: HOSTILE_POLICY }).count()).toBeGreaterThan(0);
    expect(await page.locator('section.scenario h2').first().textContent()).toBe('Scenario: spread & "pack"');
    expect(await page.title()).toBe('Sample <report> & friends');
    expect(await page.locator('script:not([type])').count()).toBe(4);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    mkdirSync(join(root, 'out'), { recursive: true });
    await page.screenshot({ path: join(root, 'out', 'report-screenshot.png'), fullPage: true });
    expect(readFileSync(join(root, 'out', 'report-screenshot.png')).length).toBeGreaterThan(10_000);
  });
});

describe.skipIf(!existsSync(CHROMIUM))('openb report in Chromium', () => {
  let work: string;
  let ctx: BrowserContext;
  const errors: string[] = [];
  let page: Awaited<ReturnType<BrowserContext['newPage']>>;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'schedbench-openb-page-'));
    const dir = join(work, 'report');
    writeReport(dir, sampleOpenbReportData());
    ctx = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = ctx.pages()[0] ?? await ctx.newPage();
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
    await page.evaluate(() => (globalThis as unknown as { __chartsReady: Promise<unknown> }).__chartsReady);
  });

  afterAll(async () => {
    await ctx?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('draws the experiment first: its summary table and one curve per policy', async () => {
    const charts = await page.$$eval('div.chart', (els) => els.map((el) => el.getAttribute('data-chart')));
    expect(charts[0]).toBe('openb allocation curve');
    expect(await page.locator('#chart-1 .mark-line path').count()).toBe(2);
    expect(await page.locator('#chart-1 .mark-rule line, #chart-1 .mark-rule path').count()).toBeGreaterThan(0);
    expect(await page.locator('h2').nth(1).textContent()).toBe('GPU allocation experiment (openb)');
    const rows = page.locator('table.openb tbody tr');
    expect(await rows.locator('th').allTextContents()).toEqual(['default-kube', HOSTILE_POLICY]);
    expect(await rows.nth(0).locator('td').allTextContents()).toEqual(['2', '94.38', '91.63', '9', '3.464']);
    expect(await rows.nth(1).locator('td').nth(1).textContent()).toBe('—');
    expect(errors).toEqual([]);
  });
});
