import type { ClusterState } from '../cluster/cluster-state.js';
import { bindImmediateClaim } from '../cluster/immediate-binding.js';
import type { WorkloadObject } from '../generators/workload-spec.js';
import { compilePersistentVolumeClaim } from '../model/persistent-volume-claim.js';
import { compilePodDisruptionBudget } from '../model/pod-disruption-budget.js';
import { compileWorkload } from '../model/workloads.js';

/**
 * Registers a generated workload's objects in the cell's state, as a real cluster holds
 * them around the pods: the controllers and Services in `state.workloads` (kube's system
 * default spreading derives a pod's selector from them, helper.DefaultSelector; the
 * disruption controller a budget's expected pods), the PodDisruptionBudgets in
 * `state.disruptionBudgets`, a StatefulSet's claims in `state.storage` (created before any
 * of its pods arrives, as the StatefulSet controller creates a pod's claims before the
 * pod; one of an Immediate class is bound or provisioned at once, bindImmediateClaim).
 * Owners come before what they own (the plan's order). The cluster's storage classes and
 * volumes must be in the state already.
 */
export function registerWorkloadObjects(state: ClusterState, objects: readonly WorkloadObject[], file: string): void {
  for (const o of objects) {
    // An object lives in a namespace that exists, whether or not any of its pods arrive.
    state.ensureNamespace(state.model.symbols.intern(o.metadata.namespace));
    switch (o.kind) {
      case 'Deployment':
      case 'ReplicaSet':
      case 'Job':
      case 'StatefulSet':
      case 'Service':
        state.workloads.add(compileWorkload(o, state.model, { file }));
        break;
      case 'PersistentVolumeClaim': {
        const claim = compilePersistentVolumeClaim(o, state.model, { file });
        // A claim of that name exists already (a snapshot's StatefulSet keeps the claims of
        // replicas it scaled down): the controller uses it, as kube's does. loadScenario
        // refuses two generated StatefulSets whose claims would share a name.
        if (state.storage.addClaim(claim)) bindImmediateClaim(state, claim);
        break;
      }
      case 'PodDisruptionBudget':
        state.disruptionBudgets.add(compilePodDisruptionBudget(o, state.model, { file }));
        break;
      default: {
        const never: never = o.kind;
        throw new Error(`unhandled workload object ${String(never)}`);
      }
    }
  }
}
