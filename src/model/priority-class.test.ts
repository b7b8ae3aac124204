import { describe, expect, it } from 'vitest';
import { compilePod } from './compile-pod.js';
import { InputError } from './errors.js';
import { ModelContext } from './model-context.js';
import { buildPriorityClasses, compilePriorityClass } from './priority-class.js';

const pc = (name: string, value: number, extra: Record<string, unknown> = {}) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...extra });
const pod = (spec: Record<string, unknown>) => ({ metadata: { name: 'p', namespace: 'ns' }, spec: { containers: [{ name: 'c' }], ...spec } });

describe('compilePriorityClass', () => {
  it('defaults globalDefault false and preemptionPolicy PreemptLowerPriority; ignores description', () => {
    expect(compilePriorityClass(pc('gold', 100, { description: 'x' }))).toEqual({ name: 'gold', value: 100, globalDefault: false, preemptionPolicy: 'PreemptLowerPriority' });
  });
  it('accepts the system classes as a dump lists them', () => {
    expect(compilePriorityClass(pc('system-node-critical', 2000001000)).value).toBe(2000001000);
  });
  const bad: { name: string; raw: unknown; err: RegExp }[] = [
    { name: 'value missing', raw: { kind: 'PriorityClass', metadata: { name: 'a' } }, err: /PriorityClass a: value: expected number, got nothing$/ },
    { name: 'value not an int32', raw: pc('a', 2 ** 31), err: /value: must be at most 2147483647 \(an int32\), got 2147483648$/ },
    { name: 'value above the user limit', raw: pc('a', 1000000001), err: /value: maximum allowed value of a user defined priority is 1000000000, got 1000000001$/ },
    { name: 'a system class with another value', raw: pc('system-cluster-critical', 5), err: /metadata\.name: .*value of system-cluster-critical must be 2000000000, got 5$/ },
    { name: 'a system class as globalDefault', raw: pc('system-cluster-critical', 2000000000, { globalDefault: true }), err: /globalDefault of system-cluster-critical must be false$/ },
    { name: 'an unknown preemptionPolicy', raw: pc('a', 1, { preemptionPolicy: 'Sometimes' }), err: /preemptionPolicy: got "Sometimes"; supported values: "PreemptLowerPriority", "Never"$/ },
    { name: 'another apiVersion', raw: { ...pc('a', 1), apiVersion: 'scheduling.k8s.io/v1beta1' }, err: /apiVersion: / },
  ];
  for (const c of bad) it(`refuses ${c.name}`, () => expect(() => compilePriorityClass(c.raw, { file: 'f.yaml' })).toThrow(c.err));
  it('names the file', () => expect(() => compilePriorityClass(pc('a', 1e10), { file: 'f.yaml' })).toThrow(/^f\.yaml: PriorityClass a: value: /));
});

describe('PriorityClasses admission (plugin/pkg/admission/priority admitPod)', () => {
  const classes = buildPriorityClasses([pc('gold', 1000), pc('batch', 10, { globalDefault: true, preemptionPolicy: 'Never' })]);
  const noDefault = buildPriorityClasses([pc('gold', 1000)]);
  const cases: { name: string; spec: Record<string, unknown>; set?: typeof classes; want: [number, string, string] | RegExp }[] = [
    { name: 'a named class gives its value and policy', spec: { priorityClassName: 'gold' }, want: [1000, 'gold', 'PreemptLowerPriority'] },
    { name: 'a system class always exists', spec: { priorityClassName: 'system-cluster-critical' }, want: [2000000000, 'system-cluster-critical', 'PreemptLowerPriority'] },
    { name: 'no class: the globalDefault class, name and policy included', spec: {}, want: [10, 'batch', 'Never'] },
    { name: 'no class and no default: 0', spec: {}, set: noDefault, want: [0, '', 'PreemptLowerPriority'] },
    { name: 'no class, priority written: kept as already admitted', spec: { priority: 7 }, want: [7, '', 'PreemptLowerPriority'] },
    { name: 'a class and the same priority', spec: { priorityClassName: 'gold', priority: 1000 }, want: [1000, 'gold', 'PreemptLowerPriority'] },
    { name: 'an unknown class', spec: { priorityClassName: 'platinum' }, want: /pod ns\/p: spec\.priorityClassName: no PriorityClass with name platinum was found$/ },
    { name: 'a class and another priority', spec: { priorityClassName: 'gold', priority: 5 }, want: /spec\.priority: the integer value of priority \(5\) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name$/ },
    { name: 'a class and another preemptionPolicy', spec: { priorityClassName: 'gold', preemptionPolicy: 'Never' }, want: /spec\.preemptionPolicy: the string value of PreemptionPolicy \(Never\) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name$/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const run = () => compilePod(pod(c.spec), new ModelContext(), { priorityClasses: c.set ?? classes });
      if (c.want instanceof RegExp) {
        expect(run).toThrow(InputError);
        expect(run).toThrow(c.want);
      } else {
        const p = run();
        expect([p.priority, p.priorityClassName, p.preemptionPolicy]).toEqual(c.want);
      }
    });
  }
  it('without classes a pod keeps its own fields (today\'s behaviour)', () => {
    const p = compilePod(pod({ priorityClassName: 'anything', priority: 3, preemptionPolicy: 'Never' }), new ModelContext());
    expect([p.priority, p.priorityClassName, p.preemptionPolicy]).toEqual([3, 'anything', 'Never']);
  });
  it('refuses two globalDefault classes and a duplicate name', () => {
    expect(() => buildPriorityClasses([pc('a', 1, { globalDefault: true }), pc('b', 2, { globalDefault: true })], { file: 's.yaml' }))
      .toThrow(/^s\.yaml: PriorityClass b: globalDefault: PriorityClass a is already marked as default\. Only one default can exist$/);
    expect(() => buildPriorityClasses([pc('a', 1), pc('a', 2)])).toThrow(/PriorityClass a: metadata\.name: duplicate PriorityClass name "a"$/);
  });
});
