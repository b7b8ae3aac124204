import type { NodeId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import type { ClusterView } from './cluster-view.js';

/**
 * An incremental index kept beside ClusterState (label counts per domain, for example).
 * ClusterState calls these after each change, so an index never rescans the cluster.
 */
export interface ClusterListener {
  nodeAdded?(node: NodeId, view: ClusterView): void;
  /** Called before the node's row is dropped; its pods were unbound first. */
  nodeRemoved?(node: NodeId, view: ClusterView): void;
  /** A node's labels are about to change (called with the old labels still in place). */
  nodeLabelsChanging?(node: NodeId, view: ClusterView): void;
  nodeLabelsChanged?(node: NodeId, view: ClusterView): void;
  podBound?(pod: CompiledPod, node: NodeId, view: ClusterView): void;
  podUnbound?(pod: CompiledPod, node: NodeId, view: ClusterView): void;
}
