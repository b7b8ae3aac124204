import type { Diagnosis } from './types.js';

/**
 * Builds kube-scheduler's FitError message (framework/types.go FitError.Error):
 * "0/N nodes are available: <count> <reason>, ... ." with the "<count> <reason>"
 * strings sorted as strings, or the PreFilter message when a PreFilter rejected the pod.
 */
export function makeDiagnosis(
  nodeCount: number, reasons: ReadonlyMap<string, number>, preFilterMessage: string | null, unresolvable: boolean,
): Diagnosis {
  let message = `0/${nodeCount} nodes are available:`;
  if (preFilterMessage !== null) {
    message += ` ${preFilterMessage}.`;
  } else {
    const parts = [...reasons].map(([text, n]) => `${n} ${text}`).sort();
    if (parts.length > 0) message += ` ${parts.join(', ')}.`;
  }
  return { nodeCount, reasons, preFilterMessage, unresolvable, message };
}

/** kube-scheduler's message when the cluster has no nodes at all (ErrNoNodesAvailable). */
export const NO_NODES_MESSAGE = 'no nodes available to schedule pods';
