import type { ClusterSpec } from './cluster-spec.js';
import { HOSTNAME_LABEL, POOL_LABEL, RACK_LABEL, REGION_LABEL, ZONE_LABEL } from './cluster-spec.js';
import type { Rng } from './rng.js';

/**
 * Generates v1.Node objects for a cluster spec. Nodes are named `<pool>-<i>`; each pool's
 * nodes are dealt round-robin over regions x zones (and racks inside a zone), so every
 * zone gets a near-equal share of every pool. Only image presence is random, drawn from
 * a stream per pool so that changing one pool leaves the others' images unchanged.
 * The result goes through compileNode like any user-supplied node.
 */
export function generateCluster(spec: ClusterSpec, rng: Rng): unknown[] {
  const regions = spec.topology?.regions ?? 1;
  const zonesPerRegion = spec.topology?.zonesPerRegion ?? 1;
  const racks = spec.topology?.racksPerZone ?? 0;
  const zones = regions * zonesPerRegion;
  const nodes: unknown[] = [];
  for (const pool of spec.pools) {
    const imageRng = rng.fork(`images/${pool.name}`);
    for (let i = 0; i < pool.count; i++) {
      const name = `${pool.name}-${i}`;
      const z = i % zones;
      const region = Math.floor(z / zonesPerRegion);
      const labels: Record<string, string> = {
        ...(pool.labels ?? {}),
        [HOSTNAME_LABEL]: name,
        [POOL_LABEL]: pool.name,
        [REGION_LABEL]: `region-${region}`,
        [ZONE_LABEL]: `zone-${region}-${z % zonesPerRegion}`,
      };
      if (racks > 0) labels[RACK_LABEL] = `rack-${region}-${z % zonesPerRegion}-${Math.floor(i / zones) % racks}`;
      const images = (pool.images ?? [])
        .filter((img) => imageRng.float() < (img.probability ?? 1))
        .map((img) => ({ names: [img.name], sizeBytes: img.sizeBytes }));
      nodes.push({
        kind: 'Node',
        metadata: { name, labels },
        spec: { taints: pool.taints ?? [] },
        status: { allocatable: { ...pool.capacity }, capacity: { ...pool.capacity }, images },
      });
    }
  }
  return nodes;
}
