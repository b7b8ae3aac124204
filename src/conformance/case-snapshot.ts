import { ClusterState } from '../cluster/cluster-state.js';
import { compileNode } from '../model/compile-node.js';
import type { CompiledNode } from '../model/node.js';
import { compilePod } from '../model/compile-pod.js';
import type { NodeId, PodId } from '../model/ids.js';
import { NO_SYM } from '../model/ids.js';
import { ModelContext } from '../model/model-context.js';
import { compileNamespace } from '../model/namespace.js';
import type { CompiledPod } from '../model/pod.js';
import { Nominator } from '../sim/nominator.js';
import { addCaseObjects, checkBudgetStatuses } from './case-objects.js';
import { startTimeSeconds } from './start-time.js';
import type { VectorCase } from './vector.js';

/** kube's test pods bypass the API server: compiled without its validation, in the empty namespace by default. */
const COMPILE = { defaultNamespace: '', apiValidation: false } as const;

/** The cluster a case describes, as kube's test framework builds its snapshot and informers. */
export interface CaseSnapshot {
  readonly model: ModelContext;
  readonly state: ClusterState;
  readonly nodes: readonly CompiledNode[];
  /** The pod being scheduled. */
  readonly pod: CompiledPod;
  /** The case's nominatedPods, nominated to their nodes in the order given (kube's PodNominator). */
  readonly nominator: Nominator;
  /** status.startTime of a bound pod, in seconds (start-time.ts). */
  startTimeS(pod: PodId): number;
  /** The node of this name; throws when the case has none. */
  nodeId(name: string): NodeId;
}

/**
 * Builds a case's snapshot (FORMAT.md): `nodes`, `namespaces` and `objects`, the
 * `existingPods` bound, the pod, and the `nominatedPods` pending and nominated to the node
 * their status.nominatedNodeName names. The pod and the nominated pods exist (pending)
 * for the PodDisruptionBudgets, whose given status is then checked against the one
 * schedbench computes (checkBudgetStatuses).
 */
export function buildCaseSnapshot(c: VectorCase): CaseSnapshot {
  const model = new ModelContext();
  const { symbols } = model;
  const nodes = c.nodes.map((n) => compileNode(n, model));
  const state = ClusterState.from(model, nodes);
  for (const ns of c.namespaces ?? []) {
    const n = compileNamespace(ns, model);
    state.setNamespace(symbols.intern(n.name), n.labels);
  }
  const budgets = addCaseObjects(state, c.objects ?? [], model);
  const startTimes = new Map<PodId, number>();
  (c.existingPods ?? []).forEach((raw, i) => {
    const pod = compilePod(raw, model, COMPILE);
    const node = state.nodeByName(pod.nodeName);
    if (node === -1) throw new Error(`existing pod ${pod.name} is on unknown node`);
    state.bind(pod, node);
    startTimes.set(pod.id, startTimeSeconds((raw as { status?: { startTime?: unknown } } | null)?.status?.startTime, `existingPods[${i}].status.startTime`));
  });
  const pod = compilePod(c.pod, model, COMPILE);
  state.disruptionBudgets.addPending(pod);
  const nominator = new Nominator(state);
  (c.nominatedPods ?? []).forEach((raw, i) => {
    const p = compilePod(raw, model, COMPILE);
    const node = p.nominatedNodeName === NO_SYM ? -1 : state.nodeByName(p.nominatedNodeName);
    if (node === -1) throw new Error(`nominatedPods[${i}] (${p.name}): status.nominatedNodeName must name a node of the case`);
    state.disruptionBudgets.addPending(p);
    nominator.nominate(p, node);
  });
  checkBudgetStatuses(state, budgets);
  return {
    model, state, nodes, pod, nominator,
    startTimeS: (id) => {
      const s = startTimes.get(id);
      if (s === undefined) throw new Error(`no start time for pod ${state.pod(id).name}: it is not bound`);
      return s;
    },
    nodeId: (name) => {
      const id = state.nodeByName(symbols.intern(name));
      if (id === -1) throw new Error(`expectation names unknown node ${name}`);
      return id;
    },
  };
}
