import type { PriorityClassSpec } from '../scenario/scenario-schema.js';

/** A scheduling.k8s.io/v1 PriorityClass as the API server holds it (description left out). */
export interface PriorityClassObject {
  readonly apiVersion: 'scheduling.k8s.io/v1';
  readonly kind: 'PriorityClass';
  readonly metadata: { readonly name: string };
  readonly value: number;
  readonly globalDefault: boolean;
  readonly preemptionPolicy: 'PreemptLowerPriority' | 'Never';
}

/**
 * The PriorityClass object of a scenario's `priorityClasses` entry, with the v1 defaults
 * the API server fills in (globalDefault false, preemptionPolicy PreemptLowerPriority),
 * for the model to validate and compile like a snapshot's.
 */
export function priorityClassObject(c: PriorityClassSpec): PriorityClassObject {
  return {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: c.name },
    value: c.value,
    globalDefault: c.globalDefault ?? false,
    preemptionPolicy: c.preemptionPolicy ?? 'PreemptLowerPriority',
  };
}
