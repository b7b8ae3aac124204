import { defaultProfile } from '../src/framework/profile.js';
import type { ProfileSpec } from '../src/framework/profile.js';
import type { SetupOptions } from './setup.js';
import type { PluginFactory } from '../src/framework/types.js';
import { inTreeRegistry } from '../src/plugins/index.js';
import { userPluginFactory } from '../src/plugins/user/adapt-user-plugin.js';
import fewestPods from '../examples/plugins/fewest-pods.js';

/**
 * kube-scheduler's scheduler_perf SchedulingBasic shapes (test/integration/scheduler_perf
 * config: templates node-default.yaml and pod-default.yaml): nodes with 4 CPU, 32Gi and
 * 110 pods; pods requesting 100m CPU and 500Mi, no other constraints.
 */
export function schedulingBasic(nodes: number, existingPods: number, percentageOfNodesToScore: number): SetupOptions {
  return {
    nodes,
    existingPods,
    poolPods: 1000,
    profile: { ...issue2Profile(), percentageOfNodesToScore },
    node: (i) => ({
      metadata: { name: `scheduler-perf-node-${i}`, labels: { 'kubernetes.io/hostname': `scheduler-perf-node-${i}` } },
      status: { allocatable: { cpu: '4', memory: '32Gi', pods: '110' } },
    }),
    pod: (i) => ({
      metadata: { name: `pod-${i}`, namespace: 'sched-test' },
      spec: { containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '100m', memory: '500Mi' } } }] },
    }),
  };
}

/** The default profile's plugins that need no pod-to-pod indexes. */
export function issue2Profile(): ProfileSpec {
  const d = defaultProfile();
  const heavy = new Set(['PodTopologySpread', 'InterPodAffinity']);
  return { ...d, name: 'default-node-plugins', filter: d.filter.filter((p) => !heavy.has(p)), score: d.score.filter((s) => !heavy.has(s.name)) };
}

/**
 * SchedulingBasic's cluster with pods whose requests change from one pod to the next (7
 * shapes in turn), so per-node results can never be reused between consecutive cycles:
 * the cost of scheduling without that shortcut.
 */
export function mixedRequests(nodes: number, existingPods: number, percentageOfNodesToScore: number): SetupOptions {
  const shapes = [['100m', '500Mi'], ['200m', '256Mi'], ['50m', '1Gi'], ['300m', '128Mi'], ['150m', '750Mi'], ['250m', '64Mi'], ['120m', '300Mi']] as const;
  const basic = schedulingBasic(nodes, existingPods, percentageOfNodesToScore);
  return {
    ...basic,
    pod: (i) => {
      const [cpu, memory] = shapes[i % shapes.length]!;
      return {
        metadata: { name: `pod-${i}`, namespace: 'sched-test' },
        spec: { containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu, memory } } }] },
      };
    },
  };
}

/**
 * SchedulingBasic with the simple-contract user plugin examples/plugins/fewest-pods.ts
 * added as a score plugin (weight 1): what a plugin written to src/api/plugin-api.ts
 * costs, against SchedulingBasic at the same size and percentage in the same run.
 */
export function schedulingBasicWithUserScore(nodes: number, existingPods: number, percentageOfNodesToScore: number): SetupOptions {
  const basic = schedulingBasic(nodes, existingPods, percentageOfNodesToScore);
  return {
    ...basic,
    profile: { ...basic.profile, score: [...basic.profile.score, { name: fewestPods.name, weight: 1 }] },
    registry: new Map<string, PluginFactory>([...inTreeRegistry, [fewestPods.name, userPluginFactory(fewestPods)]]),
  };
}

