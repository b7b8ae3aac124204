import { signFlipFloor } from '../metrics/sign-flip-test.js';
import type { MetricDef, MetricSummary } from '../metrics/types.js';
import { constantMetrics } from './aggregate/constant-metrics.js';
import { identicalPolicies } from './aggregate/identical-policies.js';
import { uniqueInOrder } from './aggregate/unique-in-order.js';
import { compareToBaseline, SIGNIFICANCE_LEVEL } from './compare-to-baseline.js';
import type { RunRow } from './types.js';

/** A metric on which a policy differs significantly from the baseline. */
export interface VerdictChange {
  readonly metric: MetricDef;
  /** better / worse by the metric's direction; differs for a metric without one. */
  readonly direction: 'better' | 'worse' | 'differs';
  /** Over the paired seeds (summary.csv's rel_diff_pct); NaN for a zero baseline mean. */
  readonly relDiffPct: number;
  readonly mean: number;
  readonly baselineMean: number;
  readonly pValue: number;
}

/** One policy against the scenario's baseline. */
export interface PolicyVerdict {
  readonly policy: string;
  /** Seeds both this policy and the baseline ran: the test's n. */
  readonly pairedSeeds: number;
  /** The earlier policy it ran identically to (every metric, every seed), or null. */
  readonly identicalTo: string | null;
  /** Significant differences, in catalogue order. */
  readonly changes: readonly VerdictChange[];
  /** Tested, not significant (constant metrics are not repeated here). */
  readonly unchanged: readonly MetricDef[];
  /** No p-value (too few paired seeds with a value, or none at all). */
  readonly untested: readonly MetricDef[];
}

/** What a scenario's runs say, first: each policy against the baseline, and the test's limits. */
export interface ScenarioVerdict {
  readonly scenario: string;
  readonly baseline: string;
  readonly policies: readonly PolicyVerdict[];
  /** Metrics with one value in every run, with that value (NaN: undefined in every run). */
  readonly constant: readonly { readonly metric: MetricDef; readonly value: number }[];
  /** The fewest paired seeds of any policy (the test's n; 0 with one policy). */
  readonly pairedSeeds: number;
  /** The smallest p-value the test can give with pairedSeeds (signFlipFloor); NaN when not run. */
  readonly floorP: number;
  /** The test and its floor in a sentence, for the page and the terminal. */
  readonly testNote: string;
}

/**
 * The verdict of one scenario from its summary rows and runs: for every policy but the
 * baseline, the metrics whose difference from the baseline has p < SIGNIFICANCE_LEVEL
 * (direction by compareToBaseline), the ones tested without a significant difference and
 * the untested ones; metrics constant across every run are set apart once. The test is
 * the one summary.csv names. `metrics` gives
 * the order and labels; rows of metrics it lacks are ignored. Pure.
 */
export function scenarioVerdict(
  scenario: string, metrics: readonly MetricDef[], summary: readonly MetricSummary[], runs: readonly RunRow[],
): ScenarioVerdict {
  const mine = summary.filter((s) => s.scenario === scenario);
  const myRuns = runs.filter((r) => r.scenario === scenario);
  const policies = uniqueInOrder([...myRuns.map((r) => r.policy), ...mine.map((s) => s.policy)]);
  const baseline = mine[0]?.baseline ?? policies[0] ?? '';
  const ids = metrics.map((m) => m.id);
  const constants = constantMetrics(myRuns, ids);
  const twins = identicalPolicies(myRuns, policies, ids);
  const seedsOf = (p: string) => new Set(myRuns.filter((r) => r.policy === p).map((r) => r.seed));
  const baseSeeds = seedsOf(baseline);
  // Without the baseline's runs (run --policy picked another) there is nothing to compare with.
  const compared = baseSeeds.size === 0 ? [] : policies.filter((p) => p !== baseline);
  const verdicts: PolicyVerdict[] = compared.map((policy) => {
    const changes: VerdictChange[] = [];
    const unchanged: MetricDef[] = [];
    const untested: MetricDef[] = [];
    for (const m of metrics) {
      if (constants.has(m.id)) continue;
      const row = mine.find((s) => s.policy === policy && s.metric === m.id);
      const base = mine.find((s) => s.policy === baseline && s.metric === m.id);
      if (row === undefined) continue;
      const v = compareToBaseline(row, base?.mean ?? Number.NaN, m.higherIsBetter);
      switch (v) {
        case 'better': case 'worse': case 'different':
          changes.push({
            metric: m, direction: v === 'different' ? 'differs' : v, relDiffPct: row.relDiffPct,
            mean: row.mean, baselineMean: base?.mean ?? Number.NaN, pValue: row.pValue,
          });
          break;
        case 'not significant': unchanged.push(m); break;
        case 'untested': case 'baseline': untested.push(m); break;
        default: { const never: never = v; throw new Error(`unhandled verdict ${String(never)}`); }
      }
    }
    const paired = [...seedsOf(policy)].filter((s) => baseSeeds.has(s)).length;
    return { policy, pairedSeeds: paired, identicalTo: twins.get(policy) ?? null, changes, unchanged, untested };
  });
  const pairedSeeds = verdicts.length === 0 ? 0 : Math.min(...verdicts.map((v) => v.pairedSeeds));
  const floorP = signFlipFloor(pairedSeeds);
  return {
    scenario, baseline, policies: verdicts,
    constant: [...constants].flatMap(([id, value]) => metrics.filter((m) => m.id === id).map((metric) => ({ metric, value }))),
    pairedSeeds, floorP, testNote: testNote(mine.find((s) => s.test !== '')?.test ?? '', verdicts.length, pairedSeeds, floorP),
  };
}

/** The test, its significance level and what the number of seeds allows, in a sentence. */
function testNote(testName: string, others: number, n: number, floorP: number): string {
  if (others === 0) return 'One policy only: nothing to compare.';
  const test = `${testName === '' ? 'Paired test' : capitalize(testName)} over seeds, significant at p < ${SIGNIFICANCE_LEVEL}.`;
  const seeds = `${n} paired ${n === 1 ? 'seed' : 'seeds'}`;
  if (n === 0) return `${test} No seed ran under both a policy and the baseline: nothing was tested.`;
  if (n === 1) return `${test} With 1 seed no test is possible (p is always 1): run at least 6 seeds.`;
  if (!Number.isFinite(floorP)) return `${test} With ${seeds} the exact test is not run (it enumerates at most 16 seeds).`;
  const floor = formatP(floorP);
  if (floorP >= SIGNIFICANCE_LEVEL) return `${test} With ${seeds} the smallest possible p is ${floor}, not below ${SIGNIFICANCE_LEVEL}: no difference can be significant; run at least 6 seeds.`;
  return `${test} With ${seeds} the smallest possible p is ${floor}; use more seeds for finer p-values.`;
}

/** A p-value as the verdict prints it: 3 decimals (2 significant digits below 0.001). */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return '—';
  return p >= 0.001 ? p.toFixed(3) : p.toPrecision(2);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
