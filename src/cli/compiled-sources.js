// The schedbench bin's compiled copy of the sources. tsx compiles each TypeScript module
// as it is imported, through loader hooks on a thread of their own; loading the CLI's
// ~400 modules that way takes about a second in the main thread and more in each worker
// thread of a sweep (they load at once, on shared cores). esbuild (tsx's own compiler)
// bundles the same sources into a few plain modules in a fraction of that, and Node
// loads those without hooks: a sweep's threads start about a second sooner each.
//
// The bundle is kept in node_modules/.cache/schedbench/<key>/, beside a manifest of the
// source files it was built from (size and modification time of each). It is used only
// while every one of them is unchanged; any edit builds a new one. Nothing here is a
// build step a user runs: a clone works as before, and when no bundle can be built or
// kept (no esbuild, a read-only node_modules, a syntax error, SCHEDBENCH_NO_BUNDLE=1)
// the bin runs the sources through tsx as it always did.
//
// Plain JavaScript, so it runs before any TypeScript loader is registered.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE = join(ROOT, 'node_modules', '.cache', 'schedbench');
const MANIFEST = 'manifest.json';
/**
 * The newest bundle of this checkout. Checkouts sharing one node_modules (a worktree with
 * a linked node_modules, say) keep one each, so they do not rebuild each other's.
 */
const LATEST = `latest-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.json`;
/** The bundle's entry points, by output name: the CLI, and the sweep's cell worker (cell-pool.ts loads ./cell-worker.js beside itself). */
const ENTRIES = { main: 'src/cli/main.ts', 'cell-worker': 'src/run/cell-worker-task.ts' };
/** A bundle used this recently is not removed, even when no live process marks it. */
const RECENT_MS = 60 * 1000;
/** A build folder left this long by a run that did not finish it is removed. */
const STALE_BUILD_MS = 10 * 60 * 1000;

/**
 * The file URL of the bundled CLI entry (its import runs the CLI), built first if the
 * sources changed since the last bundle; null when the sources should run through tsx.
 */
export async function compiledCliEntry() {
  if (process.env.SCHEDBENCH_NO_BUNDLE === '1') return null;
  try {
    const dir = currentBundle() ?? await buildBundle();
    if (dir === null) return null;
    markInUse(dir);
    return pathToFileURL(join(dir, 'main.js')).href;
  } catch {
    // Any trouble with the cache only costs the speed-up.
    return null;
  }
}

/** The newest bundle's folder if its sources are unchanged, else null. */
function currentBundle() {
  let latest;
  try {
    latest = JSON.parse(readFileSync(join(CACHE, LATEST), 'utf8'));
  } catch {
    return null;
  }
  const dir = join(CACHE, String(latest.key));
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
  } catch {
    return null;
  }
  if (manifest.esbuild !== esbuildVersion() || !sameStamps(manifest.inputs)) return null;
  return dir;
}

/** A file's size and modification time, or null when there is no such file. */
function stampOf(path) {
  try {
    const s = statSync(join(ROOT, path));
    return [s.size, s.mtimeMs];
  } catch {
    return null;
  }
}

/** Whether every input file is as it was when bundled (still missing, if it was). */
function sameStamps(inputs) {
  for (const [path, stamp] of Object.entries(inputs)) {
    const now = stampOf(path);
    if (now === null || stamp === null ? now !== stamp : now[0] !== stamp[0] || now[1] !== stamp[1]) return false;
  }
  return true;
}

function esbuildVersion() {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', 'esbuild', 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/**
 * Bundles ENTRIES into a new folder under CACHE and makes it the latest; null when
 * esbuild is missing or the build fails (tsx then reports any error in the sources).
 */
async function buildBundle() {
  const version = esbuildVersion();
  if (version === null) return null;
  const esbuild = await import('esbuild');
  mkdirSync(CACHE, { recursive: true });
  const tmp = join(CACHE, `.build-${process.pid}-${Date.now()}`);
  try {
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: ENTRIES,
      outdir: tmp,
      entryNames: '[name]',
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // Packages load from node_modules as usual (the cache folder is inside it).
      packages: 'external',
      keepNames: true,
      metafile: true,
      logLevel: 'silent',
    });
    // What the bundle was built from (package.json too: the version is bundled from it),
    // and tsconfig.json, whose settings esbuild follows.
    const inputs = {};
    for (const path of [...Object.keys(result.metafile.inputs), 'tsconfig.json'].sort()) inputs[path] = stampOf(path);
    const manifest = JSON.stringify({ esbuild: version, inputs });
    writeFileSync(join(tmp, MANIFEST), manifest);
    const key = createHash('sha256').update(manifest).digest('hex').slice(0, 16);
    const dir = join(CACHE, key);
    try {
      renameSync(tmp, dir);
    } catch {
      // Another run built the same bundle first: use that one.
      rmSync(tmp, { recursive: true, force: true });
    }
    const latestTmp = join(CACHE, `.latest-${process.pid}.json`);
    writeFileSync(latestTmp, JSON.stringify({ key, root: ROOT }));
    renameSync(latestTmp, join(CACHE, LATEST));
    removeStale(key);
    return dir;
  } catch {
    rmSync(tmp, { recursive: true, force: true });
    return null;
  }
}

/**
 * Marks `dir` as used by this process until it exits: a sweep's worker threads and the
 * report's figures load from it after the CLI started, so a newer run must not remove it.
 */
function markInUse(dir) {
  const mark = join(dir, `.in-use-${process.pid}`);
  writeFileSync(mark, '');
  process.on('exit', () => rmSync(mark, { force: true }));
}

/** Whether a live process marked `dir` (marks of ended processes are removed). */
function inUse(dir) {
  let live = false;
  for (const name of readdirSync(dir)) {
    const m = /^\.in-use-(\d+)$/.exec(name);
    if (m === null) continue;
    try {
      process.kill(Number(m[1]), 0);
      live = true;
    } catch (e) {
      if (e.code === 'EPERM') live = true;
      else rmSync(join(dir, name), { force: true });
    }
  }
  return live;
}

/**
 * Removes the bundles that no checkout's latest names and no live process uses, and
 * abandoned builds.
 */
function removeStale(keep) {
  const names = readdirSync(CACHE);
  const latest = new Set([keep]);
  for (const name of names) {
    if (!/^latest-[0-9a-f]+\.json$/.test(name)) continue;
    try {
      const { key, root } = JSON.parse(readFileSync(join(CACHE, name), 'utf8'));
      // A checkout that is gone needs its bundle no more.
      if (typeof root === 'string' && !existsSync(root)) rmSync(join(CACHE, name), { force: true });
      else latest.add(String(key));
    } catch {
      // Being replaced by another run: its new key is a fresh bundle, kept as recent.
    }
  }
  for (const name of names) {
    const path = join(CACHE, name);
    try {
      // A folder's time changes as runs mark and unmark it: one used a moment ago is kept too.
      if (/^[0-9a-f]{16}$/.test(name) && !latest.has(name) && !inUse(path) && Date.now() - statSync(path).mtimeMs > RECENT_MS) {
        rmSync(path, { recursive: true, force: true });
      }
      else if (name.startsWith('.build-') && Date.now() - statSync(path).mtimeMs > STALE_BUILD_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Removed by another run meanwhile.
    }
  }
}
