import { KUBE_DEFAULT_MULTI_POINT, KUBE_IN_TREE_PLUGINS } from '../model/kube-plugin-names.js';

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
  /**
   * Reserve and PreBind plugins, in order, where the profile lists them (a
   * KubeSchedulerConfiguration's expanded sets). Absent: each filter plugin that has these
   * points runs them, as MultiPoint puts it there. Of these points schedbench models only
   * VolumeBinding's effect: the simulator binds a pod's claims when it runs at both
   * (volumeBindingBindsClaims).
   */
  readonly reserve?: readonly string[];
  readonly preBind?: readonly string[];
}

/**
 * kube-scheduler's default profile (KUBE_DEFAULT_MULTI_POINT expanded as MultiPoint is:
 * filter plugins and score plugins in the default set's order, weights as given, an
 * unset weight as 1) restricted to the plugins schedbench models. DynamicResources is
 * left out: it never rejects a node or changes a score for a pod without resource
 * claims, and schedbench does not load them. The four volume plugins are in, where kube
 * has them (VolumeBinding scores with weight 1 and always skips, as kube's does with
 * StorageCapacityScoring off); each skips a pod without volumes at PreFilter.
 */
export function defaultProfile(name = 'default-scheduler'): ProfileSpec {
  const modelled = KUBE_DEFAULT_MULTI_POINT.flatMap((e) => {
    const p = KUBE_IN_TREE_PLUGINS.get(e.name);
    return p?.kind === 'modelled' ? [{ ...e, points: p.points }] : [];
  });
  return {
    name,
    filter: modelled.filter((e) => e.points.includes('filter')).map((e) => e.name),
    score: modelled.filter((e) => e.points.includes('score')).map((e) => ({ name: e.name, weight: e.weight ?? 1 })),
  };
}
