/**
 * The cluster generator's spec. Declared once, as the scenario schema
 * (src/scenario/scenario-schema.ts, where its fields are documented); the types are
 * inferred from it.
 */
export type { ClusterSpec, NodePoolSpec, TopologySpec } from '../scenario/scenario-schema.js';

/** Labels the generator sets on every node. */
export const ZONE_LABEL = 'topology.kubernetes.io/zone';
export const REGION_LABEL = 'topology.kubernetes.io/region';
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';
export const RACK_LABEL = 'topology.schedbench.io/rack';
export const POOL_LABEL = 'schedbench.io/pool';
