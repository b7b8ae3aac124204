import { NodeFitChecker } from '../framework/node-fit-checker.js';
import type { Registry, StatusCode } from '../framework/types.js';
import type { NodeId } from '../model/ids.js';
import { caseFramework } from './case-framework.js';
import { buildCaseSnapshot } from './case-snapshot.js';
import type { CaseResult, Mismatch } from './case-result.js';
import { caseResult } from './case-result.js';
import type { VectorCase } from './vector.js';

/**
 * A framework function a framework vector file may name (FORMAT.md, "Framework vectors"),
 * and how schedbench answers its cases.
 */
export interface FrameworkFunction {
  /** The expectations its cases may carry. */
  readonly expects: readonly string[];
  evaluate(c: VectorCase, registry: Registry): Mismatch[];
}

/**
 * frameworkImpl.RunFilterPluginsWithNominatedPods: the status of the case's filters (with
 * their PreFilters) on a node, with the nominated pods of priority >= the pod's added
 * first and then without them. schedbench's answer is the status the failed cycle records
 * for the node (NodeFitChecker.statuses with the case's nominator), which preemption and
 * explain read.
 */
const runFilterPluginsWithNominatedPods: FrameworkFunction = {
  expects: ['filter'],
  evaluate(c, registry) {
    const snap = buildCaseSnapshot(c);
    const fw = caseFramework(c, registry, snap.model, null);
    const codes = new Map<NodeId, StatusCode>();
    new NodeFitChecker(fw).statuses(snap.state, snap.pod, (node, code) => codes.set(node, code), snap.nominator);
    const out: Mismatch[] = [];
    for (const [name, want] of Object.entries(c.expect.filter ?? {})) {
      const got = codes.get(snap.nodeId(name)) ?? 'UnschedulableAndUnresolvable';
      if (got !== want) out.push({ node: name, what: 'filter', expected: want, actual: got });
    }
    return out;
  },
};

/** The framework functions a framework vector may name (its `framework` field). */
export const FRAMEWORK_FUNCTIONS: ReadonlyMap<string, FrameworkFunction> = new Map([
  ['RunFilterPluginsWithNominatedPods', runFilterPluginsWithNominatedPods],
]);

/** Runs one case of a framework vector; its shape was checked when the file was read. */
export function runFrameworkCase(fn: FrameworkFunction, c: VectorCase, registry: Registry): CaseResult {
  return caseResult(c, () => fn.evaluate(c, registry));
}
