import type { OwnerRef } from '../model/pod.js';

/**
 * Controller kinds that recreate a pod of theirs when it is deleted (evicted, preempted
 * or lost with its node): ReplicaSet and ReplicationController create a new pod to keep
 * their replica count; StatefulSet recreates the missing ordinal. Jobs are left out:
 * whether a Job replaces a failed pod depends on its backoffLimit and podFailurePolicy.
 */
const REPLICATED_KINDS: ReadonlySet<string> = new Set(['ReplicaSet', 'ReplicationController', 'StatefulSet']);

/** Whether a pod with this controller owner is recreated when it is deleted. */
export function isReplicatedOwner(owner: OwnerRef | null): boolean {
  return owner !== null && REPLICATED_KINDS.has(owner.kind);
}
