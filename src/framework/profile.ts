/**
 * A scheduling profile in schedbench's compiled-from-config shape: which plugins filter
 * (PreFilter + Filter, in order) and which score (PreScore + Score + NormalizeScore, with
 * weights), their args, and percentageOfNodesToScore. The KubeSchedulerConfiguration
 * reader produces this.
 */
export interface ProfileSpec {
  readonly name: string;
  readonly filter: readonly string[];
  readonly score: readonly { readonly name: string; readonly weight: number }[];
  /** Plugin name -> args (pluginConfig[].args). */
  readonly args?: Readonly<Record<string, unknown>>;
  /** 0 or absent: kube-scheduler's adaptive default; otherwise 1..100. */
  readonly percentageOfNodesToScore?: number;
  /**
   * PostFilter plugins, in order (kube: DefaultPreemption). Their args go in `args`.
   * @default ['DefaultPreemption'] when the registry has it
   */
  readonly postFilter?: readonly string[];
}

/**
 * kube-scheduler's default profile (pkg/scheduler/apis/config/v1/default_plugins.go,
 * v1.34) restricted to the plugins that decide on nodes and pods without volumes or DRA.
 * Filter order and score weights are kube-scheduler's.
 */
export function defaultProfile(name = 'default-scheduler'): ProfileSpec {
  return {
    name,
    filter: [
      'NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts',
      'NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity',
    ],
    score: [
      { name: 'TaintToleration', weight: 3 },
      { name: 'NodeAffinity', weight: 2 },
      { name: 'NodeResourcesFit', weight: 1 },
      { name: 'PodTopologySpread', weight: 2 },
      { name: 'InterPodAffinity', weight: 2 },
      { name: 'NodeResourcesBalancedAllocation', weight: 1 },
      { name: 'ImageLocality', weight: 1 },
    ],
  };
}
