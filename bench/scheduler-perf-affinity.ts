import { defaultProfile } from '../src/framework/profile.js';
import type { SetupOptions } from './setup.js';

/** The pod-to-pod workloads of kube-scheduler's scheduler_perf suite, in schedbench's shapes. */
export type AffinityWorkload = 'SchedulingPodAntiAffinity' | 'SchedulingPodAffinity' | 'TopologySpreading' | 'PreferredTopologySpreading';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

/**
 * `nodes` nodes (4 CPU, 32Gi, 110 pods, as node-default.yaml) dealt over 3 zones;
 * `existingPods` plain pods (100m / 500Mi) bound first; then `measuredPods` pods of the
 * workload are scheduled into that cluster and timed, with the full default profile and
 * the adaptive percentageOfNodesToScore.
 *   SchedulingPodAntiAffinity: required anti-affinity to its own label on hostname.
 *   SchedulingPodAffinity: required affinity to its own label on zone.
 *   TopologySpreading: DoNotSchedule, maxSkew 1 on zone and on hostname.
 *   PreferredTopologySpreading: the same constraints with ScheduleAnyway.
 */
export function affinityWorkload(w: AffinityWorkload, nodes: number, existingPods: number, measuredPods: number): SetupOptions {
  const label = { app: 'measured' };
  const selector = { matchLabels: label };
  const spread = (when: string) => [ZONE, HOST].map((topologyKey) => ({ maxSkew: 1, topologyKey, whenUnsatisfiable: when, labelSelector: selector }));
  const extra: Record<AffinityWorkload, Record<string, unknown>> = {
    SchedulingPodAntiAffinity: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: selector, topologyKey: HOST }] } } },
    SchedulingPodAffinity: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: selector, topologyKey: ZONE }] } } },
    TopologySpreading: { topologySpreadConstraints: spread('DoNotSchedule') },
    PreferredTopologySpreading: { topologySpreadConstraints: spread('ScheduleAnyway') },
  };
  const container = { name: 'pause', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '100m', memory: '500Mi' } } };
  return {
    nodes,
    existingPods,
    poolPods: measuredPods,
    profile: defaultProfile(),
    node: (i) => ({
      metadata: { name: `node-${i}`, labels: { [HOST]: `node-${i}`, [ZONE]: `zone-${i % 3}`, 'topology.kubernetes.io/region': 'region-0' } },
      status: { allocatable: { cpu: '4', memory: '32Gi', pods: '110' } },
    }),
    pod: (i) => (i < existingPods
      ? { metadata: { name: `init-${i}`, namespace: 'sched-setup', labels: { app: 'init' } }, spec: { containers: [container] } }
      : { metadata: { name: `pod-${i}`, namespace: 'sched-test', labels: label }, spec: { containers: [container], ...extra[w] } }),
  };
}
