import { loadCluster } from '../cluster/load-cluster.js';
import { buildFramework } from '../framework/framework.js';
import { registryCapabilities } from '../framework/registry-capabilities.js';
import { excerpt, InputError } from '../model/errors.js';
import { ModelContext } from '../model/model-context.js';
import { inTreeRegistry } from '../plugins/index.js';
import { loadScenario } from '../scenario/load-scenario.js';
import type { Scenario } from '../scenario/types.js';

/**
 * Reads scenario files with the in-tree plugins (policies checked by building them). Two
 * scenarios with the same name are refused: the report keys runs by scenario name, so
 * their runs would be merged into one summary. A snapshot cluster is loaded once here,
 * before any cell runs, so its errors and warnings (unknown fields, over-committed nodes)
 * are said once, through `warn`, not once per cell.
 */
export function loadScenarios(files: readonly string[], warn: (message: string) => void): Scenario[] {
  const caps = registryCapabilities(inTreeRegistry, new ModelContext());
  const scenarios = files.map((f) => loadScenario(f, caps, (p) => buildFramework(p, inTreeRegistry, new ModelContext())));
  const byName = new Map<string, Scenario>();
  for (const s of scenarios) {
    const first = byName.get(s.name);
    if (first !== undefined) {
      const same = first.file === s.file ? ' (the same file twice)' : '';
      throw new InputError({ file: s.file, path: 'name' }, `scenario name ${excerpt(s.name)} is also the name of ${first.file}${same}; scenarios of one run need different names (their runs would be merged in the report)`);
    }
    byName.set(s.name, s);
    if (s.cluster.kind === 'snapshot') loadCluster(s.cluster.files, new ModelContext(), { warn });
  }
  return scenarios;
}
