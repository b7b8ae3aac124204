import type { ClusterState } from '../cluster/cluster-state.js';
import { compileNamespace } from '../model/namespace.js';
import type { ModelContext } from '../model/model-context.js';
import { compileWorkload } from '../model/workloads.js';

/**
 * The kinds a case's `objects` may hold: the ones kube-scheduler's plugins read through
 * informers and the runner can put into the snapshot today. Services and the three
 * controllers feed system default spreading (helper.DefaultSelector); Namespaces feed
 * pod-affinity namespaceSelector terms.
 */
export const CASE_OBJECT_KINDS = ['Namespace', 'ReplicaSet', 'ReplicationController', 'Service', 'StatefulSet'] as const;

type CaseObjectKind = (typeof CASE_OBJECT_KINDS)[number];

function isCaseObjectKind(kind: string): kind is CaseObjectKind {
  return (CASE_OBJECT_KINDS as readonly string[]).includes(kind);
}

/**
 * Why an object of `kind` cannot go into `objects`, or null when it can. A kind the
 * runner cannot use yet is refused, never ignored: a vector whose decision depends on a
 * PodDisruptionBudget or a PriorityClass would otherwise pass or fail for the wrong reason.
 */
export function objectKindProblem(kind: string): string | null {
  if (isCaseObjectKind(kind)) return null;
  if (kind === 'Node') return 'a Node goes in the case\'s `nodes`, not in `objects`';
  if (kind === 'Pod') return 'a bound Pod goes in `existingPods`, not in `objects`';
  return `kind ${JSON.stringify(kind)} is not used by the conformance runner yet (it takes ${CASE_OBJECT_KINDS.join(', ')})`;
}

/**
 * Puts a case's objects into the snapshot, as the informers of kube's test framework
 * would: Namespaces by their labels, Services and controllers into the workload set.
 * Objects without a namespace are in the empty namespace, as the case's pods are.
 */
export function addCaseObjects(state: ClusterState, objects: readonly { readonly kind: string }[], model: ModelContext): void {
  for (const raw of objects) {
    const kind = raw.kind;
    if (!isCaseObjectKind(kind)) throw new Error(objectKindProblem(kind)!);
    switch (kind) {
      case 'Namespace': {
        const ns = compileNamespace(raw, model);
        state.setNamespace(model.symbols.intern(ns.name), ns.labels);
        break;
      }
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
}
