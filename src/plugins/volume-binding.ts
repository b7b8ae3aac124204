import { z } from 'zod';
import { parsePluginArgs, TYPE_META } from '../framework/plugin-args.js';
import { ProfileError } from '../framework/profile-error.js';
import type { Plugin, PluginEnv } from '../framework/types.js';
import { PASS, Rejection, SKIP } from '../framework/types.js';
import type { StorageView } from '../cluster/storage-view.js';
import type { PodVolumeClaims } from '../cluster/volume-binder.js';
import { findPodVolumes, readPodVolumeClaims } from '../cluster/volume-binder.js';
import type { Sym } from '../model/ids.js';
import { VOLUME_BINDING } from '../model/volume-plugin-names.js';

/**
 * VolumeBinding: a pod's claims must be bound to volumes the node can reach, or bindable
 * there. Mirrors kube-scheduler pkg/scheduler/framework/plugins/volumebinding/
 * volume_binding.go with the decisions of binder.go (see cluster/volume-binder.ts):
 * PreFilter skips a pod without claims; a claim that does not exist or is being deleted,
 * or an unbound claim of an Immediate class (the PV controller should have bound it), is
 * UnschedulableAndUnresolvable for every node. Filter runs FindPodVolumes on the node:
 * bound claims' volumes must exist and admit the node; unbound WaitForFirstConsumer
 * claims need a matching available volume there or a class that can provision there
 * (allowedTopologies, and CSIStorageCapacity where the CSIDriver declares
 * storageCapacity); each failure is UnschedulableAndUnresolvable with kube's reasons.
 * Score: kube scores only with the StorageCapacityScoring feature gate, alpha and off by
 * default in 1.35, so PreScore always skips and `shape` is refused. Reserve and PreBind
 * are the simulator's (volume-binder.ts bindPodVolumes). No PreFilterExtensions.
 * CAVEAT: kube's PreFilter also narrows the nodes to those named by bound local
 * volumes' node affinity (PreFilterResult); schedbench's Filter rejects the others with
 * the node-affinity conflict instead: the same nodes fail, with another reason text.
 */
export const NAME = VOLUME_BINDING;

const REASONS = [
  { text: 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)', unresolvable: true },
  { text: 'node(s) had volume node affinity conflict', unresolvable: true },
  { text: "node(s) didn't find available persistent volumes to bind", unresolvable: true },
  { text: 'node(s) did not have enough free storage', unresolvable: true },
] as const;

/** VolumeBindingArgs (kubescheduler.config.k8s.io/v1); shape needs a feature gate 1.35 has off. */
const argsSchema = z.strictObject({
  ...TYPE_META,
  bindTimeoutSeconds: z.number().int('must be a whole number of seconds').nullish(),
  shape: z.array(z.unknown()).nullish(),
}).nullish();

/** The PreFilter state: the storage read and the pod's claims split (kube's stateData.podVolumeClaims). */
interface BindingState {
  readonly storage: StorageView;
  readonly claims: PodVolumeClaims;
}

/** Builds the VolumeBinding plugin from VolumeBindingArgs (bindTimeoutSeconds is checked and has no effect: binding is instant). */
export function create(args: unknown, env: PluginEnv): Plugin {
  const a = parsePluginArgs(argsSchema, args);
  if (a?.bindTimeoutSeconds !== null && a?.bindTimeoutSeconds !== undefined && a.bindTimeoutSeconds < 0) {
    throw new ProfileError('bindTimeoutSeconds', 'invalid BindTimeoutSeconds, should not be a negative value');
  }
  if (a?.shape !== null && a?.shape !== undefined) {
    throw new ProfileError('shape', 'unsupported when the StorageCapacityScoring feature gate is disabled (it is alpha and off by default in kube-scheduler 1.35)');
  }
  const symbols = env.model.symbols;
  return {
    name: NAME,
    reasons: REASONS,
    preFilter: (cx, pod) => {
      if (pod.volumes.claims.length === 0) return SKIP;
      const storage = cx.view.storage;
      const claims = readPodVolumeClaims(storage, pod);
      if (claims === null) return SKIP;
      if ('problem' in claims) return new Rejection(claims.problem, true);
      if (claims.immediateUnbound > 0) return new Rejection('pod has unbound immediate PersistentVolumeClaims', true);
      return { storage, claims } satisfies BindingState;
    },
    filter: (cx, _pod, node, s) => {
      const found = findPodVolumes(s.storage, s.claims, { name: cx.view.nodeName[node] as Sym, labels: cx.view.nodeLabels(node) }, symbols);
      return found.reasons === 0 ? PASS : found.reasons;
    },
    preScore: () => SKIP,
    score: () => 0,
  } satisfies Plugin<BindingState, undefined>;
}
