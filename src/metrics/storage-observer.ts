import type { ClusterView } from '../cluster/cluster-view.js';
import { isExplained } from '../framework/diagnosis.js';
import type { Framework } from '../framework/framework.js';
import type { CycleContext, Diagnosis } from '../framework/types.js';
import { Rejection } from '../framework/types.js';
import type { NodeId, PodId } from '../model/ids.js';
import { NO_SYM } from '../model/ids.js';
import { labelValue } from '../model/labels.js';
import type { PersistentVolume } from '../model/persistent-volume.js';
import type { PersistentVolumeClaim } from '../model/persistent-volume-claim.js';
import type { CompiledPod } from '../model/pod.js';
import { NODE_VOLUME_LIMITS, VOLUME_BINDING, VOLUME_RESTRICTIONS, VOLUME_ZONE } from '../model/volume-plugin-names.js';
import type { SimObserver } from '../sim/types.js';

/** kube-scheduler's four volume plugins, whose rejections make a pod pending "because of volumes". */
export const VOLUME_PLUGINS: readonly string[] = [VOLUME_BINDING, VOLUME_ZONE, VOLUME_RESTRICTIONS, NODE_VOLUME_LIMITS];

/** The well-known zone label (topology.kubernetes.io/zone) a provisioned volume's zone is read from. */
const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** One reason a volume plugin gave in a failed attempt: kube's reason text, or its PreFilter message. */
export interface VolumeReason {
  readonly plugin: string;
  readonly reason: string;
}

/** A volume provisioned at bind, in the zone of the node it was provisioned for ('' when that node has no zone label). */
export interface ProvisionedVolume {
  readonly volume: string;
  readonly zone: string;
  readonly atS: number;
}

/** A StatefulSet pod recreated by its controller: when, and when the replacement was bound (null: never). */
export interface StatefulReplacement {
  readonly pod: PodId;
  readonly recreatedS: number;
  readonly boundS: number | null;
}

/** What a run's storage observer saw, as plain data (see StorageObserver). */
export interface StorageFacts {
  /**
   * Per pod incarnation: the volume plugins' reasons in its last failed attempt whose
   * reasons were collected (SimOptions.explainFailures), when that attempt had any.
   */
  readonly volumeReasons: ReadonlyMap<PodId, readonly VolumeReason[]>;
  /** Volumes provisioned, in the order they were made. */
  readonly provisioned: readonly ProvisionedVolume[];
  /** StatefulSet pods recreated, in the order they were recreated. */
  readonly statefulReplacements: readonly StatefulReplacement[];
}

/**
 * Watches a run for the storage metrics: which volume plugin refused each pod in its
 * failed attempts, the volumes provisioned at bind (SimObserver.onVolumesBound) and the
 * StatefulSet pods a controller recreated, until they are bound again.
 *
 * A Filter reason is the volume plugin's when the profile's volume plugin declares that
 * text (Plugin.reasons). A PreFilter rejection's Diagnosis names no plugin, so the volume
 * plugins' PreFilters are asked again, in profile order, for the pod on the same cluster
 * (onUnschedulable comes before anything changes it): the first that rejects with the
 * diagnosis's message is the one. They only read the pod and storage, so asking again
 * changes nothing in the run.
 * CAVEAT: when the framework's Diagnosis names the rejecting plugins (kube's
 * Diagnosis.UnschedulablePlugins), that is the better source.
 */
export class StorageObserver implements SimObserver {
  private readonly pluginOfReason = new Map<string, string>();
  private readonly volumePreFilters: Framework['filters'];
  private readonly cx: CycleContext;
  private readonly reasons = new Map<PodId, readonly VolumeReason[]>();
  private readonly provisioned: ProvisionedVolume[] = [];
  private readonly replacements: { pod: PodId; recreatedS: number; boundS: number | null }[] = [];
  private readonly replacementIndex = new Map<PodId, number>();

  /** `fw` is the run's framework and `view` the cluster the simulator runs on. */
  constructor(fw: Framework, view: ClusterView) {
    const volume = fw.filters.filter((p) => VOLUME_PLUGINS.includes(p.name));
    for (const p of volume) for (const r of p.reasons ?? []) this.pluginOfReason.set(r.text, p.name);
    this.volumePreFilters = volume.filter((p) => p.preFilter !== undefined);
    this.cx = { view };
  }

  onUnschedulable(pod: CompiledPod, diagnosis: Diagnosis): void {
    // Unexplained attempts keep the last explained one's reasons, as PodRecord.lastDiagnosis does.
    if (!isExplained(diagnosis)) return;
    const found = diagnosis.preFilterMessage !== null ? this.preFilterReason(pod, diagnosis.preFilterMessage) : this.filterReasons(diagnosis);
    if (found.length > 0) this.reasons.set(pod.id, found);
    else this.reasons.delete(pod.id);
  }

  onVolumesBound(_pod: CompiledPod, node: NodeId, _claims: readonly PersistentVolumeClaim[], provisioned: readonly PersistentVolume[], atS: number, view: ClusterView): void {
    if (provisioned.length === 0) return;
    const key = view.model.symbols.lookup(ZONE_LABEL);
    const value = key === undefined ? NO_SYM : labelValue(view.nodeLabels(node), key);
    const zone = value === NO_SYM ? '' : view.model.symbols.text(value);
    for (const v of provisioned) this.provisioned.push({ volume: v.name, zone, atS });
  }

  onRecreate(_deleted: CompiledPod, replacement: CompiledPod, atS: number): void {
    if (replacement.owner?.kind !== 'StatefulSet') return;
    this.replacementIndex.set(replacement.id, this.replacements.length);
    this.replacements.push({ pod: replacement.id, recreatedS: atS, boundS: null });
  }

  onBind(pod: CompiledPod, _node: NodeId, atS: number): void {
    const i = this.replacementIndex.get(pod.id);
    if (i === undefined) return;
    // A pod id is bound once: a deleted pod comes back under a new id.
    this.replacements[i]!.boundS = atS;
    this.replacementIndex.delete(pod.id);
  }

  /** What the run showed so far. */
  facts(): StorageFacts {
    return { volumeReasons: new Map(this.reasons), provisioned: [...this.provisioned], statefulReplacements: this.replacements.map((r) => ({ ...r })) };
  }

  private filterReasons(d: Diagnosis): VolumeReason[] {
    const out: VolumeReason[] = [];
    for (const text of d.reasons.keys()) {
      const plugin = this.pluginOfReason.get(text);
      if (plugin !== undefined) out.push({ plugin, reason: text });
    }
    return out;
  }

  private preFilterReason(pod: CompiledPod, message: string): VolumeReason[] {
    if (pod.volumes.claims.length === 0) return [];
    for (const p of this.volumePreFilters) {
      const st = p.preFilter!(this.cx, pod);
      if (st instanceof Rejection && st.message === message) return [{ plugin: p.name, reason: message }];
    }
    return [];
  }
}
