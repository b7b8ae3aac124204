import { ResourceTable } from './resources.js';
import { SymbolTable } from './symbols.js';

/**
 * The tables one run interns into: strings, resource names, and the pod id counter.
 * Passed explicitly (no globals), so two runs in one process never share ids.
 */
export class ModelContext {
  private nextPod = 0;

  constructor(readonly symbols = new SymbolTable(), readonly resources = new ResourceTable()) {}

  /**
   * A context with this one's symbols and resource dimensions and no pod ids handed out,
   * which then grows on its own: nodes (and other objects without a pod id) compiled
   * once against this context can be used in every run that starts from a copy, instead
   * of being compiled again per run. Two copies' later syms are not comparable.
   */
  copy(): ModelContext {
    return new ModelContext(this.symbols.copy(), this.resources.copy());
  }

  /** A fresh pod id. */
  newPodId(): number {
    return this.nextPod++;
  }

  /** How many pod ids were handed out (pod tables size to this). */
  get podIds(): number {
    return this.nextPod;
  }
}
