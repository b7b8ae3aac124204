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

/**
 * The reasons of a Diagnosis whose reasons were not collected (Scheduler.scheduleOne with
 * explainFailure: false). Shared and empty; compare by identity (isExplained).
 */
export const UNEXPLAINED_REASONS: ReadonlyMap<string, number> = new Map<string, number>();

/**
 * A diagnosis of filter rejections without reason texts: nodeCount and unresolvable are
 * exact, reasons is UNEXPLAINED_REASONS and the message says so (it is not kube's text).
 */
export function unexplainedDiagnosis(nodeCount: number, unresolvable: boolean): Diagnosis {
  return {
    nodeCount, reasons: UNEXPLAINED_REASONS, preFilterMessage: null, unresolvable,
    message: `0/${nodeCount} nodes are available (reasons not collected).`,
  };
}

/** Whether a diagnosis carries its reason counts and kube's FitError message. */
export function isExplained(d: Diagnosis): boolean {
  return d.reasons !== UNEXPLAINED_REASONS;
}

/** kube-scheduler's message when the cluster has no nodes at all (ErrNoNodesAvailable). */
export const NO_NODES_MESSAGE = 'no nodes available to schedule pods';
