import { NO_ARGS, parsePluginArgs } from '../framework/plugin-args.js';
import type { Plugin, PluginEnv } from '../framework/types.js';
import { PASS, SKIP } from '../framework/types.js';
import type { StorageView } from '../cluster/storage-view.js';
import type { Sym } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import type { PersistentVolumeClaim } from '../model/persistent-volume-claim.js';
import type { SymbolTable } from '../model/symbols.js';
import { NODE_VOLUME_LIMITS } from '../model/volume-plugin-names.js';

/**
 * NodeVolumeLimits: a node may attach at most its CSINode's allocatable.count volumes of
 * each CSI driver. Mirrors kube-scheduler pkg/scheduler/framework/plugins/
 * nodevolumelimits/csi.go: PreFilter skips pods without persistentVolumeClaim or
 * ephemeral volumes. Filter resolves each claim of the pod to a unique volume
 * `<driver>/<volume handle>` (getCSIDriverInfo: the bound volume's CSI source; for an
 * unbound claim, or one whose volume is missing, its class's provisioner and a handle
 * made from the claim's namespace and name, getCSIDriverInfoFromSC; a claim without a
 * class, or a volume that is not CSI, is not counted); a claim of the pod that does not
 * exist is UnschedulableAndUnresolvable. Nothing new to attach, or no limits on the
 * node: pass. Otherwise the unique volumes of the pods on the node are counted per driver
 * (claims that do not exist skipped), the pod's volumes already attached there are not
 * counted again, and attached + new above a driver's limit is Unschedulable. The pods on
 * the node are read from the view, so a what-if's overlay is seen without
 * PreFilterExtensions (kube has none for it).
 * CAVEAT: in-tree volumes migrated to CSI (csi-translation-lib) and the deprecated
 * `attachable-volumes-*` node allocatable keys are not modelled: only CSI volumes and
 * CSINode counts.
 */
export const NAME = NODE_VOLUME_LIMITS;

const MAX_COUNT_EXCEEDED = 1;
const CLAIM_NOT_FOUND = 2;
const REASONS = [
  { text: 'node(s) exceed max volume count', unresolvable: false },
  { text: 'node(s) unavailable: a PersistentVolumeClaim of the pod was not found', unresolvable: true },
] as const;

/** kube uses a random prefix per scheduler for the handles of unbound claims; any fixed string does the same job. */
const UNBOUND_HANDLE_PREFIX = 'schedbench';

/** Builds the NodeVolumeLimits plugin; it takes no args. */
export function create(args: unknown, env: PluginEnv): Plugin {
  parsePluginArgs(NO_ARGS, args);
  const symbols = env.model.symbols;
  return {
    name: NAME,
    reasons: REASONS,
    preFilter: (cx, pod) => (pod.volumes.claims.length === 0 ? SKIP : cx.view.storage),
    filter: (cx, pod, node, storage) => {
      const wanted = new Map<string, string>();
      if (!attachableVolumes(storage, pod, true, wanted, symbols)) return CLAIM_NOT_FOUND;
      if (wanted.size === 0) return PASS;
      const limits = storage.csiNode(cx.view.nodeName[node] as Sym)?.attachLimits;
      if (limits === undefined || limits.size === 0) return PASS;
      const attached = new Map<string, string>();
      for (const id of cx.view.podsOn(node)) {
        const other = cx.view.pod(id);
        if (other.volumes.claims.length > 0) attachableVolumes(storage, other, false, attached, symbols);
      }
      const attachedCount = new Map<string, number>();
      for (const [unique, driver] of attached) {
        wanted.delete(unique);
        attachedCount.set(driver, (attachedCount.get(driver) ?? 0) + 1);
      }
      const newCount = new Map<string, number>();
      for (const driver of wanted.values()) newCount.set(driver, (newCount.get(driver) ?? 0) + 1);
      for (const [driver, count] of newCount) {
        const limit = limits.get(driver);
        if (limit !== undefined && (attachedCount.get(driver) ?? 0) + count > limit) return MAX_COUNT_EXCEEDED;
      }
      return PASS;
    },
  } satisfies Plugin<StorageView, undefined>;
}

/**
 * filterAttachableVolumes: the pod's CSI volumes into `out` (unique name -> driver).
 * false when a claim of the pod being scheduled (`incoming`) does not exist; an existing
 * pod's missing claim is skipped.
 */
function attachableVolumes(storage: StorageView, pod: CompiledPod, incoming: boolean, out: Map<string, string>, symbols: SymbolTable): boolean {
  for (const ref of pod.volumes.claims) {
    const claim = storage.claim(pod.namespace, ref.name);
    if (claim === null) {
      if (incoming) return false;
      continue;
    }
    const info = csiDriverInfo(storage, claim, symbols);
    if (info !== null) out.set(`${info.driver}/${info.handle}`, info.driver);
  }
  return true;
}

/** getCSIDriverInfo: the driver and volume handle of a claim's volume, or null when it is not counted. */
function csiDriverInfo(storage: StorageView, claim: PersistentVolumeClaim, symbols: SymbolTable): { driver: string; handle: string } | null {
  if (claim.volumeName !== '') {
    const pv = storage.volume(claim.volumeName);
    if (pv !== null) return pv.csi === null ? null : { driver: pv.csi.driver, handle: pv.csi.volumeHandle };
  }
  // getCSIDriverInfoFromSC: no class (an Immediate claim, bound before scheduling) or no such class: not counted.
  if (claim.storageClassName === '') return null;
  const cls = storage.storageClass(claim.storageClassName);
  if (cls === null) return null;
  return { driver: cls.provisioner, handle: `${UNBOUND_HANDLE_PREFIX}-${symbols.text(claim.namespace)}/${claim.name}` };
}
