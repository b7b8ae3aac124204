import type { ClusterState } from '../cluster/cluster-state.js';
import type { WorkloadObject } from '../generators/workload-spec.js';
import { compilePodDisruptionBudget } from '../model/pod-disruption-budget.js';
import { compileWorkload } from '../model/workloads.js';

/**
 * Registers a generated workload's objects in the cell's state, as a real cluster holds
 * them around the pods: the controllers and Services in `state.workloads` (kube's system
 * default spreading derives a pod's selector from them, helper.DefaultSelector; the
 * disruption controller a budget's expected pods), the PodDisruptionBudgets in
 * `state.disruptionBudgets`. Owners come before what they own (the plan's order).
 */
export function registerWorkloadObjects(state: ClusterState, objects: readonly WorkloadObject[], file: string): void {
  for (const o of objects) {
    // An object lives in a namespace that exists, whether or not any of its pods arrive.
    state.ensureNamespace(state.model.symbols.intern(o.metadata.namespace));
    switch (o.kind) {
      case 'Deployment':
      case 'ReplicaSet':
      case 'Job':
      case 'Service':
        state.workloads.add(compileWorkload(o, state.model, { file }));
        break;
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
