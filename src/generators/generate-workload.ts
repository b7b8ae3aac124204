import { sample } from './distribution.js';
import { arrivalTimes } from './arrival-times.js';
import type { Rng } from './rng.js';
import type { WorkloadObjects } from './workload-objects.js';
import { workloadObjects } from './workload-objects.js';
import type { PlannedArrival, WorkloadItemSpec, WorkloadObject, WorkloadPlan, WorkloadSpec } from './workload-spec.js';

/**
 * Generates the pods of a workload spec: one v1.Pod template per workload, labelled and
 * owned as its controller makes them in kube (workloadObjects: ReplicaSet, Job or
 * StatefulSet through ownerReferences), and the objects around them (Deployment,
 * ReplicaSet, Job or StatefulSet and its claims, Service, PodDisruptionBudget), so that
 * system default spreading and disruption budgets see each pod's workload; per pod, an
 * arrival time and duration, and a StatefulSet's pod its own volumes (its claims). Each workload draws from its own
 * named streams ('arrivals/<name>', 'durations/<name>'), so editing one workload does not
 * reshuffle another; the objects draw nothing.
 * With bestEffortShare, a seeded share of each workload's pods use a second template
 * without requests or limits (BestEffort QoS).
 * Arrivals are sorted by (time, workload order, pod index): a total order.
 */
export function generateWorkload(spec: WorkloadSpec, rng: Rng): WorkloadPlan {
  const templates: unknown[] = [];
  const workloads: WorkloadPlan['workloads'][number][] = [];
  const objects: WorkloadObject[] = [];
  const arrivals: (PlannedArrival & { seq: number })[] = [];
  const names = new Set<string>();
  const beShare = spec.bestEffortShare ?? 0;
  if (!(beShare >= 0 && beShare <= 1)) throw new Error(`bestEffortShare must be in [0, 1], got ${beShare}`);
  spec.workloads.forEach((w) => {
    if (names.has(w.name)) throw new Error(`duplicate workload name ${w.name}`);
    names.add(w.name);
    const around = workloadObjects(w);
    objects.push(...around.objects);
    const wi = templates.length;
    const entry = { kind: w.kind === 'FromSnapshot' ? w.source.kind : w.kind, name: w.name, parallelism: w.kind === 'Job' ? (w.parallelism ?? w.completions) : null };
    templates.push(podTemplate(w, around, false));
    workloads.push(entry);
    // The BestEffort variant shares the workload's identity (labels, owner, Job slots).
    const beIndex = beShare > 0 ? templates.push(podTemplate(w, around, true)) - 1 : -1;
    if (beIndex >= 0) workloads.push(entry);
    const beRng = rng.fork(`best-effort/${w.name}`);
    const count = w.kind === 'Job' ? w.completions : w.replicas;
    const podNames = w.kind === 'FromSnapshot' ? w.podNames : { prefix: w.name, first: 0 };
    const times = arrivalTimes(w.arrival, count, rng.fork(`arrivals/${w.name}`));
    const durRng = rng.fork(`durations/${w.name}`);
    const dist = w.durationS;
    for (let i = 0; i < count; i++) {
      const volumes = around.podVolumes(podNames.first + i);
      arrivals.push({
        atS: times[i]!,
        template: beIndex >= 0 && beRng.float() < beShare ? beIndex : wi,
        name: `${podNames.prefix}-${podNames.first + i}`,
        durationS: dist === undefined ? null : sample(dist, durRng),
        ...(volumes !== null ? { volumes } : {}),
        seq: arrivals.length,
      });
    }
  });
  arrivals.sort((a, b) => a.atS - b.atS || a.seq - b.seq);
  return { templates, workloads, objects, arrivals: arrivals.map(({ seq: _seq, ...a }) => a) };
}

function podTemplate(w: WorkloadItemSpec, around: WorkloadObjects, bestEffort: boolean): unknown {
  return {
    kind: 'Pod',
    metadata: {
      name: w.name,
      namespace: w.namespace ?? 'default',
      labels: { ...around.podLabels },
      ...(around.podAnnotations !== null ? { annotations: { ...around.podAnnotations } } : {}),
      ownerReferences: [{ ...around.podOwner, controller: true, blockOwnerDeletion: true }],
    },
    spec: around.podSpec(bestEffort),
  };
}
