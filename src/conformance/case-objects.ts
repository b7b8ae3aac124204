import type { ClusterState } from '../cluster/cluster-state.js';
import { compileNamespace } from '../model/namespace.js';
import type { ModelContext } from '../model/model-context.js';
import type { PodDisruptionBudget } from '../model/pod-disruption-budget.js';
import { compilePodDisruptionBudget } from '../model/pod-disruption-budget.js';
import { compileWorkload } from '../model/workloads.js';
import { compileCsiDriver } from '../model/csi-driver.js';
import { compileCsiNode } from '../model/csi-node.js';
import { compileCsiStorageCapacity } from '../model/csi-storage-capacity.js';
import { compilePersistentVolume } from '../model/persistent-volume.js';
import { compilePersistentVolumeClaim } from '../model/persistent-volume-claim.js';
import { compileStorageClass } from '../model/storage-class.js';

/**
 * The kinds a case's `objects` may hold: the ones kube-scheduler's plugins read through
 * informers and the runner can put into the snapshot today. Services and the three
 * controllers feed system default spreading (helper.DefaultSelector); Namespaces feed
 * pod-affinity namespaceSelector terms; PodDisruptionBudgets feed DefaultPreemption; the
 * storage objects feed the four volume plugins.
 */
export const CASE_OBJECT_KINDS = [
  'CSIDriver', 'CSINode', 'CSIStorageCapacity', 'Namespace', 'PersistentVolume', 'PersistentVolumeClaim', 'PodDisruptionBudget',
  'ReplicaSet', 'ReplicationController', 'Service', 'StatefulSet', 'StorageClass',
] as const;

type CaseObjectKind = (typeof CASE_OBJECT_KINDS)[number];

function isCaseObjectKind(kind: string): kind is CaseObjectKind {
  return (CASE_OBJECT_KINDS as readonly string[]).includes(kind);
}

/**
 * Why an object of `kind` cannot go into `objects`, or null when it can. A kind the
 * runner cannot use yet is refused, never ignored: a vector whose decision depends on a
 * PriorityClass or a storage object would otherwise pass or fail for the wrong reason.
 */
export function objectKindProblem(kind: string): string | null {
  if (isCaseObjectKind(kind)) return null;
  if (kind === 'Node') return 'a Node goes in the case\'s `nodes`, not in `objects`';
  if (kind === 'Pod') return 'a bound Pod goes in `existingPods`, a nominated one in `nominatedPods`, not in `objects`';
  return `kind ${JSON.stringify(kind)} is not used by the conformance runner yet (it takes ${CASE_OBJECT_KINDS.join(', ')})`;
}

/**
 * A field of an object the runner cannot honour, as a path under the object and why; null
 * when there is none. A PodDisruptionBudget's status.disruptedPods (the eviction API's
 * record of pods it let go, which filterPodsWithPDBViolation does not count again) has no
 * counterpart in schedbench: the budgets' status is computed from the cluster.
 */
export function objectFieldProblem(raw: { readonly kind: string }): { path: (string | number)[]; problem: string } | null {
  if (raw.kind !== 'PodDisruptionBudget') return null;
  const disrupted = (raw as { status?: { disruptedPods?: unknown } }).status?.disruptedPods;
  if (disrupted === undefined || disrupted === null) return null;
  if (typeof disrupted === 'object' && Object.keys(disrupted).length === 0) return null;
  return { path: ['status', 'disruptedPods'], problem: 'schedbench keeps no DisruptedPods (it computes a budget\'s status from the cluster): a case that needs them cannot be run' };
}

/** A PodDisruptionBudget of a case, and the status.disruptionsAllowed the Go test gave it (absent: Go's zero value, 0). */
export interface CaseBudget {
  readonly pdb: PodDisruptionBudget;
  readonly disruptionsAllowed: number;
}

/**
 * Puts a case's objects into the snapshot, as the informers of kube's test framework
 * would: Namespaces by their labels, Services and controllers into the workload set,
 * PodDisruptionBudgets into the state's budgets. Objects without a namespace are in the
 * empty namespace, as the case's pods are. Returns the budgets, whose given status the
 * caller checks once the pods are in (checkBudgetStatuses).
 */
export function addCaseObjects(state: ClusterState, objects: readonly { readonly kind: string }[], model: ModelContext): CaseBudget[] {
  const budgets: CaseBudget[] = [];
  for (const raw of objects) {
    const kind = raw.kind;
    if (!isCaseObjectKind(kind)) throw new Error(objectKindProblem(kind)!);
    switch (kind) {
      case 'Namespace': {
        const ns = compileNamespace(raw, model);
        state.setNamespace(model.symbols.intern(ns.name), ns.labels);
        break;
      }
      case 'PodDisruptionBudget': {
        const pdb = compilePodDisruptionBudget(raw, model, { defaultNamespace: '' });
        state.disruptionBudgets.add(pdb);
        const given = (raw as { status?: { disruptionsAllowed?: unknown } }).status?.disruptionsAllowed;
        if (given !== undefined && (typeof given !== 'number' || !Number.isInteger(given))) {
          throw new Error(`PodDisruptionBudget ${pdb.name}: status.disruptionsAllowed: expected an integer, got ${JSON.stringify(given)}`);
        }
        budgets.push({ pdb, disruptionsAllowed: given ?? 0 });
        break;
      }
      // kube's test objects bypass the API server: claims and volumes without its validation.
      case 'PersistentVolumeClaim':
        if (!state.storage.addClaim(compilePersistentVolumeClaim(raw, model, { defaultNamespace: '', apiValidation: false }))) throw new Error('duplicate PersistentVolumeClaim');
        break;
      case 'PersistentVolume':
        if (!state.storage.addVolume(compilePersistentVolume(raw, model, { apiValidation: false }))) throw new Error('duplicate PersistentVolume');
        break;
      case 'StorageClass':
        if (!state.storage.addClass(compileStorageClass(raw, model, { apiValidation: false }))) throw new Error('duplicate StorageClass');
        break;
      case 'CSINode': {
        const n = compileCsiNode(raw);
        if (!state.storage.addCsiNode(model.symbols.intern(n.nodeName), n)) throw new Error('duplicate CSINode');
        break;
      }
      case 'CSIDriver':
        if (!state.storage.addCsiDriver(compileCsiDriver(raw))) throw new Error('duplicate CSIDriver');
        break;
      case 'CSIStorageCapacity':
        state.storage.addCapacity(compileCsiStorageCapacity(raw, model));
        break;
      case 'ReplicaSet':
      case 'ReplicationController':
      case 'Service':
      case 'StatefulSet':
        state.workloads.add(compileWorkload(raw, model, { defaultNamespace: '', apiValidation: false }));
        break;
      default: {
        const never: never = kind;
        throw new Error(`unhandled object kind ${String(never)}`);
      }
    }
  }
  return budgets;
}

/**
 * kube's filterPodsWithPDBViolation reads a budget's status.disruptionsAllowed as the Go
 * test wrote it; schedbench computes it from the cluster as the disruption controller
 * would. A case runs only when the two agree (an absent status is Go's zero value, 0): a given status the case's pods and spec do
 * not produce is an error naming both numbers, never silently replaced.
 */
export function checkBudgetStatuses(state: ClusterState, budgets: readonly CaseBudget[]): void {
  for (const b of budgets) {
    const computed = state.disruptionBudgets.disruptionsAllowed(b.pdb);
    if (computed !== b.disruptionsAllowed) {
      throw new Error(`PodDisruptionBudget ${b.pdb.name}: the case gives status.disruptionsAllowed ${b.disruptionsAllowed}, but its pods and spec give ${computed} (schedbench computes the status as the disruption controller does)`);
    }
  }
}
