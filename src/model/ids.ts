/** A node's index in ClusterState's typed arrays. */
export type NodeId = number & { readonly __brand: 'NodeId' };
/** A pod's index in ClusterState's pod table. */
export type PodId = number & { readonly __brand: 'PodId' };
/** An interned string: label key or value, topology key, node name, namespace. */
export type Sym = number & { readonly __brand: 'Sym' };
/** The Sym that stands for "absent" (no label, no value). */
export const NO_SYM = -1 as Sym;
