/** A pool of identical nodes in a generated cluster. */
export interface NodePoolSpec {
  readonly name: string;
  readonly count: number;
  /** Allocatable per resource as Kubernetes quantities: cpu, memory, pods, nvidia.com/gpu, ... */
  readonly capacity: Readonly<Record<string, string | number>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly { readonly key: string; readonly value?: string; readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
  /** Images a node of the pool holds, each with the probability that a node has it. @default probability 1 */
  readonly images?: readonly { readonly name: string; readonly sizeBytes: number; readonly probability?: number }[];
}

/** Topology labels laid over every pool. */
export interface TopologySpec {
  /** @default 1 */
  readonly regions?: number;
  /** Zones per region. @default 1 */
  readonly zonesPerRegion?: number;
  /** Racks per zone (label `topology.schedbench.io/rack`); 0 = no rack label. @default 0 */
  readonly racksPerZone?: number;
}

/** A generated cluster: node pools plus topology. */
export interface ClusterSpec {
  readonly pools: readonly NodePoolSpec[];
  readonly topology?: TopologySpec;
}

export const ZONE_LABEL = 'topology.kubernetes.io/zone';
export const REGION_LABEL = 'topology.kubernetes.io/region';
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';
export const RACK_LABEL = 'topology.schedbench.io/rack';
export const POOL_LABEL = 'schedbench.io/pool';
