import type { Framework } from '../framework/framework.js';
import { NodeFitChecker } from '../framework/node-fit-checker.js';
import type { PreemptionEnv } from '../framework/preemption.js';
import { calculateNumCandidates, selectVictimsOnNode } from '../framework/preemption.js';
import { Scheduler } from '../framework/scheduler.js';
import type { CycleContext, PostFilterHost, PostFilterResult, RandomSource, Registry } from '../framework/types.js';
import { NO_CANDIDATE } from '../framework/types.js';
import type { NodeId, Sym } from '../model/ids.js';
import { podEligibleToPreemptOthers } from '../plugins/default-preemption.js';
import { caseFramework } from './case-framework.js';
import type { CaseSnapshot } from './case-snapshot.js';
import { buildCaseSnapshot } from './case-snapshot.js';
import type { Mismatch } from './case-result.js';
import type { ExpectedCandidate, ExpectedPreemption, VectorCase } from './vector.js';

/** The plugin whose cases this runner takes. */
export const PREEMPTION_PLUGIN = 'DefaultPreemption';

/** kube's DefaultPreemptionArgs defaults (minCandidateNodesPercentage, minCandidateNodesAbsolute). */
const DEFAULT_PERCENTAGE = 10;
const DEFAULT_ABSOLUTE = 100;

/**
 * The dry run starts at the first potential node: kube draws the offset at random
 * (getOffsetRand), and the Go tests whose answer would depend on it either accept any of
 * the tied nodes (`anyNode`) or are not transcribed.
 */
const FIRST_NODE: RandomSource = { int: () => 0 };

/**
 * Runs a DefaultPreemption case (FORMAT.md, "DefaultPreemption"): expect.eligible through
 * PodEligibleToPreemptOthers with the case's nominatedNodeStatus; expect.preemption
 * through a failed scheduling cycle over the case's filters and the PostFilter;
 * expect.candidates through SelectVictimsOnNode on every node the filters reject as
 * Unschedulable (DryRunPreemption when every potential node is dry-run).
 */
export function evaluatePreemptionCase(c: VectorCase, registry: Registry): Mismatch[] {
  const snap = buildCaseSnapshot(c);
  const out: Mismatch[] = [];
  const { expect: want } = c;
  if (want.filter !== undefined || want.scores !== undefined || want.preScore !== undefined) {
    throw new Error('a DefaultPreemption case expects eligible, preemption or candidates, not filter or scores');
  }
  if (want.eligible !== undefined) {
    const got = podEligibleToPreemptOthers(snap.state, snap.pod, () => c.nominatedNodeStatus ?? 'Success');
    if (got !== want.eligible) out.push({ node: '', what: 'eligible', expected: String(want.eligible), actual: String(got) });
  }
  if (want.preemption !== undefined || want.candidates !== undefined) {
    const fw = caseFramework(c, registry, snap.model, PREEMPTION_PLUGIN);
    const host: PostFilterHost = { state: snap.state, checker: new NodeFitChecker(fw), rng: FIRST_NODE, startTimeS: snap.startTimeS, nominated: snap.nominator };
    if (want.preemption !== undefined) out.push(...comparePreemption(want.preemption, postFilter(fw, snap, host), snap));
    if (want.candidates !== undefined) {
      if (c.args !== undefined && Object.keys(c.args).length > 0) throw new Error('expect.candidates is checked with DefaultPreemption\'s default args only');
      const got = candidates(snap, host);
      const expected = JSON.stringify(want.candidates.map(sortedVictims));
      const actual = JSON.stringify(got);
      if (expected !== actual) out.push({ node: '', what: 'candidates', expected, actual });
    }
  }
  return out;
}

/**
 * A failed scheduling cycle (Scheduler.scheduleOne over the case's filters, with the
 * nominated pods) and then the profile's PostFilter, as the simulator runs them. A case
 * whose pod fits a node is an error: kube runs PostFilter only after every node rejected
 * the pod.
 */
function postFilter(fw: Framework, snap: CaseSnapshot, host: PostFilterHost): PostFilterResult | null {
  const decision = new Scheduler(fw, FIRST_NODE).scheduleOne(snap.state, snap.pod, { nominated: snap.nominator });
  if (decision.kind === 'bound') {
    throw new Error(`the pod fits node ${nodeName(snap, decision.node)}: PostFilter runs only when no node fits`);
  }
  const cx: CycleContext = { view: snap.state };
  for (const p of fw.postFilters) {
    const r = p.postFilter!(cx, snap.pod, decision.diagnosis, host);
    // No candidate and no answer both mean no preemption, which is what the cases compare.
    if (r === NO_CANDIDATE) return null;
    if (r !== null) return r;
  }
  return null;
}

function comparePreemption(want: ExpectedPreemption, got: PostFilterResult | null, snap: CaseSnapshot): Mismatch[] {
  const gotNode = got === null ? 'none' : nodeName(snap, got.node);
  if (want === null) return got === null ? [] : [{ node: '', what: 'preemption', expected: 'none', actual: gotNode }];
  const nodeOk = 'node' in want ? gotNode === want.node : want.anyNode.includes(gotNode);
  const expectedNode = 'node' in want ? want.node : `any of ${want.anyNode.join(', ')}`;
  if (got === null || !nodeOk) return [{ node: '', what: 'preemption', expected: expectedNode, actual: gotNode }];
  if (want.victims === undefined) return [];
  // Compared as a set: kube's tests compare the deleted pods, not their order.
  const expected = [...want.victims].sort().join(', ');
  const actual = got.victims.map((v) => v.name).sort().join(', ');
  return expected === actual ? [] : [{ node: gotNode, what: 'victims', expected, actual }];
}

/**
 * The dry run's candidates as TestDryRunPreemption compares them: the nodes where deleting
 * lower-priority pods lets the pod fit (at least one victim), sorted by name, each with
 * its victims sorted by name and its PDB violations. Every potential node (status
 * Unschedulable in the failed cycle) is dry-run; a case with more potential nodes than
 * DefaultPreemption's default numCandidates is an error (its answer would depend on the
 * random offset).
 */
function candidates(snap: CaseSnapshot, host: PostFilterHost): ExpectedCandidate[] {
  const potential: NodeId[] = [];
  host.checker.statuses(snap.state, snap.pod, (node, code) => {
    if (code === 'Unschedulable') potential.push(node);
  }, snap.nominator);
  if (calculateNumCandidates(potential.length, DEFAULT_PERCENTAGE, DEFAULT_ABSOLUTE) < potential.length) {
    throw new Error(`${potential.length} potential nodes: more than the dry run visits with the default args`);
  }
  const env: PreemptionEnv = { ...host, minCandidateNodesPercentage: DEFAULT_PERCENTAGE, minCandidateNodesAbsolute: DEFAULT_ABSOLUTE };
  const out: ExpectedCandidate[] = [];
  for (const node of potential) {
    const plan = selectVictimsOnNode(env, snap.pod, node);
    if (plan === null || plan.victims.length === 0) continue;
    out.push({ node: nodeName(snap, node), victims: plan.victims.map((v) => v.name), numPdbViolations: plan.numPdbViolations });
  }
  return out.map(sortedVictims).sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}

/** A candidate with its victims sorted by name (the Go test sorts them so), fields in FORMAT.md's order. */
function sortedVictims(c: ExpectedCandidate): ExpectedCandidate {
  return { node: c.node, victims: [...c.victims].sort(), numPdbViolations: c.numPdbViolations };
}

function nodeName(snap: CaseSnapshot, node: NodeId): string {
  return snap.model.symbols.text(snap.state.nodeName[node]! as Sym);
}
