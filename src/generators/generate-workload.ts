import { sample } from './distribution.js';
import { arrivalTimes } from './arrival-times.js';
import type { Rng } from './rng.js';
import type { PlannedArrival, PodTemplateSpec, WorkloadItemSpec, WorkloadPlan, WorkloadSpec } from './workload-spec.js';

/**
 * Generates the pods of a workload spec: one v1.Pod template per workload (labelled
 * `app: <name>`, owned by its ReplicaSet or Job through ownerReferences, so controllers
 * and default spread constraints know each pod's workload) and, per pod, an arrival time
 * and duration. Each workload draws from its own named streams ('arrivals/<name>',
 * 'durations/<name>'), so editing one workload does not reshuffle another.
 * With bestEffortShare, a seeded share of each workload's pods use a second template
 * without requests or limits (BestEffort QoS).
 * Arrivals are sorted by (time, workload order, pod index): a total order.
 */
export function generateWorkload(spec: WorkloadSpec, rng: Rng): WorkloadPlan {
  const templates: unknown[] = [];
  const workloads: WorkloadPlan['workloads'][number][] = [];
  const arrivals: (PlannedArrival & { seq: number })[] = [];
  const names = new Set<string>();
  const beShare = spec.bestEffortShare ?? 0;
  if (!(beShare >= 0 && beShare <= 1)) throw new Error(`bestEffortShare must be in [0, 1], got ${beShare}`);
  spec.workloads.forEach((w) => {
    if (names.has(w.name)) throw new Error(`duplicate workload name ${w.name}`);
    names.add(w.name);
    const wi = templates.length;
    const entry = { kind: w.kind, name: w.name, parallelism: w.kind === 'Job' ? (w.parallelism ?? w.completions) : null };
    templates.push(podTemplate(w, false));
    workloads.push(entry);
    // The BestEffort variant shares the workload's identity (owner, Job slots).
    const beIndex = beShare > 0 ? templates.push(podTemplate(w, true)) - 1 : -1;
    if (beIndex >= 0) workloads.push(entry);
    const beRng = rng.fork(`best-effort/${w.name}`);
    const count = w.kind === 'Deployment' ? w.replicas : w.completions;
    const times = arrivalTimes(w.arrival, count, rng.fork(`arrivals/${w.name}`));
    const durRng = rng.fork(`durations/${w.name}`);
    const dist = w.durationS;
    for (let i = 0; i < count; i++) {
      arrivals.push({
        atS: times[i]!,
        template: beIndex >= 0 && beRng.float() < beShare ? beIndex : wi,
        name: `${w.name}-${i}`,
        durationS: dist === undefined ? null : sample(dist, durRng),
        seq: arrivals.length,
      });
    }
  });
  arrivals.sort((a, b) => a.atS - b.atS || a.seq - b.seq);
  return { templates, workloads, arrivals: arrivals.map(({ seq: _seq, ...a }) => a) };
}

function podTemplate(w: WorkloadItemSpec, bestEffort: boolean): unknown {
  const t: PodTemplateSpec = w.template;
  const ownerKind = w.kind === 'Deployment' ? 'ReplicaSet' : 'Job';
  const ownerName = w.kind === 'Deployment' ? `${w.name}-rs` : w.name;
  const resources: Record<string, unknown> = {};
  if (t.requests && !bestEffort) resources.requests = { ...t.requests };
  if (t.limits && !bestEffort) resources.limits = { ...t.limits };
  return {
    kind: 'Pod',
    metadata: {
      name: w.name,
      namespace: w.namespace ?? 'default',
      labels: { app: w.name, ...(t.labels ?? {}) },
      ownerReferences: [{ apiVersion: w.kind === 'Deployment' ? 'apps/v1' : 'batch/v1', kind: ownerKind, name: ownerName, controller: true }],
    },
    spec: {
      ...(t.spec ?? {}),
      containers: [{ name: 'main', image: `schedbench/${w.name}:1`, resources }],
      ...(t.priority !== undefined ? { priority: t.priority } : {}),
    },
  };
}
