import { NO_ARGS, parsePluginArgs } from '../framework/plugin-args.js';
import type { Plugin, PluginEnv } from '../framework/types.js';
import { PASS, Rejection, SKIP } from '../framework/types.js';
import { READ_WRITE_ONCE_POD } from '../model/access-modes.js';
import type { CompiledPod } from '../model/pod.js';
import { disksConflict } from '../model/pod-volumes.js';
import { VOLUME_RESTRICTIONS } from '../model/volume-plugin-names.js';

/**
 * VolumeRestrictions: in-tree disks a pod may not share with a pod on the node, and
 * ReadWriteOncePod claims another pod already uses. Mirrors kube-scheduler
 * pkg/scheduler/framework/plugins/volumerestrictions/volume_restrictions.go:
 * PreFilter reads the pod's persistentVolumeClaim volumes' claims (a missing one is
 * UnschedulableAndUnresolvable) and counts, for those with ReadWriteOncePod, the ones a
 * bound pod uses (StorageInfos.IsPVCUsedByPods); nothing to check (no exclusive disk, no
 * conflict): Skip. Filter: a GCE PD, EBS volume, iSCSI or RBD disk conflicting with a
 * pod on the node is Unschedulable (isVolumeConflict); then any ReadWriteOncePod
 * conflict counted is Unschedulable on every node, which preemption can resolve: AddPod
 * and RemovePod add and take off the pod's persistentVolumeClaim volumes naming one of
 * those claims (by name alone, as kube's conflictingPVCRefCountForPod does).
 */
export const NAME = VOLUME_RESTRICTIONS;

const DISK_CONFLICT = 1;
const RWOP_CONFLICT = 2;
const REASONS = [
  { text: 'node(s) had no available disk', unresolvable: false },
  { text: 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode', unresolvable: false },
] as const;

/** preFilterState: the pod's ReadWriteOncePod claim names and how many bound pods' volumes use them. */
interface RestrictionsState {
  readonly rwopClaims: ReadonlySet<string>;
  readonly conflicts: number;
}

/** Builds the VolumeRestrictions plugin; it takes no args. */
export function create(args: unknown, env: PluginEnv): Plugin {
  parsePluginArgs(NO_ARGS, args);
  void env;
  const withPod = (s: RestrictionsState, other: CompiledPod, sign: 1 | -1): RestrictionsState => {
    if (s.rwopClaims.size === 0) return s;
    let n = 0;
    for (const c of other.volumes.claims) if (!c.ephemeral && s.rwopClaims.has(c.name)) n++;
    return n === 0 ? s : { rwopClaims: s.rwopClaims, conflicts: s.conflicts + sign * n };
  };
  return {
    name: NAME,
    reasons: REASONS,
    preFilterReadsPods: true,
    preFilter: (cx, pod) => {
      const { claims, disks } = pod.volumes;
      if (claims.length === 0 && disks.length === 0) return SKIP;
      const storage = cx.view.storage;
      const rwop = new Set<string>();
      for (const ref of claims) {
        if (ref.ephemeral) continue;
        const claim = storage.claim(pod.namespace, ref.name);
        if (claim === null) return new Rejection(`persistentvolumeclaim ${JSON.stringify(ref.name)} not found`, true);
        if ((claim.accessModes & READ_WRITE_ONCE_POD) !== 0) rwop.add(ref.name);
      }
      let conflicts = 0;
      for (const name of rwop) if (storage.claimUsers(pod.namespace, name) > 0) conflicts++;
      if (disks.length === 0 && conflicts === 0) return SKIP;
      return { rwopClaims: rwop, conflicts } satisfies RestrictionsState;
    },
    addPod: (_cx, _pod, s, added) => withPod(s, added, 1),
    removePod: (_cx, _pod, s, removed) => withPod(s, removed, -1),
    filter: (cx, pod, node, s) => {
      const disks = pod.volumes.disks;
      if (disks.length > 0) {
        const view = cx.view;
        for (const d of disks) {
          for (const id of view.podsOn(node)) {
            for (const e of view.pod(id).volumes.disks) if (disksConflict(d, e)) return DISK_CONFLICT;
          }
        }
      }
      return s.conflicts > 0 ? RWOP_CONFLICT : PASS;
    },
  } satisfies Plugin<RestrictionsState, undefined>;
}
