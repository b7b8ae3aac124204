import { InputError } from '../model/errors.js';
import type { CellResult, CellTask } from './cell.js';
import { OpenbCellRunner } from './openb-cell.js';
import type { PlanWorld } from './plan.js';
import { ScenarioCellRunner } from './scenario-cell.js';

/**
 * What running a cell gave, as plain data that crosses a thread boundary intact: the
 * result, or the InputError it raised (a class does not survive structured cloning).
 */
export type CellOutcome =
  | { readonly ok: true; readonly result: CellResult }
  | { readonly ok: false; readonly error: { readonly where: InputError['where']; readonly problem: string } };

/**
 * Runs the cells of one plan world, in this thread: the same code in a worker and in the
 * main process. It keeps what cells can share (the openb lists, a seed's generated
 * cluster and workload) between them; no result depends on what ran before.
 */
export class CellRunner {
  private scenarioRunner: ScenarioCellRunner | null = null;
  private openbRunner: OpenbCellRunner | null = null;

  constructor(private readonly world: PlanWorld) {}

  run(cell: { readonly id: string; readonly task: CellTask }): CellOutcome {
    try {
      return { ok: true, result: this.runTask(cell.id, cell.task) };
    } catch (e) {
      if (e instanceof InputError) return { ok: false, error: { where: { ...e.where }, problem: e.problem } };
      throw e;
    }
  }

  private runTask(id: string, task: CellTask): CellResult {
    const world = this.world;
    switch (task.kind) {
      case 'scenario':
        if (world.kind !== 'scenarios') throw new Error(`cell ${id}: a scenario cell in a plan of kind ${world.kind}`);
        this.scenarioRunner ??= new ScenarioCellRunner(world.scenarios);
        return this.scenarioRunner.run(id, task);
      case 'openb':
        if (world.kind !== 'openb') throw new Error(`cell ${id}: an openb cell in a plan of kind ${world.kind}`);
        this.openbRunner ??= new OpenbCellRunner(world.openb);
        return this.openbRunner.run(id, task);
    }
  }
}
