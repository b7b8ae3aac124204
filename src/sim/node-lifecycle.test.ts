import { describe, expect, it } from 'vitest';
import { ModelContext } from '../model/model-context.js';
import { compileTaints, NO_EXECUTE, NO_SCHEDULE } from '../model/taints.js';
import { testCluster } from '../testing/builders.js';
import { NodeLifecycle, UNREACHABLE_TAINT_KEY } from './node-lifecycle.js';

const unreachable = (seconds?: number) => ({
  key: UNREACHABLE_TAINT_KEY, operator: 'Exists', effect: 'NoExecute', ...(seconds === undefined ? {} : { tolerationSeconds: seconds }),
});

describe('NodeLifecycle.evictionDelayS', () => {
  const c = testCluster([]);
  const failed = new NodeLifecycle(c.model.symbols, 300).withFailureTaints(
    compileTaints([{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }], c.model.symbols),
  );
  const cases = [
    { name: 'no tolerations: kube\'s default 300 s', tolerations: [], defaults: 300, want: 300 },
    { name: 'no tolerations, DefaultTolerationSeconds off: at once', tolerations: [], defaults: null, want: 0 },
    { name: 'tolerates unreachable forever: never', tolerations: [unreachable()], defaults: 300, want: Infinity },
    { name: 'tolerates unreachable for 60 s (no default added)', tolerations: [unreachable(60)], defaults: 300, want: 60 },
    { name: 'tolerationSeconds 0 evicts at once', tolerations: [unreachable(0)], defaults: 300, want: 0 },
    { name: 'a wildcard toleration tolerates everything forever', tolerations: [{ operator: 'Exists' }], defaults: 300, want: Infinity },
    { name: 'a toleration for another key leaves the default in place', tolerations: [{ key: 'other', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 }], defaults: 120, want: 120 },
    { name: 'first matching toleration is the one used', tolerations: [unreachable(30), unreachable()], defaults: 300, want: 30 },
    { name: 'a NoSchedule-only toleration does not stop eviction', tolerations: [{ key: UNREACHABLE_TAINT_KEY, operator: 'Exists', effect: 'NoSchedule' }], defaults: null, want: 0 },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const lc = new NodeLifecycle(c.model.symbols, t.defaults);
      const pod = c.pod({ spec: { tolerations: t.tolerations } });
      expect(lc.evictionDelayS(pod, failed)).toBe(t.want);
    });
  }

  it('takes the smallest time over several NoExecute taints, and 0 for an untolerated one', () => {
    const lc = new NodeLifecycle(c.model.symbols, 300);
    const taints = compileTaints([
      { key: UNREACHABLE_TAINT_KEY, effect: 'NoExecute' }, { key: 'maintenance', effect: 'NoExecute' },
    ], c.model.symbols);
    const tolerant = c.pod({ spec: { tolerations: [{ key: 'maintenance', operator: 'Exists', tolerationSeconds: 40 }] } });
    expect(lc.evictionDelayS(tolerant, taints)).toBe(40);
    expect(lc.evictionDelayS(c.pod({}), taints)).toBe(0);
  });
});

describe('NodeLifecycle failure taints', () => {
  it('adds unreachable NoSchedule and NoExecute once and removes only them', () => {
    const model = new ModelContext();
    const lc = new NodeLifecycle(model.symbols, 300);
    const own = compileTaints([{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }], model.symbols);
    const failed = lc.withFailureTaints(own);
    expect(failed.length).toBe(9);
    expect(lc.isFailed(failed)).toBe(true);
    expect(Array.from(lc.withFailureTaints(failed))).toEqual(Array.from(failed));
    const key = model.symbols.intern(UNREACHABLE_TAINT_KEY);
    expect([failed[5], failed[8]]).toEqual([NO_SCHEDULE, NO_EXECUTE]);
    expect([failed[3], failed[6]]).toEqual([key, key]);
    expect(Array.from(lc.withoutFailureTaints(failed))).toEqual(Array.from(own));
    expect(lc.isFailed(own)).toBe(false);
  });
});
