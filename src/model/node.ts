import type { Sym } from './ids.js';
import type { LabelSet } from './labels.js';
import type { TaintList } from './taints.js';

/** One image a node holds: its (unnormalized) name and size, per name in status.images. */
export interface NodeImage {
  readonly name: Sym;
  readonly sizeBytes: number;
}

/** A node compiled for ClusterState: strings interned, quantities scaled. */
export interface CompiledNode {
  readonly name: Sym;
  readonly labels: LabelSet;
  /** status.allocatable per resource dimension (length = resource table size at compile time). */
  readonly allocatable: Float64Array;
  readonly taints: TaintList;
  readonly unschedulable: boolean;
  readonly images: readonly NodeImage[];
}
