import { ResourceTable } from './resources.js';
import { SymbolTable } from './symbols.js';

/**
 * The tables one run interns into: strings, resource names, and the pod id counter.
 * Passed explicitly (no globals), so two runs in one process never share ids.
 */
export class ModelContext {
  readonly symbols = new SymbolTable();
  readonly resources = new ResourceTable();
  private nextPod = 0;

  /** A fresh pod id. */
  newPodId(): number {
    return this.nextPod++;
  }

  /** How many pod ids were handed out (pod tables size to this). */
  get podIds(): number {
    return this.nextPod;
  }
}
