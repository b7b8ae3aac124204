import type { PolicyProfile } from '../types.js';

/** The settings policies.csv lists for every policy, in this order (args.<plugin> follow). */
export const POLICY_SETTINGS = ['filter', 'score', 'preemption', 'percentageOfNodesToScore'] as const;

/**
 * A policy's effective settings as [setting, value] pairs: filter plugins in order, score
 * plugins with their weights, preemption (the PostFilter plugins; kube's DefaultPreemption
 * unless the profile disables it), percentageOfNodesToScore (kube's adaptive default when
 * 0 or unset: pkg/scheduler/schedule_one.go numFeasibleNodesToFind), then each plugin's
 * args as JSON, plugins in name order so the text does not depend on the file's order.
 */
export function policySettings(p: PolicyProfile): [string, string][] {
  const post = p.postFilter ?? ['DefaultPreemption'];
  const pct = p.percentageOfNodesToScore ?? 0;
  const out: [string, string][] = [
    ['filter', p.filter.join(', ')],
    ['score', p.score.map((s) => `${s.name} ×${s.weight}`).join(', ')],
    ['preemption', post.length === 0 ? 'off' : `on (${post.join(', ')})`],
    ['percentageOfNodesToScore', pct === 0 ? 'adaptive (kube default)' : `${pct}%`],
  ];
  for (const name of Object.keys(p.args ?? {}).sort()) out.push([`args.${name}`, JSON.stringify(p.args![name])]);
  return out;
}
