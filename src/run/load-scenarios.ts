import { resolve } from 'node:path';
import { loadCluster } from '../cluster/load-cluster.js';
import { buildFramework } from '../framework/framework.js';
import { registryCapabilities } from '../framework/registry-capabilities.js';
import type { PluginFactory, Registry } from '../framework/types.js';
import { excerpt, InputError } from '../model/errors.js';
import { INPUT_LIMITS } from '../model/input-limits.js';
import { ModelContext } from '../model/model-context.js';
import { inTreeRegistry } from '../plugins/index.js';
import { loadScenario, scenarioPluginFiles } from '../scenario/load-scenario.js';
import type { Scenario } from '../scenario/types.js';
import type { UserPluginFile } from './load-user-plugins.js';
import { checkReplayScope } from './replay-snapshot.js';
import { loadUserPlugins } from './load-user-plugins.js';

/**
 * Reads scenario files with the in-tree plugins and the user's: each scenario's
 * `plugins` and the command's `--plugin` files (`pluginFiles`, relative to the working
 * folder) are imported first, then every policy is checked by building it against the
 * plugins its scenario may use (the in-tree ones, its own, and --plugin's). Two
 * scenarios with the same name are refused: the report keys runs by scenario name, so
 * their runs would be merged into one summary. A snapshot cluster is loaded once here,
 * before any cell runs, so its errors and warnings (unknown fields, over-committed nodes)
 * are said once, through `warn`, not once per cell.
 */
export async function loadScenarios(
  files: readonly string[], warn: (message: string) => void, pluginFiles: readonly string[] = [],
): Promise<Scenario[]> {
  const extra = pluginFiles.map((f) => resolve(f));
  const own = files.map((f) => scenarioPluginFiles(f));
  const all = [...new Set([...extra, ...own.flat()])];
  if (all.length > INPUT_LIMITS.pluginFiles) {
    throw new InputError({ path: '--plugin' }, `at most ${INPUT_LIMITS.pluginFiles} plugin files in one run, got ${all.length}`);
  }
  const { registry, plugins } = await loadUserPlugins(all);
  const scenarios = files.map((f, i) => {
    const visible = [...new Set([...own[i]!, ...extra])];
    const mine = scenarioRegistry(registry, plugins, visible);
    const s = loadScenario(f, registryCapabilities(mine, new ModelContext()), (p) => buildFramework(p, mine, new ModelContext()));
    return { ...s, plugins: visible };
  });
  const byName = new Map<string, Scenario>();
  for (const s of scenarios) {
    const first = byName.get(s.name);
    if (first !== undefined) {
      const same = first.file === s.file ? ' (the same file twice)' : '';
      throw new InputError({ file: s.file, path: 'name' }, `scenario name ${excerpt(s.name)} is also the name of ${first.file}${same}; scenarios of one run need different names (their runs would be merged in the report)`);
    }
    byName.set(s.name, s);
    if (s.cluster.kind === 'snapshot') {
      const loaded = loadCluster(s.cluster.files, new ModelContext(), { warn });
      // A replay's namespaces are checked here too, so a typo stops the run before any cell.
      if (s.workload.kind === 'replay') {
        const scope = s.workload.scope;
        checkReplayScope(scope, loaded.state, loaded.pending, (i) => ({ file: s.file, path: `workload.replay.${scope.kind}[${i}]` }));
      }
    }
  }
  return scenarios;
}

/** The in-tree plugins plus the user plugins of `files`. */
function scenarioRegistry(all: Registry, plugins: readonly UserPluginFile[], files: readonly string[]): Registry {
  const r = new Map<string, PluginFactory>(inTreeRegistry);
  for (const p of plugins) if (files.includes(p.file)) r.set(p.name, all.get(p.name)!);
  return r;
}
