import { KUBE_DEFAULT_MULTI_POINT, KUBE_IN_TREE_PLUGINS, kubePluginArgsProblem, kubePluginProblem, removedPluginProblem, simulatorPluginProblem, unmodelledPluginProblem } from '../model/kube-plugin-names.js';
import type { ProfileSpec } from '../framework/profile.js';
import type { ShortPolicyInput } from './scenario-schema.js';

/**
 * Turns the short policy form into a profile: kube-scheduler's default profile (given),
 * minus `disable`d plugins, with `weights` changed, `enable`d score plugins and
 * `enableFilters` filter plugins appended.
 * Throws Error(path: problem) naming the field when it refers to a plugin the default
 * profile does not score, or disables one it does not have (a typo would change nothing).
 * kube-scheduler 1.35 plugins schedbench cannot run (not modelled, removed upstream, the
 * simulator's job) get the messages of model/kube-plugin-names.ts. Disabling one of
 * kube's default plugins that schedbench leaves out anyway (the volume and DRA plugins)
 * is accepted: the profile is already without it.
 */
export function shortPolicyProfile(p: ShortPolicyInput, defaults: ProfileSpec): ProfileSpec {
  const disabled = new Set(p.disable ?? []);
  (p.disable ?? []).forEach((name, i) => {
    if (defaults.filter.includes(name) || defaults.score.some((s) => s.name === name)) return;
    if (unmodelledPluginProblem(name) !== undefined && KUBE_DEFAULT_MULTI_POINT.some((e) => e.name === name)) return;
    const notThere = `${JSON.stringify(name)} is not a filter or score plugin of the default profile`;
    const hint = name === 'DefaultPreemption' ? '; turn preemption off with preemption: false' : '';
    const kube = KUBE_IN_TREE_PLUGINS.get(name);
    const does = kube?.kind === 'simulator' ? ` (${kube.does})` : '';
    throw new Error(`disable[${i}]: ${unmodelledPluginProblem(name) ?? removedPluginProblem(name, notThere) ?? notThere + does + hint}`);
  });
  const score = defaults.score.filter((s) => !disabled.has(s.name)).map((s) => ({ ...s }));
  for (const [name, weight] of Object.entries(p.weights ?? {})) {
    const entry = score.find((s) => s.name === name);
    if (entry === undefined) {
      const problem = unmodelledPluginProblem(name) ?? removedPluginProblem(name, 'not a score plugin of the default profile') ?? simulatorPluginProblem(name, 'score');
      throw new Error(`weights.${name}: ${problem ?? 'not a score plugin of the default profile (add it with enable)'}`);
    }
    entry.weight = weight;
  }
  (p.enable ?? []).forEach((e, j) => {
    const problem = kubePluginProblem(e.name, 'score');
    if (problem !== undefined) throw new Error(`enable[${j}].name: ${problem}`);
    if (score.some((s) => s.name === e.name)) throw new Error(`enable: ${e.name} already scores; change its weight with weights`);
    score.push({ name: e.name, weight: e.weight });
  });
  (p.enableFilters ?? []).forEach((name, j) => {
    const problem = kubePluginProblem(name, 'filter');
    if (problem !== undefined) throw new Error(`enableFilters[${j}]: ${problem}`);
  });
  for (const name of Object.keys(p.args ?? {})) {
    const problem = kubePluginArgsProblem(name);
    if (problem !== undefined) throw new Error(`args.${name}: ${problem}`);
  }
  return {
    name: p.name,
    filter: [...defaults.filter.filter((f) => !disabled.has(f)), ...(p.enableFilters ?? [])],
    score,
    ...(p.args ? { args: p.args } : {}),
    ...(p.percentageOfNodesToScore !== undefined ? { percentageOfNodesToScore: p.percentageOfNodesToScore } : {}),
    ...(p.preemption === false ? { postFilter: [] } : {}),
  };
}
