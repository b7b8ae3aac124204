import { resolve } from 'node:path';
import { clusterFiles } from '../cluster/cluster-files.js';
import { defaultProfile } from '../framework/profile.js';
import type { ProfileSpec } from '../framework/profile.js';
import type { ReplayScope } from '../scenario/scenario-schema.js';
import type { Scenario } from '../scenario/types.js';
import { OPENB_POLICIES } from './openb-policies.js';

/**
 * Simulated seconds a `schedbench whatif` run lasts. Every replayed pod arrives at t=0;
 * the rest of the time is for what kube's queue does with pods that do not fit at once
 * (backoff up to 10 s, the unschedulable pool flushed after 300 s, a preemptor placed
 * after its victims are gone), so a pod counts as not placed only after all of that.
 */
export const WHATIF_DURATION_S = 600;

/** The name `schedbench whatif` gives its scenario (the report keys runs by it). */
export const WHATIF_SCENARIO_NAME = 'whatif';

/** What `schedbench whatif` was asked. */
export interface WhatifRequest {
  /** Cluster files and folders, as given. */
  readonly cluster: readonly string[];
  readonly policies: readonly ProfileSpec[];
  readonly seeds: readonly number[];
  readonly scope: ReplayScope;
  /** The user's plugin files (--plugin), as given. */
  readonly plugins?: readonly string[];
}

/**
 * The scenario `schedbench whatif` runs, built in memory: the cluster files as a snapshot
 * (folders become their files, paths absolute) whose pods are replayed within `scope`
 * (workload.replay, nothing generated besides), the policies in the order given (the
 * first is the baseline of summary.csv), WHATIF_DURATION_S simulated seconds. It runs
 * through the plan and cells of `run`, like a scenario file with the same content.
 */
export function whatifScenario(r: WhatifRequest): Scenario {
  return {
    file: 'schedbench whatif',
    name: WHATIF_SCENARIO_NAME,
    description: `the pods of ${r.cluster.join(', ')} placed again under each policy`,
    labels: [],
    plugins: (r.plugins ?? []).map((f) => resolve(f)),
    seeds: r.seeds,
    durationS: WHATIF_DURATION_S,
    sampleEveryS: WHATIF_DURATION_S / 100,
    cluster: { kind: 'snapshot', files: clusterFiles(r.cluster).map((f) => resolve(f)) },
    workload: { kind: 'replay', scope: r.scope, spec: { workloads: [] } },
    policies: r.policies,
    baseline: r.policies[0]!.name,
    nodeEvents: [],
    priorityClasses: [],
    placements: false,
  };
}

/**
 * A heuristic of `schedbench openb --policies` (Random, BestFit, FGD, ...) as a what-if
 * policy: kube's default filters (a real cluster's pods need taints, affinity, ports and
 * spreading honoured, which the openb experiment's GPU-only filters skip) with the
 * heuristic as the only scorer, every node scored as the heuristics are defined. A user's
 * score plugin (`userScorers`, loaded with --plugin) is run the same way. Undefined for
 * any other name.
 */
export function whatifHeuristicPolicy(name: string, userScorers: readonly string[] = []): ProfileSpec | undefined {
  if (!OPENB_POLICIES.has(name) && !userScorers.includes(name)) return undefined;
  return { name, filter: defaultProfile(name).filter, score: [{ name, weight: 1 }], percentageOfNodesToScore: 100 };
}
