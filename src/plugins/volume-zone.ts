import { NO_ARGS, parsePluginArgs } from '../framework/plugin-args.js';
import type { Plugin, PluginEnv } from '../framework/types.js';
import { PASS, Rejection, SKIP } from '../framework/types.js';
import type { Sym } from '../model/ids.js';
import { NO_SYM } from '../model/ids.js';
import { labelValue } from '../model/labels.js';
import type { SymbolTable } from '../model/symbols.js';
import { VOLUME_ZONE } from '../model/volume-plugin-names.js';

/**
 * VolumeZone: the zone and region labels of the volumes a pod's bound claims use must
 * match the node's. Mirrors kube-scheduler pkg/scheduler/framework/plugins/volumezone/
 * volume_zone.go: PreFilter reads each persistentVolumeClaim volume's claim (a missing
 * claim, class or volume is UnschedulableAndUnresolvable; an unbound claim of a
 * WaitForFirstConsumer class is skipped, VolumeBinding places it; an unbound claim of
 * another class is refused), then the topology labels of its volume, each value a set
 * split on "__" (LabelZonesToSet; a value with an empty zone is ignored); no labels:
 * Skip. Filter passes a node without any of the four topology labels, else needs each
 * volume label's key (or its GA twin, for a beta key) on the node with a value in the
 * set: UnschedulableAndUnresolvable otherwise. No PreFilterExtensions.
 */
export const NAME = VOLUME_ZONE;

const CONFLICT = 1;
const REASONS = [{ text: 'node(s) had no available volume zone', unresolvable: true }] as const;

const BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';
const BETA_REGION = 'failure-domain.beta.kubernetes.io/region';
const ZONE = 'topology.kubernetes.io/zone';
const REGION = 'topology.kubernetes.io/region';
/** volumezone topologyLabels, in kube's order. */
const TOPOLOGY_LABELS = [BETA_ZONE, BETA_REGION, ZONE, REGION] as const;

/** One volume label the node must satisfy: the key, the key to try when the node lacks it, the allowed values. */
interface VolumeTopology {
  readonly key: Sym;
  readonly gaKey: Sym;
  readonly values: ReadonlySet<Sym>;
}

/** Builds the VolumeZone plugin; it takes no args. */
export function create(args: unknown, env: PluginEnv): Plugin {
  parsePluginArgs(NO_ARGS, args);
  const symbols = env.model.symbols;
  const keys = TOPOLOGY_LABELS.map((k) => symbols.intern(k));
  const gaOf = (k: string) => symbols.intern(k === BETA_ZONE ? ZONE : k === BETA_REGION ? REGION : k);
  return {
    name: NAME,
    reasons: REASONS,
    preFilter: (cx, pod) => {
      if (pod.volumes.claims.length === 0) return SKIP;
      const storage = cx.view.storage;
      const out: VolumeTopology[] = [];
      for (const ref of pod.volumes.claims) {
        if (ref.ephemeral) continue;
        const claim = storage.claim(pod.namespace, ref.name);
        if (claim === null) return new Rejection(`persistentvolumeclaim ${JSON.stringify(ref.name)} not found`, true);
        if (claim.volumeName === '') {
          if (claim.storageClassName === '') return new Rejection('PersistentVolumeClaim had no pv name and storageClass name', true);
          const cls = storage.storageClass(claim.storageClassName);
          if (cls === null) return new Rejection(`storageclass.storage.k8s.io ${JSON.stringify(claim.storageClassName)} not found`, true);
          if (cls.volumeBindingMode === 'WaitForFirstConsumer') continue;
          return new Rejection('PersistentVolume had no name', true);
        }
        const pv = storage.volume(claim.volumeName);
        if (pv === null) return new Rejection(`persistentvolume ${JSON.stringify(claim.volumeName)} not found`, true);
        TOPOLOGY_LABELS.forEach((k, i) => {
          const value = labelValue(pv.labels, keys[i]!);
          if (value === NO_SYM) return;
          const zones = labelZones(symbols.text(value), symbols);
          if (zones !== null) out.push({ key: keys[i]!, gaKey: gaOf(k), values: zones });
        });
      }
      return out.length === 0 ? SKIP : out;
    },
    filter: (cx, _pod, node, topologies) => {
      const labels = cx.view.nodeLabels(node);
      let constrained = false;
      for (const k of keys) {
        if (labelValue(labels, k) !== NO_SYM) { constrained = true; break; }
      }
      // A node without topology labels (a single-zone cluster) takes any volume.
      if (!constrained) return PASS;
      for (const t of topologies) {
        let v = labelValue(labels, t.key);
        if (v === NO_SYM) v = labelValue(labels, t.gaKey);
        if (v === NO_SYM || !t.values.has(v)) return CONFLICT;
      }
      return PASS;
    },
  } satisfies Plugin<readonly VolumeTopology[], undefined>;
}

/** LabelZonesToSet: the value split on "__", each part trimmed; null when a part is empty (kube ignores the label). */
function labelZones(value: string, symbols: SymbolTable): Set<Sym> | null {
  const out = new Set<Sym>();
  for (const part of value.split('__')) {
    const zone = part.trim();
    if (zone === '') return null;
    out.add(symbols.intern(zone));
  }
  return out;
}
