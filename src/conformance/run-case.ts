import type { CycleContext, NodeList, Registry, StatusCode } from '../framework/types.js';
import { Rejection, SKIP, UniformScore } from '../framework/types.js';
import { verdictStatus } from '../framework/verdict.js';
import type { NodeId } from '../model/ids.js';
import { buildCaseSnapshot } from './case-snapshot.js';
import { evaluatePreemptionCase, PREEMPTION_PLUGIN } from './run-preemption-case.js';
import type { VectorCase } from './vector.js';
import type { CaseResult, Mismatch } from './case-result.js';
import { caseResult } from './case-result.js';

/**
 * Runs one vector the way FORMAT.md says: a snapshot of `nodes`, `namespaces`, `objects`
 * and `existingPods` (case-snapshot.ts), then
 * PreFilter -> Filter per node for expect.filter, and PreScore -> Score -> NormalizeScore
 * over the candidate nodes for expect.scores. Only the case's plugin runs.
 * DefaultPreemption's cases run over the case's filters instead (run-preemption-case.ts).
 */
export function runCase(pluginName: string, c: VectorCase, registry: Registry): CaseResult {
  if (pluginName === PREEMPTION_PLUGIN) return caseResult(c, () => evaluatePreemptionCase(c, registry));
  return caseResult(c, () => evaluate(pluginName, c, registry));
}

function evaluate(pluginName: string, c: VectorCase, registry: Registry): Mismatch[] {
  const { model, state, nodes, pod, nodeId } = buildCaseSnapshot(c);
  const { symbols } = model;
  const factory = registry.get(pluginName);
  if (factory === undefined) throw new Error(`plugin ${pluginName} is not implemented`);
  const plugin = factory(c.args ?? {}, { model });
  const cx: CycleContext = { view: state };
  const out: Mismatch[] = [];

  if (c.expect.filter !== undefined) {
    if (!plugin.filter) throw new Error(`${pluginName} has no filter`);
    const pre = plugin.preFilter ? plugin.preFilter(cx, pod) : undefined;
    for (const [name, want] of Object.entries(c.expect.filter)) {
      let got: StatusCode;
      if (pre === SKIP) got = 'Success';
      else if (pre instanceof Rejection) got = pre.unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
      else got = verdictStatus(plugin, plugin.filter(cx, pod, nodeId(name), pre));
      if (got !== want) out.push({ node: name, what: 'filter', expected: want, actual: got });
    }
  }

  if (c.expect.scores !== undefined || c.expect.preScore !== undefined) {
    if (!plugin.score) throw new Error(`${pluginName} has no score`);
    const names = c.scoreNodes ?? nodes.map((n) => symbols.text(n.name));
    const list: NodeList = { ids: Int32Array.from(names.map(nodeId)), count: names.length };
    const pre = plugin.preScore ? plugin.preScore(cx, pod, list) : undefined;
    const skipped = pre === SKIP;
    if (c.expect.preScore === 'Skip' && !skipped) out.push({ node: '*', what: 'preScore', expected: 'Skip', actual: 'ran' });
    const scores = new Float64Array(list.count);
    if (pre instanceof UniformScore) {
      scores.fill(pre.score);
    } else if (!skipped) {
      for (let i = 0; i < list.count; i++) scores[i] = plugin.score(cx, pod, list.ids[i] as NodeId, pre);
      plugin.normalize?.(cx, pod, list, scores, pre);
    }
    for (const [name, want] of Object.entries(c.expect.scores ?? {})) {
      const i = names.indexOf(name);
      const got = i < 0 ? Number.NaN : scores[i]!;
      if (got !== want) out.push({ node: name, what: 'score', expected: want, actual: got });
    }
  }
  return out;
}
