import type { ClusterState } from '../cluster/cluster-state.js';
import { isExplained } from '../framework/diagnosis.js';
import type { ProfileSpec } from '../framework/profile.js';
import type { ScheduleOptions, Scheduler } from '../framework/scheduler.js';
import type { Diagnosis } from '../framework/types.js';
import type { NodeId, PodId, Sym } from '../model/ids.js';
import { NO_SYM } from '../model/ids.js';
import type { CompiledNode } from '../model/node.js';
import type { CompiledPod } from '../model/pod.js';
import { withSpecResources } from '../model/pod.js';
import { bindPodVolumes } from '../cluster/volume-binder.js';
import { VOLUME_BINDING } from '../model/volume-plugin-names.js';
import { CycleTimer } from './cycle-timer.js';
import { EventQueue } from './event-queue.js';
import { JobParallelism } from './job-parallelism.js';
import { NodeFitChecker } from '../framework/node-fit-checker.js';
import { NodeLifecycle } from './node-lifecycle.js';
import { Nominator } from './nominator.js';
import type { LedgerEntry } from './pod-ledger.js';
import { PodLedger } from './pod-ledger.js';
import { podMatchesAffinityTerm } from './pod-matches-affinity-term.js';
import type { NoCandidate, PostFilterHost, PostFilterResult } from '../framework/types.js';
import { NO_CANDIDATE } from '../framework/types.js';
import { isReplicatedOwner } from './replicated-owner.js';
import { sampleCluster } from './sample-cluster.js';
import { SchedulingQueue } from './scheduling-queue.js';
import type { ResolvedSimOptions, SimOptions } from './sim-options.js';
import { resolveSimOptions } from './sim-options.js';
import type {
  ClusterSample, EvictionReason, NodeEvent, SimEvent, SimInput, SimObserver, SimResult,
} from './types.js';
import { validateSimInput } from './validate-sim-input.js';

export { resolveSimOptions } from './sim-options.js';
export type { ResolvedSimOptions, SimOptions } from './sim-options.js';

const SCHEDULE: SimEvent = { kind: 'schedule' };
const BACKOFF_EXPIRE: SimEvent = { kind: 'backoff-expire' };
const FLUSH_UNSCHEDULABLE: SimEvent = { kind: 'flush-unschedulable' };

/** kube's event message for a pod that waits on spec.schedulingGates. */
/** kubectl drain waits this long before it asks again for an eviction a budget refused (429). */
const DRAIN_RETRY_S = 5;
const GATED_MESSAGE = 'waiting for scheduling gates';
/** kube-scheduler skips pods that are being deleted. */
const TERMINATING_MESSAGE = 'pod is being deleted';

/**
 * Runs a discrete-event simulation of a cluster and its scheduler from time 0 to
 * input.endS and accounts for every pod. Options are resolved and the input checked
 * once, here. `input.state` is mutated: at the end it holds the final cluster.
 *
 * The loop takes the earliest event (ties: insertion order) and handles it. Pod arrivals
 * and node events are queued up front; completions, delayed evictions, backoff expiries,
 * unschedulable-pool flushes and scheduling cycles are queued as the run makes them.
 * One scheduling cycle per 'schedule' event, one pod per cycle, as kube-scheduler's
 * scheduleOne; a cycle is queued whenever activeQ is non-empty and none is pending, at
 * max(now, end of the previous cycle's cost), so a cycle at time t runs after every
 * event that was already queued for t.
 *
 * Arrivals of a Job (PodArrival.group) are created only while the Job has fewer than
 * `parallelism` active pods; the others wait in JobParallelism and are created when a
 * pod of the Job completes or fails for good. Failed attempts get kube's FitError text
 * as SimOptions.explainFailures says; preemption needs only the exact `unresolvable`.
 */
export function simulate(input: SimInput, options?: SimOptions): SimResult {
  const opts = resolveSimOptions(options);
  validateSimInput(input);
  return new Simulation(input, opts).run();
}

/** One run's mutable state; simulate() is its only user. */
class Simulation {
  private readonly state: ClusterState;
  private readonly scheduler: Scheduler;
  private readonly observers: readonly SimObserver[];
  private readonly events = new EventQueue<SimEvent>();
  private readonly queue: SchedulingQueue;
  private readonly ledger = new PodLedger();
  private readonly nominator: Nominator;
  /** Cycle options: failures explained or not (SimOptions.explainFailures), nominated pods respected. */
  private readonly explainFailure: ScheduleOptions;
  private readonly dontExplainFailure: ScheduleOptions;
  private readonly checker: NodeFitChecker;
  private readonly lifecycle: NodeLifecycle;
  private readonly timer = new CycleTimer();
  private readonly postFilterHost: PostFilterHost;
  private readonly jobs: JobParallelism;
  private readonly samples: ClusterSample[] = [];
  /** Whether the profile's VolumeBinding runs at Reserve and PreBind (volumeBindingBindsClaims). */
  private readonly bindsClaims: boolean;

  private nowS = 0;
  /** When the scheduler may start its next cycle (cycle cost). */
  private busyUntilS = 0;
  private schedulePending = false;
  /** Time of the earliest queued backoff-expire event (Infinity: none). */
  private backoffWakeS = Infinity;
  private flushPending = false;
  private sampleIndex = 0;
  /** One more than the highest node id in use. */
  private nodeRows = 0;
  /** Per node: 1 while it carries the failure taints. */
  private readonly nodeDown: number[] = [];
  /** Per node: bumped on failure and recovery; delayed evictions of an older outage are stale. */
  private readonly outage: number[] = [];
  /** Per node: 1 while cordoned by a drain event. */
  private readonly drained: number[] = [];
  /** Bound pods per priority value: preemption is skipped when nothing has lower priority. */
  private readonly boundByPriority = new Map<number, number>();
  /** Pending pods with required pod-affinity terms (they move when a matching pod binds). */
  private affinityPending = 0;

  private eventCount = 0;
  private cycles = 0;
  private preemptions = 0;
  private preemptedPods = 0;
  private pdbViolatingVictims = 0;
  private evictedPods = 0;
  private drainEvictionsRefused = 0;

  constructor(private readonly input: SimInput, private readonly opts: ResolvedSimOptions) {
    this.state = input.state;
    this.scheduler = input.scheduler;
    this.observers = input.observers ?? [];
    this.queue = new SchedulingQueue(opts);
    this.checker = new NodeFitChecker(input.scheduler.fw);
    this.nominator = new Nominator(input.state);
    this.explainFailure = { explainFailure: true, nominated: this.nominator };
    this.dontExplainFailure = { explainFailure: false, nominated: this.nominator };
    this.lifecycle = new NodeLifecycle(input.state.model.symbols, opts.defaultTolerationSeconds);
    this.jobs = new JobParallelism(input.arrivals);
    this.bindsClaims = volumeBindingBindsClaims(input.scheduler.fw.profile);
    this.postFilterHost = {
      state: input.state,
      checker: this.checker,
      rng: input.rng,
      startTimeS: (id) => this.ledger.get(id).record.bindS ?? 0,
      nominated: this.nominator,
    };
  }

  run(): SimResult {
    this.registerInitialCluster();
    const endS = this.input.endS;
    // Queued first, so at equal times arrivals come before node events, and both before
    // anything the run queues later (cycles, completions, evictions) for that time.
    this.input.arrivals.forEach((a, index) => {
      if (a.atS <= endS) this.events.push(a.atS, { kind: 'arrive', index });
    });
    (this.input.nodeEvents ?? []).forEach((e, index) => {
      if (e.atS <= endS) this.events.push(e.atS, nodeEventOf(e, index));
    });
    for (;;) {
      this.arm();
      const t = this.events.peekTimeS();
      if (t > endS) break;
      this.sampleBefore(t);
      const e = this.events.pop();
      this.nowS = t;
      this.eventCount++;
      this.handle(e);
    }
    this.sampleThrough(endS);
    return {
      pods: this.ledger.records(),
      samples: this.samples,
      counts: this.ledger.counts(),
      cycleNs: this.timer.durationsNs(),
      cycles: this.cycles,
      preemptions: this.preemptions,
      preemptedPods: this.preemptedPods,
      pdbViolatingVictims: this.pdbViolatingVictims,
      evictedPods: this.evictedPods,
      drainEvictionsRefused: this.drainEvictionsRefused,
      heldArrivals: this.jobs.heldCount,
      events: this.eventCount,
      endS,
    };
  }

  // ---- the event loop ----------------------------------------------------------------

  private handle(e: SimEvent): void {
    switch (e.kind) {
      case 'arrive': return this.arrive(e.index);
      case 'complete': return this.complete(e.pod, e.bindEpoch);
      case 'node-add': return this.addNode(e.index);
      case 'node-fail': return this.failNode(e.index);
      case 'node-recover': return this.recoverNode(e.index);
      case 'node-drain': return this.drainNode(e.index);
      case 'taint-evict': return this.taintEvict(e.pod, e.bindEpoch, e.outage);
      case 'drain-retry': return this.drainRetry(e.pod, e.bindEpoch);
      case 'backoff-expire':
        if (this.nowS >= this.backoffWakeS) this.backoffWakeS = Infinity;
        this.queue.flushBackoffCompleted(this.nowS);
        return;
      case 'flush-unschedulable':
        this.flushPending = false;
        this.queue.flushUnschedulableLeftover(this.nowS);
        return;
      case 'schedule':
        this.schedulePending = false;
        return this.scheduleOne();
      default: {
        const never: never = e;
        throw new Error(`unhandled simulation event ${JSON.stringify(never)}`);
      }
    }
  }

  /** Queues the timers the queues need: the next cycle, the next backoff expiry, the next flush. */
  private arm(): void {
    if (!this.schedulePending && this.queue.activeCount > 0) {
      this.events.push(Math.max(this.nowS, this.busyUntilS), SCHEDULE);
      this.schedulePending = true;
    }
    const next = this.queue.nextBackoffExpiryS();
    if (next < this.backoffWakeS) {
      this.events.push(Math.max(next, this.nowS), BACKOFF_EXPIRE);
      this.backoffWakeS = next;
    }
    if (!this.flushPending && this.queue.hasUnschedulable()) {
      // kube's flush runs every interval from scheduler start; ticks with an empty pool do nothing.
      const every = this.opts.unschedulableFlushIntervalS;
      this.events.push((Math.floor(this.nowS / every) + 1) * every, FLUSH_UNSCHEDULABLE);
      this.flushPending = true;
    }
  }

  // ---- pods --------------------------------------------------------------------------

  /** Pods bound in the initial state are workload pods running since time 0. */
  private registerInitialCluster(): void {
    const order = this.state.nodeOrder();
    for (let i = 0; i < order.length; i++) {
      const node = order[i] as NodeId;
      this.nodeRows = Math.max(this.nodeRows, node + 1);
      for (const id of this.state.podsOn(node)) {
        const pod = this.state.pod(id);
        this.ledger.initial(pod, this.nodeName(node), isReplicatedOwner(pod.owner));
        this.countBound(pod.priority, +1);
      }
    }
  }

  /** Arrival `index` is due: its pod is created, unless its Job is at its parallelism (then it is held). */
  private arrive(index: number): void {
    const group = this.jobs.groupOf(index);
    if (group !== -1 && !this.jobs.admit(index, group)) return;
    this.create(index, group);
  }

  /** Creates the pod of arrival `index` now: a workload pod arrives and is queued. */
  private create(index: number, group: number): void {
    const a = this.input.arrivals[index]!;
    const e = this.ledger.created(a.pod, this.nowS, a.durationS, a.replicated ?? isReplicatedOwner(a.pod.owner), group, null);
    for (const o of this.observers) o.onArrive?.(a.pod, this.nowS);
    this.enqueue(e);
  }

  /** A pod of a Job finished for good: the Job controller creates the next held pod, if any. */
  private finishedInGroup(group: number): void {
    if (group === -1) return;
    const next = this.jobs.release(group);
    if (next !== -1) this.create(next, group);
  }

  /** A new pending pod enters the scheduling queue (or waits forever, when gated). */
  private enqueue(e: LedgerEntry): void {
    const pod = e.pod;
    // The pod exists: a budget selecting it expects it (the disruption controller lists pending pods too).
    this.state.disruptionBudgets.addPending(pod);
    if (pod.gated) return this.ledger.diagnosed(e, GATED_MESSAGE);
    if (pod.terminating) return this.ledger.diagnosed(e, TERMINATING_MESSAGE);
    this.queue.add(pod.id, pod.priority, this.nowS);
    if (pod.affinityRequired.length > 0) this.affinityPending++;
    if (pod.nominatedNodeName !== NO_SYM) {
      const node = this.state.nodeByName(pod.nominatedNodeName);
      if (node !== -1) this.nominator.nominate(pod, node);
    }
  }

  private complete(id: PodId, bindEpoch: number): void {
    const e = this.ledger.get(id);
    if (e.record.outcome !== 'running' || e.bindEpoch !== bindEpoch) return;
    const node = this.state.nodeOf(id) as NodeId;
    this.state.unbind(e.pod, node);
    this.state.disruptionBudgets.removePending(e.pod);
    e.bindEpoch++;
    this.countBound(e.pod.priority, -1);
    this.ledger.completed(e, this.nowS);
    for (const o of this.observers) o.onComplete?.(e.pod, node, this.nowS);
    this.finishedInGroup(e.group);
    this.queue.moveAllToActiveOrBackoff(this.nowS);
  }

  /** Binds the pod to `node` with the GPUs `gpuMask` names (0: the cluster's default; see Scheduler.placeGpus). */
  private bind(e: LedgerEntry, node: NodeId, gpuMask: number): void {
    const pod = e.pod;
    // VolumeBinding's Reserve and PreBind, with the PV controller and the provisioner done at once.
    if (this.bindsClaims && pod.volumes.claims.length > 0) {
      const done = bindPodVolumes(this.state.storage, pod, { name: this.state.nodeName[node] as Sym, labels: this.state.nodeLabels(node) }, this.state.model.symbols);
      if (done.claims.length > 0) for (const o of this.observers) o.onVolumesBound?.(pod, node, done.claims, done.provisioned, this.nowS, this.state);
    }
    this.state.bind(pod, node, gpuMask);
    e.bindEpoch++;
    this.countBound(pod.priority, +1);
    this.ledger.bound(e, this.nowS, this.nodeName(node));
    this.nominator.clear(pod.id);
    if (pod.affinityRequired.length > 0) this.affinityPending--;
    if (e.durationS !== null) this.events.push(this.nowS + e.durationS, { kind: 'complete', pod: pod.id, bindEpoch: e.bindEpoch });
    // A pod that tolerates the failure taints can land on a failed node; the taint manager times it too.
    if (this.nodeDown[node] === 1) this.scheduleTaintEviction(e, node);
    for (const o of this.observers) o.onBind?.(pod, node, this.nowS, this.state);
    if (this.affinityPending > 0) {
      // kube's AssignedPodAdded: only pods with a required affinity term matching the new pod move.
      this.queue.moveAllToActiveOrBackoff(this.nowS, (p) => this.waitsForAffinityWith(p, pod));
    }
  }

  /**
   * Deletes a running pod (preemption victim, taint eviction, drain); a controller-owned
   * pod is recreated at once with a new id and queued; a Job's pod that is not replaced
   * failed, and frees its slot. The caller signals the cluster event to the queue (once
   * per batch of deletions).
   */
  private deletePod(e: LedgerEntry, node: NodeId, reason: EvictionReason): void {
    const pod = e.pod;
    this.state.unbind(pod, node);
    this.state.disruptionBudgets.removePending(pod);
    e.bindEpoch++;
    this.countBound(pod.priority, -1);
    let replacement: LedgerEntry | null = null;
    if (e.replicated) {
      // The controller's new pod starts from its template: the spec's requests, no
      // spec.nodeName (a bound pod of a cluster file carries its node there), no
      // nomination, not terminating.
      const copy: CompiledPod = {
        ...withSpecResources(pod), id: this.state.model.newPodId() as PodId, nodeName: NO_SYM, nominatedNodeName: NO_SYM,
        terminating: false, preemptedByScheduler: false,
      };
      replacement = this.ledger.created(copy, this.nowS, e.durationS, true, e.group, e);
    }
    this.ledger.deleted(e, this.nowS, reason === 'preempted' ? 'preempted' : 'evicted', replacement);
    if (reason === 'preempted') this.preemptedPods++;
    else this.evictedPods++;
    for (const o of this.observers) o.onEvict?.(pod, node, reason, this.nowS);
    if (replacement !== null) {
      for (const o of this.observers) o.onRecreate?.(pod, replacement.pod, this.nowS);
      this.enqueue(replacement);
    } else {
      this.finishedInGroup(e.group);
    }
  }

  // ---- scheduling --------------------------------------------------------------------

  /**
   * One scheduling cycle: pop the next pod; try its nominated node first (kube's
   * evaluateNominatedNode), else the full scheduleOne; both filter a node with the pods
   * nominated to it of higher or equal priority, then without (the Nominator). On success the pod is bound with the GPUs
   * the profile places it on (Scheduler.placeGpus), whichever way the node was found.
   * On failure, DefaultPreemption as PostFilter, then the pod goes back to the queue.
   */
  private scheduleOne(): void {
    const id = this.queue.pop();
    if (id === -1) return;
    const podCycle = this.queue.schedulingCycle;
    const e = this.ledger.get(id);
    const pod = e.pod;
    this.ledger.attempted(e, this.nowS);
    this.cycles++;

    let node: NodeId | -1 = -1;
    let diagnosis: Diagnosis | null = null;
    let plan: PostFilterResult | NoCandidate | null = null;
    const mark = this.timer.start();
    {
      const nominated = this.nominator.nodeOf(id);
      if (nominated !== -1 && this.state.live[nominated] === 1 && this.checker.fitsWithNominated(this.state, pod, nominated, this.nominator)) {
        node = nominated;
      } else {
        const d = this.scheduler.scheduleOne(this.state, pod, this.explains(e) ? this.explainFailure : this.dontExplainFailure);
        switch (d.kind) {
          case 'bound': node = d.node; break;
          case 'unschedulable': diagnosis = d.diagnosis; break;
          default: {
            const never: never = d;
            throw new Error(`unknown decision ${JSON.stringify(never)}`);
          }
        }
      }
      // PostFilter plugins (DefaultPreemption) in profile order; the first answer wins.
      // Without a lower-priority pod anywhere no victim exists: the dry runs are skipped
      // and the pod gets DefaultPreemption's answer, no candidate (it cannot be ineligible:
      // that needs a lower-priority victim), unless preemptionPolicy Never makes it so.
      if (diagnosis !== null && this.opts.preemption && this.scheduler.fw.postFilters.length > 0) {
        if (!this.hasLowerPriorityPods(pod.priority)) plan = pod.preemptionPolicy === 'Never' ? null : NO_CANDIDATE;
        else {
          const cx = { view: this.state };
          for (const p of this.scheduler.fw.postFilters) {
            plan = p.postFilter!(cx, pod, diagnosis, this.postFilterHost);
            if (plan !== null) break;
          }
        }
      }
    }
    // The profile's GPU placement (kube's Reserve) for the node found either way, the
    // nominated one or the cycle's, inside the timed cycle, as it is scheduler work.
    const gpuMask = node !== -1 ? this.scheduler.placeGpus(this.state, pod, node) : 0;
    const wallNs = this.timer.stop(mark);
    this.busyUntilS = this.nowS + this.cycleCostS(wallNs);
    for (const o of this.observers) o.onCycle?.(pod, node !== -1, wallNs, this.nowS);

    if (node !== -1) return this.bind(e, node, gpuMask);
    const diag = diagnosis!;
    // An unexplained attempt keeps an earlier explained message; without one (explainFailures
    // 'never') its own message says the pod was found unschedulable, reasons not collected.
    if (isExplained(diag) || e.record.lastDiagnosis === null) this.ledger.diagnosed(e, diag.message);
    for (const o of this.observers) o.onUnschedulable?.(pod, diag, this.nowS);
    // kube's PostFilter clears the nomination when preemption found no candidate; a pod not
    // eligible to preempt (preemptionPolicy Never, or a victim still terminating on its
    // nominated node) keeps it (NominatingInfo is nil: no-op).
    if (plan === NO_CANDIDATE) this.nominator.clear(id);
    else if (plan !== null) this.carryOutPreemption(pod, plan);
    if (this.opts.retryUnschedulable) this.queue.addUnschedulable(id, this.nowS, podCycle);
  }

  /**
   * Whether a failed attempt of this incarnation gets kube's reasons and message
   * (SimOptions.explainFailures). A nominated-node attempt that fails falls through to
   * the full cycle, which is the one explained.
   */
  private explains(e: LedgerEntry): boolean {
    const how = this.opts.explainFailures;
    switch (how) {
      case 'every': return true;
      case 'first': return e.record.lastDiagnosis === null;
      case 'never': return false;
      default: {
        const never: never = how;
        throw new Error(`unknown explainFailures ${JSON.stringify(never)}`);
      }
    }
  }


  /**
   * prepareCandidate: delete the victims, clear lower-priority nominations on the node,
   * nominate the preemptor. The deletions are a move request during the preemptor's own
   * cycle, so the preemptor goes to backoffQ and retries once its backoff ends.
   */
  private carryOutPreemption(pod: CompiledPod, plan: PostFilterResult): void {
    this.preemptions++;
    // The scheduler deletes victims directly; a budget it takes below zero is only counted.
    this.pdbViolatingVictims += this.state.disruptionBudgets.splitByViolation(plan.victims).violating.length;
    for (const o of this.observers) o.onPreempt?.(pod, plan.node, plan.victims.map((v) => v.id), this.nowS);
    for (const v of plan.victims) this.deletePod(this.ledger.get(v.id), plan.node, 'preempted');
    this.nominator.clearLowerPriority(plan.node, pod.priority);
    this.nominator.nominate(pod, plan.node);
    this.queue.moveAllToActiveOrBackoff(this.nowS);
  }

  private cycleCostS(wallNs: number): number {
    const c = this.opts.cycleCost;
    switch (c.kind) {
      case 'none': return 0;
      case 'fixed': return c.costS;
      case 'measured': return (wallNs * c.scale) / 1e9;
      default: {
        const never: never = c;
        throw new Error(`unknown cycle cost ${JSON.stringify(never)}`);
      }
    }
  }

  /** Whether any bound pod has priority below `priority` (else no node has victims). */
  private hasLowerPriorityPods(priority: number): boolean {
    for (const p of this.boundByPriority.keys()) if (p < priority) return true;
    return false;
  }

  private countBound(priority: number, delta: 1 | -1): void {
    const n = (this.boundByPriority.get(priority) ?? 0) + delta;
    if (n === 0) this.boundByPriority.delete(priority);
    else this.boundByPriority.set(priority, n);
  }

  private waitsForAffinityWith(waiting: PodId, bound: CompiledPod): boolean {
    for (const term of this.ledger.get(waiting).pod.affinityRequired) {
      if (podMatchesAffinityTerm(term, bound, this.state)) return true;
    }
    return false;
  }

  // ---- nodes -------------------------------------------------------------------------

  private addNode(index: number): void {
    const ev = this.nodeEvent(index);
    let node: NodeId;
    try {
      node = this.state.addNode(ev.node as CompiledNode);
    } catch (err) {
      throw new Error(`SimInput.nodeEvents[${index}]: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.nodeRows = Math.max(this.nodeRows, node + 1);
    this.queue.moveAllToActiveOrBackoff(this.nowS);
  }

  /**
   * The node stops reporting: failure taints, then each pod is evicted now, timed for
   * later by its tolerationSeconds, or left alone when it tolerates the taints forever.
   */
  private failNode(index: number): void {
    const node = this.resolveNode(index);
    if (this.nodeDown[node] === 1) return;
    const taints = this.lifecycle.withFailureTaints(this.state.nodeTaints(node));
    this.state.setTaints(node, taints);
    this.nodeDown[node] = 1;
    this.outage[node] = (this.outage[node] ?? 0) + 1;
    let evicted = 0;
    for (const id of [...this.state.podsOn(node)]) {
      const e = this.ledger.get(id);
      if (this.lifecycle.evictionDelayS(e.pod, taints) === 0) {
        this.deletePod(e, node, 'node-failure');
        evicted++;
      } else {
        this.scheduleTaintEviction(e, node);
      }
    }
    if (evicted > 0) this.queue.moveAllToActiveOrBackoff(this.nowS);
  }

  private scheduleTaintEviction(e: LedgerEntry, node: NodeId): void {
    const delayS = this.lifecycle.evictionDelayS(e.pod, this.state.nodeTaints(node));
    if (delayS === Infinity) return;
    this.events.push(this.nowS + delayS, { kind: 'taint-evict', pod: e.pod.id, bindEpoch: e.bindEpoch, outage: this.outage[node] ?? 0 });
  }

  private taintEvict(id: PodId, bindEpoch: number, outage: number): void {
    const e = this.ledger.get(id);
    if (e.record.outcome !== 'running' || e.bindEpoch !== bindEpoch) return;
    const node = this.state.nodeOf(id) as NodeId;
    if (this.nodeDown[node] !== 1 || this.outage[node] !== outage) return;
    this.deletePod(e, node, 'node-failure');
    this.queue.moveAllToActiveOrBackoff(this.nowS);
  }

  /** Failure taints removed (pending evictions become stale) and a drained node uncordoned. */
  private recoverNode(index: number): void {
    const node = this.resolveNode(index);
    let changed = false;
    if (this.nodeDown[node] === 1) {
      this.state.setTaints(node, this.lifecycle.withoutFailureTaints(this.state.nodeTaints(node)));
      this.nodeDown[node] = 0;
      this.outage[node] = (this.outage[node] ?? 0) + 1;
      changed = true;
    }
    if (this.drained[node] === 1) {
      this.state.setUnschedulable(node, false);
      this.drained[node] = 0;
      changed = true;
    }
    if (changed) this.queue.moveAllToActiveOrBackoff(this.nowS);
  }

  /**
   * `kubectl drain --ignore-daemonsets`: cordon, then evict every pod through the
   * eviction API, which honours PodDisruptionBudgets (DisruptionBudgets.evictionVerdict).
   * DaemonSet pods stay (their controller would put them back at once). A refused
   * eviction is tried again DRAIN_RETRY_S later, as kubectl drain retries a 429, until
   * the pod is gone or the node recovers (which stands for the end of the maintenance).
   */
  private drainNode(index: number): void {
    const node = this.resolveNode(index);
    this.state.setUnschedulable(node, true);
    this.drained[node] = 1;
    let evicted = 0;
    for (const id of [...this.state.podsOn(node)]) {
      if (this.state.pod(id).owner?.kind === 'DaemonSet') continue;
      if (this.evictForDrain(this.ledger.get(id), node)) evicted++;
    }
    if (evicted > 0) this.queue.moveAllToActiveOrBackoff(this.nowS);
  }

  /** One eviction request of a drain: true when the pod was evicted, else a retry is queued. */
  private evictForDrain(e: LedgerEntry, node: NodeId): boolean {
    if (this.state.disruptionBudgets.evictionVerdict(e.pod).allowed) {
      this.deletePod(e, node, 'drain');
      return true;
    }
    this.drainEvictionsRefused++;
    this.events.push(this.nowS + DRAIN_RETRY_S, { kind: 'drain-retry', pod: e.pod.id, bindEpoch: e.bindEpoch });
    return false;
  }

  private drainRetry(id: PodId, bindEpoch: number): void {
    const e = this.ledger.get(id);
    if (e.record.outcome !== 'running' || e.bindEpoch !== bindEpoch) return;
    const node = this.state.nodeOf(id);
    if (node === -1 || this.drained[node] !== 1) return;
    if (this.evictForDrain(e, node)) this.queue.moveAllToActiveOrBackoff(this.nowS);
  }

  private nodeEvent(index: number): NodeEvent {
    return this.input.nodeEvents![index]!;
  }

  private resolveNode(index: number): NodeId {
    const ref = this.nodeEvent(index).node;
    const node = typeof ref === 'number' ? ref : this.state.nodeByName(ref.name);
    if (node === -1 || node >= this.state.nodeCapacity || this.state.live[node] !== 1) {
      const what = typeof ref === 'number' ? `node id ${ref}` : `node ${this.state.model.symbols.text(ref.name)}`;
      throw new Error(`SimInput.nodeEvents[${index}].node: ${what} is not a live node at ${this.nowS} s`);
    }
    return node;
  }

  private nodeName(node: NodeId): string {
    return this.state.model.symbols.text(this.state.nodeName[node] as Sym);
  }

  // ---- samples -----------------------------------------------------------------------

  /** Samples every sample time strictly before `t` (the state at the end of that second). */
  private sampleBefore(t: number): void {
    const every = this.opts.sampleIntervalS;
    if (every === 0) return;
    while (this.sampleIndex * every < t) this.sample(this.sampleIndex++ * every);
  }

  private sampleThrough(endS: number): void {
    const every = this.opts.sampleIntervalS;
    if (every === 0) return;
    while (this.sampleIndex * every <= endS) this.sample(this.sampleIndex++ * every);
  }

  private sample(atS: number): void {
    const s = sampleCluster(this.state, atS, this.ledger.counts(), this.nodeRows, this.opts.sampleNodeUtilization);
    this.samples.push(s);
    for (const o of this.observers) o.onSample?.(s);
  }
}

/**
 * Whether kube-scheduler would bind a pod's claims with this profile: VolumeBinding's
 * Reserve assumes the volumes its Filter matched on the chosen node (AssumePodVolumes:
 * claimRefs, the selected-node annotation) and its PreBind writes them for the PV
 * controller and the provisioner (BindPodVolumes). Without both the claims stay unbound.
 * A profile enables VolumeBinding with its Filter (MultiPoint puts a plugin at every point
 * it implements); where the profile also lists its Reserve and PreBind plugins,
 * VolumeBinding must be in both.
 * CAVEAT: the pod is bound either way, as the simulator models placement. In kube, a
 * Reserve without PreBind binds the pod and its kubelet waits on the volumes; a PreBind
 * without Reserve waits for bindings nobody makes and fails the pod after
 * bindTimeoutSeconds, again and again.
 * A profile without `reserve` and `preBind` lists (a scenario's short form, a schedbench
 * profile) has VolumeBinding at every point or at none.
 */
export function volumeBindingBindsClaims(profile: ProfileSpec): boolean {
  return profile.filter.includes(VOLUME_BINDING)
    && (profile.reserve?.includes(VOLUME_BINDING) ?? true)
    && (profile.preBind?.includes(VOLUME_BINDING) ?? true);
}

function nodeEventOf(e: NodeEvent, index: number): SimEvent {
  switch (e.kind) {
    case 'add': return { kind: 'node-add', index };
    case 'fail': return { kind: 'node-fail', index };
    case 'recover': return { kind: 'node-recover', index };
    case 'drain': return { kind: 'node-drain', index };
    default: {
      const never: never = e.kind;
      throw new RangeError(`unknown node event kind ${String(never)}`);
    }
  }
}
