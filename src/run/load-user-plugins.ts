import { readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { KUBE_IN_TREE_PLUGINS, REMOVED_KUBE_PLUGINS } from '../model/kube-plugin-names.js';
import type { PluginFactory, Registry } from '../framework/types.js';
import { InputError } from '../model/errors.js';
import { inTreeRegistry } from '../plugins/index.js';
import { userPluginDefinition } from '../plugins/user/user-plugin-module.js';
import { digestOf } from './plan-hash.js';

/** A user's plugin file as a plan records it: where, and the content that decided results. */
export interface PluginFileRef {
  /** Absolute path. */
  readonly file: string;
  /** fileDigest of its bytes (part of the plan hash; workers check it). */
  readonly digest: string;
}

/** A loaded plugin file: its reference and the plugin's name (its default export's). */
export interface UserPluginFile extends PluginFileRef {
  readonly name: string;
}

/**
 * A module loaded as CommonJS holds its `export default` one level down
 * (`{ default: { default: plugin } }`); an ESM module holds it directly.
 */
function commonJsInterop(mod: unknown): unknown {
  const d = (mod as { default?: unknown } | null)?.default;
  if (typeof d === 'object' && d !== null && !Array.isArray(d)) {
    const keys = Object.keys(d);
    if (keys.length === 1 && keys[0] === 'default') return d;
  }
  return mod;
}

/** Extensions a plugin file may have: TypeScript runs through tsx's loader, as schedbench itself does. */
const PLUGIN_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];

/**
 * The registry a run's policies resolve plugin names in: the in-tree plugins plus the
 * user's plugin files (`plugins:` of a scenario, `--plugin`), each imported once. A file
 * twice is one plugin; two files with one name, or a name kube-scheduler or schedbench
 * already has, are refused. `expected` (a worker's check against the plan) refuses a
 * file whose content changed since the plan was made.
 */
export async function loadUserPlugins(
  files: readonly string[], expected?: readonly PluginFileRef[],
): Promise<{ readonly registry: Registry; readonly plugins: readonly UserPluginFile[] }> {
  const registry = new Map<string, PluginFactory>(inTreeRegistry);
  const plugins: UserPluginFile[] = [];
  const fileOf = new Map<string, string>();
  for (const f of [...new Set(files.map((x) => resolve(x)))]) {
    if (!PLUGIN_EXTENSIONS.includes(extname(f))) {
      throw new InputError({ file: f }, `a plugin file must end in ${PLUGIN_EXTENSIONS.join(', ')}`);
    }
    let bytes: Buffer;
    try {
      if (!statSync(f).isFile()) throw new InputError({ file: f }, 'not a file');
      bytes = readFileSync(f);
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError({ file: f }, `cannot read the plugin file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    const digest = digestOf(bytes);
    const want = expected?.find((p) => p.file === f);
    if (expected !== undefined && (want === undefined || want.digest !== digest)) {
      throw new InputError({ file: f }, 'the plugin file changed after the run was planned; start the run again');
    }
    let mod: unknown;
    try {
      // tsx's tsImport, not import(): a plugin file outside an ESM package (no "type":
      // "module" beside it) is CommonJS to Node, which refuses its `export default`.
      // tsImport loads TypeScript and JavaScript, ESM or CommonJS, wherever the file is.
      mod = commonJsInterop(await tsImport(`${pathToFileURL(f).href}?${digest.replace(':', '=')}`, import.meta.url));
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      throw new InputError({ file: f }, `the plugin file does not load: ${err.message}`);
    }
    const def = userPluginDefinition(mod, f);
    if (KUBE_IN_TREE_PLUGINS.has(def.name) || REMOVED_KUBE_PLUGINS.has(def.name) || inTreeRegistry.has(def.name)) {
      throw new InputError({ file: f, path: 'default.name' }, `${JSON.stringify(def.name)} is the name of a built-in plugin; choose another`);
    }
    const other = fileOf.get(def.name);
    if (other !== undefined) throw new InputError({ file: f, path: 'default.name' }, `${JSON.stringify(def.name)} is also the name of the plugin in ${other}`);
    fileOf.set(def.name, f);
    registry.set(def.name, def.factory);
    plugins.push({ file: f, digest, name: def.name });
  }
  return { registry, plugins };
}
