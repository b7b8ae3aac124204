import type { Registry } from '../framework/types.js';
import { InputError } from '../model/errors.js';
import { inTreeRegistry } from '../plugins/index.js';
import type { UserPluginErrorData } from '../plugins/user/user-plugin-error.js';
import { UserPluginError } from '../plugins/user/user-plugin-error.js';
import type { CellResult, CellTask } from './cell.js';
import { loadUserPlugins } from './load-user-plugins.js';
import { OpenbCellRunner } from './openb-cell.js';
import type { PlanWorld } from './plan.js';
import { ScenarioCellRunner } from './scenario-cell.js';

/**
 * What running a cell gave, as plain data that crosses a thread boundary intact: the
 * result, or the InputError or user plugin's error it raised (a class does not survive
 * structured cloning).
 */
export type CellOutcome =
  | { readonly ok: true; readonly result: CellResult }
  | { readonly ok: false; readonly error: { readonly where: InputError['where']; readonly problem: string } }
  | { readonly ok: false; readonly pluginError: UserPluginErrorData };

/** A cell's result, or the error it raised, raised again in this thread. */
export function resultOf(o: CellOutcome): CellResult {
  if (o.ok) return o.result;
  if ('pluginError' in o) throw UserPluginError.fromData(o.pluginError);
  throw new InputError(o.error.where, o.error.problem);
}

/**
 * Runs the cells of one plan world, in this thread: the same code in a worker and in the
 * main process. It keeps what cells can share (the openb lists, a seed's generated
 * cluster and workload) between them; no result depends on what ran before.
 */
export class CellRunner {
  private scenarioRunner: ScenarioCellRunner | null = null;
  private openbRunner: OpenbCellRunner | null = null;

  /** `registry`: the in-tree plugins plus the plan's user plugins (see load). */
  constructor(private readonly world: PlanWorld, private readonly registry: Registry = inTreeRegistry) {}

  /** A runner for `world`, with the plan's user plugins imported (and checked against their digests). */
  static async load(world: PlanWorld): Promise<CellRunner> {
    const { registry } = await loadUserPlugins(world.plugins.map((p) => p.file), world.plugins);
    return new CellRunner(world, registry);
  }

  run(cell: { readonly id: string; readonly task: CellTask }): CellOutcome {
    try {
      return { ok: true, result: this.runTask(cell.id, cell.task) };
    } catch (e) {
      if (e instanceof InputError) return { ok: false, error: { where: { ...e.where }, problem: e.problem } };
      if (e instanceof UserPluginError) return { ok: false, pluginError: e.toData() };
      throw e;
    }
  }

  private runTask(id: string, task: CellTask): CellResult {
    const world = this.world;
    switch (task.kind) {
      case 'scenario':
        if (world.kind !== 'scenarios') throw new Error(`cell ${id}: a scenario cell in a plan of kind ${world.kind}`);
        this.scenarioRunner ??= new ScenarioCellRunner(world.scenarios, this.registry);
        return this.scenarioRunner.run(id, task);
      case 'openb':
        if (world.kind !== 'openb') throw new Error(`cell ${id}: an openb cell in a plan of kind ${world.kind}`);
        this.openbRunner ??= new OpenbCellRunner(world.openb, this.registry);
        return this.openbRunner.run(id, task);
    }
  }
}
