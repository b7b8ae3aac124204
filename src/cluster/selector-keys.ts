import type { LabelSelector, Requirement } from '../model/labels.js';

/**
 * The canonical text of a label selector, so that equal selectors written by different
 * pods (every replica of a workload compiles its own) intern to the same counted term or
 * term group: requirements sorted and deduplicated, In/NotIn values sorted; "!" for the
 * nil selector, "" for {}. Two selectors with the same text match the same label sets.
 * Cheap enough to recompute per pod, so nothing is cached (a WeakMap insert per new pod
 * costs more than the text).
 */
export function selectorKey(sel: LabelSelector): string {
  if (sel.nothing) return '!';
  const reqs = sel.requirements;
  // One requirement (the usual `app In [x]`) needs no sorting.
  if (reqs.length === 1) return `${requirementText(reqs[0]!)};`;
  const parts = reqs.map(requirementText);
  parts.sort();
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    if (i > 0 && parts[i] === parts[i - 1]) continue;
    out += `${parts[i]};`;
  }
  return out;
}

function requirementText(r: Requirement): string {
  return `${r.key}/${r.op}/${sortedText(r.values)}/${r.bound}`;
}

/** Syms in ascending order, comma-separated (the order of In/NotIn values does not matter). */
export function sortedText(syms: Int32Array): string {
  if (syms.length === 0) return '';
  if (syms.length === 1) return String(syms[0]);
  return Array.from(syms).sort((a, b) => a - b).join(',');
}
