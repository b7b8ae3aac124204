import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A tiny project laid out like schedbench (the two entries compiled-sources.js bundles,
 * a package.json, node_modules with esbuild), with its own copy of the module, so each
 * case has a cache of its own.
 */
function tinyProject(): { dir: string; load: () => Promise<{ compiledCliEntry(): Promise<string | null> }> } {
  const dir = mkdtempSync(join(tmpdir(), 'schedbench-compiled-'));
  mkdirSync(join(dir, 'src', 'cli'), { recursive: true });
  mkdirSync(join(dir, 'src', 'run'), { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(ROOT, 'node_modules', 'esbuild'), join(dir, 'node_modules', 'esbuild'));
  cpSync(join(ROOT, 'src', 'cli', 'compiled-sources.js'), join(dir, 'src', 'cli', 'compiled-sources.js'));
  writeFileSync(join(dir, 'package.json'), '{"name":"tiny","version":"1.0.0","type":"module"}');
  writeFileSync(join(dir, 'src', 'cli', 'greeting.ts'), 'export const greeting: string = "hello";\n');
  writeFileSync(join(dir, 'src', 'cli', 'main.ts'), 'import { greeting } from "./greeting.js";\n(globalThis as { said?: string }).said = greeting;\n');
  writeFileSync(join(dir, 'src', 'run', 'cell-worker-task.ts'), 'export default function run(): number { return 1; }\n');
  let loads = 0;
  // A fresh module instance each time, as each CLI start is a new process.
  const load = () => import(`${pathToFileURL(join(dir, 'src', 'cli', 'compiled-sources.js')).href}?${loads++}`);
  return { dir, load };
}

const made: string[] = [];
afterEach(() => {
  delete process.env['SCHEDBENCH_NO_BUNDLE'];
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

function bundles(dir: string): string[] {
  return readdirSync(join(dir, 'node_modules', '.cache', 'schedbench')).filter((n) => /^[0-9a-f]{16}$/.test(n));
}

describe('compiledCliEntry', () => {
  it('bundles the sources once, and the bundle runs them', async () => {
    const p = tinyProject();
    made.push(p.dir);
    const first = await (await p.load()).compiledCliEntry();
    expect(first).toMatch(/node_modules\/\.cache\/schedbench\/[0-9a-f]{16}\/main\.js$/);
    const again = await (await p.load()).compiledCliEntry();
    expect(again).toBe(first);
    expect(bundles(p.dir)).toHaveLength(1);
    await import(first!);
    expect((globalThis as { said?: string }).said).toBe('hello');
    const worker = await import(first!.replace(/main\.js$/, 'cell-worker.js')) as { default: () => number };
    expect(worker.default()).toBe(1);
  });

  it('builds a new bundle when a source changes, and removes the old one', async () => {
    const p = tinyProject();
    made.push(p.dir);
    const first = await (await p.load()).compiledCliEntry();
    const old = bundles(p.dir)[0]!;
    const oldDir = join(p.dir, 'node_modules', '.cache', 'schedbench', old);
    // The run that used it ended (its mark is gone) a while ago: the next build may remove it.
    for (const n of readdirSync(oldDir)) if (n.startsWith('.in-use-')) rmSync(join(oldDir, n));
    const long = new Date(Date.now() - 5 * 60 * 1000);
    utimesSync(oldDir, long, long);
    writeFileSync(join(p.dir, 'src', 'cli', 'greeting.ts'), 'export const greeting: string = "hi";\n');
    const second = await (await p.load()).compiledCliEntry();
    expect(second).not.toBe(first);
    expect(bundles(p.dir)).not.toContain(old);
  });

  it('builds a new bundle when tsconfig.json appears or changes (esbuild follows it)', async () => {
    const p = tinyProject();
    made.push(p.dir);
    const first = await (await p.load()).compiledCliEntry();
    writeFileSync(join(p.dir, 'tsconfig.json'), '{"compilerOptions":{}}');
    const second = await (await p.load()).compiledCliEntry();
    expect(second).not.toBe(first);
    expect(await (await p.load()).compiledCliEntry()).toBe(second);
    writeFileSync(join(p.dir, 'tsconfig.json'), '{"compilerOptions":{"strict":true}}');
    expect(await (await p.load()).compiledCliEntry()).not.toBe(second);
  });

  it('keeps one latest bundle per checkout sharing a node_modules', async () => {
    const p = tinyProject();
    made.push(p.dir);
    // A second checkout of the same sources whose node_modules is the first one's.
    const other = mkdtempSync(join(tmpdir(), 'schedbench-compiled-'));
    made.push(other);
    cpSync(join(p.dir, 'src'), join(other, 'src'), { recursive: true });
    cpSync(join(p.dir, 'package.json'), join(other, 'package.json'));
    symlinkSync(join(p.dir, 'node_modules'), join(other, 'node_modules'));
    const loadOther = () => import(`${pathToFileURL(join(other, 'src', 'cli', 'compiled-sources.js')).href}?other`);
    const mine = await (await p.load()).compiledCliEntry();
    const theirs = await (await loadOther()).compiledCliEntry();
    expect(theirs).not.toBeNull();
    expect(await (await p.load()).compiledCliEntry()).toBe(mine);
  });

  it('keeps a bundle a live process uses', async () => {
    const p = tinyProject();
    made.push(p.dir);
    await (await p.load()).compiledCliEntry();
    const old = bundles(p.dir)[0]!;
    const long = new Date(Date.now() - 5 * 60 * 1000);
    // This test's process marked it when it asked for it.
    writeFileSync(join(p.dir, 'src', 'cli', 'greeting.ts'), 'export const greeting: string = "hey";\n');
    utimesSync(join(p.dir, 'node_modules', '.cache', 'schedbench', old), long, long);
    await (await p.load()).compiledCliEntry();
    expect(bundles(p.dir)).toContain(old);
    expect(bundles(p.dir)).toHaveLength(2);
  });

  it.each([
    ['SCHEDBENCH_NO_BUNDLE=1', (dir: string) => { void dir; process.env['SCHEDBENCH_NO_BUNDLE'] = '1'; }],
    ['a syntax error in the sources', (dir: string) => writeFileSync(join(dir, 'src', 'cli', 'greeting.ts'), 'export const = ;\n')],
    ['no esbuild', (dir: string) => rmSync(join(dir, 'node_modules', 'esbuild'))],
  ])('gives null (run through tsx) with %s', async (_, spoil) => {
    const p = tinyProject();
    made.push(p.dir);
    spoil(p.dir);
    expect(await (await p.load()).compiledCliEntry()).toBeNull();
  });
});
