import { describe, expect, it } from 'vitest';
import { compileLabels, selectorMatches } from './labels.js';
import { ModelContext } from './model-context.js';
import type { IntOrPercent } from './pod-disruption-budget.js';
import { compilePodDisruptionBudget, scaledValue } from './pod-disruption-budget.js';

const pdb = (spec: unknown, ns?: string) => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'b', ...(ns === undefined ? {} : { namespace: ns }) }, spec });

describe('compilePodDisruptionBudget', () => {
  it('reads minAvailable as an int and maxUnavailable as a percentage, and the eviction policy', () => {
    const m = new ModelContext();
    expect(compilePodDisruptionBudget(pdb({ minAvailable: 2, selector: { matchLabels: { app: 'web' } } }), m)).toMatchObject({ minAvailable: { kind: 'int', value: 2 }, maxUnavailable: null, unhealthyPodEvictionPolicy: 'IfHealthyBudget' });
    expect(compilePodDisruptionBudget(pdb({ maxUnavailable: '25%', unhealthyPodEvictionPolicy: 'AlwaysAllow' }), m)).toMatchObject({ minAvailable: null, maxUnavailable: { kind: 'percent', value: 25 }, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
  });

  it('policy/v1 selectors: null selects no pod, {} every pod of the namespace', () => {
    const m = new ModelContext();
    const labels = compileLabels({ app: 'web' }, m.symbols);
    expect(selectorMatches(compilePodDisruptionBudget(pdb({ minAvailable: 1 }), m).selector, labels, m.symbols)).toBe(false);
    expect(selectorMatches(compilePodDisruptionBudget(pdb({ minAvailable: 1, selector: {} }), m).selector, labels, m.symbols)).toBe(true);
  });

  it('takes the namespace of the object, else "default"', () => {
    const m = new ModelContext();
    expect(m.symbols.text(compilePodDisruptionBudget(pdb({}, 'shop'), m).namespace)).toBe('shop');
    expect(m.symbols.text(compilePodDisruptionBudget(pdb({}), m).namespace)).toBe('default');
  });

  // pkg/apis/policy/validation ValidatePodDisruptionBudgetSpec.
  const bad: { name: string; spec: unknown; err: RegExp }[] = [
    { name: 'both set', spec: { minAvailable: 1, maxUnavailable: '10%' }, err: /^f\.yaml: PodDisruptionBudget b: spec: minAvailable and maxUnavailable cannot be both set$/ },
    { name: 'a negative count', spec: { minAvailable: -1 }, err: /spec\.minAvailable: must be greater than or equal to 0, got -1$/ },
    { name: 'a fraction', spec: { maxUnavailable: 1.5 }, err: /spec\.maxUnavailable: must be an integer \(an int32\) or percentage/ },
    { name: 'a percentage over 100', spec: { maxUnavailable: '101%' }, err: /spec\.maxUnavailable: must not be greater than 100%, got "101%"$/ },
    { name: 'a number as a string', spec: { minAvailable: '3' }, err: /spec\.minAvailable: must be an integer or percentage \(e\.g '5%'\), got "3"$/ },
    { name: 'a negative percentage', spec: { minAvailable: '-5%' }, err: /spec\.minAvailable: must be an integer or percentage/ },
    { name: 'an unknown eviction policy', spec: { unhealthyPodEvictionPolicy: 'Never' }, err: /spec\.unhealthyPodEvictionPolicy: got "Never"; supported values: "IfHealthyBudget", "AlwaysAllow"$/ },
  ];
  for (const c of bad) it(`refuses ${c.name}`, () => expect(() => compilePodDisruptionBudget(pdb(c.spec), new ModelContext(), { file: 'f.yaml' })).toThrow(c.err));
});

describe('scaledValue (intstr.GetScaledValueFromIntOrPercent)', () => {
  const cases: { v: IntOrPercent; total: number; roundUp: boolean; want: number }[] = [
    { v: { kind: 'int', value: 3 }, total: 10, roundUp: true, want: 3 },
    { v: { kind: 'percent', value: 25 }, total: 4, roundUp: true, want: 1 },
    { v: { kind: 'percent', value: 25 }, total: 5, roundUp: true, want: 2 },
    { v: { kind: 'percent', value: 25 }, total: 5, roundUp: false, want: 1 },
    { v: { kind: 'percent', value: 100 }, total: 7, roundUp: true, want: 7 },
    { v: { kind: 'percent', value: 0 }, total: 7, roundUp: true, want: 0 },
    { v: { kind: 'percent', value: 33 }, total: 0, roundUp: true, want: 0 },
  ];
  for (const c of cases) it(`${JSON.stringify(c.v)} of ${c.total} (roundUp ${c.roundUp}) = ${c.want}`, () => expect(scaledValue(c.v, c.total, c.roundUp)).toBe(c.want));
});
