import type { ProfileSpec } from '../framework/profile.js';
import type { ShortPolicyInput } from './scenario-schema.js';

/**
 * Turns the short policy form into a profile: kube-scheduler's default profile (given),
 * minus `disable`d plugins, with `weights` changed, `enable`d score plugins and
 * `enableFilters` filter plugins appended.
 * Throws Error(path: problem) naming the field when it refers to a plugin the default
 * profile does not score, or disables one it does not have (a typo would change nothing).
 */
export function shortPolicyProfile(p: ShortPolicyInput, defaults: ProfileSpec): ProfileSpec {
  const disabled = new Set(p.disable ?? []);
  (p.disable ?? []).forEach((name, i) => {
    if (defaults.filter.includes(name) || defaults.score.some((s) => s.name === name)) return;
    const hint = name === 'DefaultPreemption' ? '; turn preemption off with preemption: false' : '';
    throw new Error(`disable[${i}]: ${JSON.stringify(name)} is not a filter or score plugin of the default profile${hint}`);
  });
  const score = defaults.score.filter((s) => !disabled.has(s.name)).map((s) => ({ ...s }));
  for (const [name, weight] of Object.entries(p.weights ?? {})) {
    const entry = score.find((s) => s.name === name);
    if (entry === undefined) throw new Error(`weights.${name}: not a score plugin of the default profile (add it with enable)`);
    entry.weight = weight;
  }
  for (const e of p.enable ?? []) {
    if (score.some((s) => s.name === e.name)) throw new Error(`enable: ${e.name} already scores; change its weight with weights`);
    score.push({ name: e.name, weight: e.weight });
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
