/**
 * What each scheduling cycle costs in simulated time:
 *   none     - nothing: the scheduler is infinitely fast (the default);
 *   fixed    - `costS` simulated seconds per cycle;
 *   measured - the cycle's measured wall time times `scale` (this makes a run depend on
 *              the machine, so its output is no longer deterministic).
 * The cycle's effects apply at its start; its cost delays the next cycle.
 */
export type CycleCost =
  | { readonly kind: 'none' }
  | { readonly kind: 'fixed'; readonly costS: number }
  | { readonly kind: 'measured'; readonly scale: number };

/** Options of a simulation run; every field has a default. */
export interface SimOptions {
  /** Backoff after the first unschedulable attempt (podInitialBackoffSeconds). @default 1 */
  readonly initialBackoffS?: number;
  /** Cap on the backoff (podMaxBackoffSeconds). @default 10 */
  readonly maxBackoffS?: number;
  /** Unschedulable pods are retried after this long without an event (podMaxInUnschedulablePodsDuration). @default 300 */
  readonly podMaxInUnschedulablePodsS?: number;
  /** How often the queue checks for such pods (kube's flushUnschedulablePodsLeftover period). @default 30 */
  readonly unschedulableFlushIntervalS?: number;
  /** Run DefaultPreemption when a pod fits nowhere. @default true */
  readonly preemption?: boolean;
  /**
   * Put a pod whose attempt failed back in the queue (kube-scheduler always does). false:
   * each pod gets one attempt and one that fits nowhere stays pending for good, as in the
   * FGD paper's one-shot experiment (`schedbench openb`). @default true
   */
  readonly retryUnschedulable?: boolean;
  /**
   * tolerationSeconds of the not-ready/unreachable NoExecute tolerations the
   * DefaultTolerationSeconds admission plugin adds to pods that lack them; null: the
   * plugin is off. @default 300
   */
  readonly defaultTolerationSeconds?: number | null;
  /** Simulated cost of a scheduling cycle. @default { kind: 'none' } */
  readonly cycleCost?: CycleCost;
  /** Interval between cluster samples, simulated seconds; 0 turns sampling off. @default 60 */
  readonly sampleIntervalS?: number;
  /** Include per-node CPU and memory utilization arrays in every sample. @default true */
  readonly sampleNodeUtilization?: boolean;
  /**
   * Which failed scheduling attempts get kube's FitError reasons and message built
   * (PodRecord.lastDiagnosis, the Diagnosis observers get). Building them visits every
   * rejected node, which in a saturated cluster costs more than the search itself, and
   * retries in a busy cluster are many:
   *   first - the first failed attempt of each pod incarnation; later attempts keep its
   *           message (a PreFilter rejection's message costs nothing and is always kept);
   *   every - every failed attempt, as kube-scheduler reports them;
   *   never - none: a failed pod's message says its reasons were not collected (for a
   *           run whose measures read no reasons: the openb experiment).
   * Either way the decisions are the same: preemption needs only `unresolvable`, which
   * is always exact. @default 'first'
   */
  readonly explainFailures?: ExplainFailures;
}

/** See SimOptions.explainFailures. */
export type ExplainFailures = 'first' | 'every' | 'never';

/** SimOptions with every default filled in and checked. */
export interface ResolvedSimOptions {
  readonly initialBackoffS: number;
  readonly maxBackoffS: number;
  readonly podMaxInUnschedulablePodsS: number;
  readonly unschedulableFlushIntervalS: number;
  readonly preemption: boolean;
  readonly retryUnschedulable: boolean;
  readonly defaultTolerationSeconds: number | null;
  readonly cycleCost: CycleCost;
  readonly sampleIntervalS: number;
  readonly sampleNodeUtilization: boolean;
  readonly explainFailures: ExplainFailures;
}

/** Fills in defaults and validates; throws RangeError naming the option. */
export function resolveSimOptions(o: SimOptions = {}): ResolvedSimOptions {
  const r: ResolvedSimOptions = {
    initialBackoffS: o.initialBackoffS ?? 1,
    maxBackoffS: o.maxBackoffS ?? 10,
    podMaxInUnschedulablePodsS: o.podMaxInUnschedulablePodsS ?? 300,
    unschedulableFlushIntervalS: o.unschedulableFlushIntervalS ?? 30,
    preemption: o.preemption ?? true,
    retryUnschedulable: o.retryUnschedulable ?? true,
    defaultTolerationSeconds: o.defaultTolerationSeconds === undefined ? 300 : o.defaultTolerationSeconds,
    cycleCost: o.cycleCost ?? { kind: 'none' },
    sampleIntervalS: o.sampleIntervalS ?? 60,
    sampleNodeUtilization: o.sampleNodeUtilization ?? true,
    explainFailures: o.explainFailures ?? 'first',
  };
  // Backoff must be positive: a zero backoff would let a failing pod retry forever at one instant.
  positive('initialBackoffS', r.initialBackoffS);
  positive('maxBackoffS', r.maxBackoffS);
  if (r.maxBackoffS < r.initialBackoffS) throw new RangeError(`SimOptions.maxBackoffS: expected >= initialBackoffS (${r.initialBackoffS}), got ${r.maxBackoffS}`);
  nonNegative('podMaxInUnschedulablePodsS', r.podMaxInUnschedulablePodsS);
  positive('unschedulableFlushIntervalS', r.unschedulableFlushIntervalS);
  if (r.defaultTolerationSeconds !== null) nonNegative('defaultTolerationSeconds', r.defaultTolerationSeconds);
  nonNegative('sampleIntervalS', r.sampleIntervalS);
  switch (r.explainFailures) {
    case 'first': case 'every': case 'never': break;
    default: {
      const never: never = r.explainFailures;
      throw new RangeError(`SimOptions.explainFailures: expected 'first', 'every' or 'never', got ${JSON.stringify(never)}`);
    }
  }
  const c = r.cycleCost;
  switch (c.kind) {
    case 'none': break;
    case 'fixed': nonNegative('cycleCost.costS', c.costS); break;
    case 'measured': nonNegative('cycleCost.scale', c.scale); break;
    default: {
      const never: never = c;
      throw new RangeError(`SimOptions.cycleCost: unknown kind ${JSON.stringify(never)}`);
    }
  }
  return r;
}

function positive(name: string, v: number): void {
  if (!Number.isFinite(v) || v <= 0) throw new RangeError(`SimOptions.${name}: expected a positive number, got ${v}`);
}

function nonNegative(name: string, v: number): void {
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`SimOptions.${name}: expected a non-negative number, got ${v}`);
}
