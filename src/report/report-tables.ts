import { openbCurve } from './aggregate/openb-curve.js';
import { openbSummary } from './aggregate/openb-summary.js';
import { policySettings } from './aggregate/policy-settings.js';
import type { OpenbRunData, OpenbTables, ReportData, ReportTables, WhatifTables } from './types.js';

/**
 * The rows of every table of a report, taken from what the runs measured, in the order of
 * data.runs (and within a run, the order of its samples, nodes, quantiles and pods).
 * placements is null unless some run recorded placements, groups unless some run measured them; bench is null unless given;
 * openb is null unless given, its summary and curve computed from its runs; whatif is
 * null unless given, its rows in the order of its runs (pods in replay order, measures in
 * the order of its measures); scenarios and policies are null unless data.scenarios is given.
 */
export function reportTables(data: ReportData): ReportTables {
  const runs = data.runs;
  const ids = data.metrics.map((m) => m.id);
  const anyPlacements = runs.some((r) => r.placements !== null);
  const anyGroups = runs.some((r) => r.groups !== undefined);
  return {
    runs: runs.map((r) => ({ ...r.key, values: Object.fromEntries(ids.map((id) => [id, r.values[id] ?? Number.NaN])) })),
    summary: data.summary,
    timeseries: runs.flatMap((r) => r.timeseries.map((p) => ({
      ...r.key, tS: p.tS, running: p.running, pending: p.pending,
      cpuAllocPct: p.cpuAllocPct, memAllocPct: p.memAllocPct, gpuAllocPct: p.gpuAllocPct,
    }))),
    nodeUtilization: runs.flatMap((r) => r.nodeUtilization.map((n) => ({ ...r.key, node: n.node, cpuPct: n.cpuPct, memPct: n.memPct }))),
    queueDelay: runs.flatMap((r) => {
      const qs = r.queueDelayQuantilesS;
      // Quantiles are evenly spaced from 0 to 1 (101 of them: 0, 0.01, ..., 1); i / (n - 1)
      // rather than i * 0.01 so that 0.07 is written as 0.07.
      return qs.length < 2 ? [] : qs.map((d, i) => ({ ...r.key, quantile: i / (qs.length - 1), delayS: d }));
    }),
    groups: anyGroups ? runs.flatMap((r) => (r.groups ?? []).map((g) => ({ ...r.key, ...g }))) : null,
    placements: anyPlacements
      ? runs.flatMap((r) => (r.placements ?? []).map((p) => ({
        ...r.key, pod: p.pod, node: p.node, arrivalS: p.arrivalS, bindS: p.bindS ?? Number.NaN, outcome: p.outcome, attempts: p.attempts,
      })))
      : null,
    timing: runs.map((r) => ({ ...r.key, ...r.timing })),
    bench: data.bench ?? null,
    openb: data.openb === undefined ? null : openbTables(data.openb.runs),
    whatif: data.whatif === undefined ? null : whatifTables(data.whatif),
    scenarios: data.scenarios === undefined ? null : data.scenarios.map((f) => ({ scenario: f.scenario, description: f.description })),
    policies: data.scenarios === undefined ? null : data.scenarios.flatMap((f) => f.policies.flatMap((p) => policySettings(p).map(([setting, value]) => ({
      scenario: f.scenario, policy: p.name, setting, value,
    })))),
  };
}

/** A replay's tables from its runs and summary. */
function whatifTables(w: NonNullable<ReportData['whatif']>): WhatifTables {
  return {
    pods: w.runs.flatMap((r) => r.pods.map((p) => ({ policy: r.policy, seed: r.seed, ...p }))),
    runs: w.runs.flatMap((r) => w.measures.map((m) => ({
      policy: r.policy, seed: r.seed, measure: m.id, dump: r.dump[m.id] ?? Number.NaN, value: r.after[m.id] ?? Number.NaN,
    }))),
    summary: w.summary,
  };
}

/** The openb experiment's tables from its runs, in their order. */
function openbTables(runs: readonly OpenbRunData[]): OpenbTables {
  return {
    runs: runs.map((r) => ({
      policy: r.policy, seed: r.seed, tasks: r.tasks, scheduled: r.scheduled, unscheduled: r.tasks - r.scheduled,
      arrivedGpuEndPct: r.arrivedPctEnd, gpuAllocAt100Pct: r.allocAt100Pct ?? Number.NaN, gpuAllocEndPct: r.allocEndPct,
      gpusUnallocatedEnd: r.gpusUnallocatedEnd, gpuFragRateEndPct: r.fragRateEndPct,
    })),
    summary: openbSummary(runs),
    curve: openbCurve(runs),
  };
}
