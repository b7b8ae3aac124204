import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildFramework } from '../framework/framework.js';
import { registryCapabilities } from '../framework/registry-capabilities.js';
import { ModelContext } from '../model/model-context.js';
import { inTreeRegistry } from '../plugins/index.js';
import { loadScenario } from './load-scenario.js';

const fixture = (f: string) => fileURLToPath(new URL(`./fixtures/${f}`, import.meta.url));
const caps = registryCapabilities(inTreeRegistry, new ModelContext());
const load = (f: string) => loadScenario(fixture(f), caps, (p) => buildFramework(p, inTreeRegistry, new ModelContext()));

describe('loadScenario', () => {
  it('resolves seeds, policy files, KubeSchedulerConfiguration profiles and CSV distributions', () => {
    const s = load('good.yaml');
    expect(s.seeds).toEqual([1, 2]);
    expect(s.policies.map((p) => p.name)).toEqual(['default', 'most-allocated', 'no-balance']);
    expect(s.policies[1]!.args).toEqual({ NodeResourcesFit: { scoringStrategy: { type: 'MostAllocated' } } });
    expect(s.policies[2]!.score.map((x) => x.name)).not.toContain('NodeResourcesBalancedAllocation');
    expect(s.workload.kind === 'generate' && s.workload.spec.workloads[1]!.durationS).toEqual({ kind: 'empirical', values: [30, 60, 90] });
    expect(s.sampleEveryS).toBe(6);
  });

  // Every bad file: the file, its line, the path inside it and what was wrong, never a crash.
  const bad = [
    { file: 'missing-name.yaml', err: /missing-name\.yaml:1: name: expected string, got nothing$/ },
    { file: 'bad-seeds.yaml', err: /bad-seeds\.yaml:2: seeds: seeds like "42-51" or "1-3,7", got "ten"$/ },
    { file: 'unknown-field.yaml', err: /unknown-field\.yaml:12: colour: unknown field "colour"/ },
    { file: 'negative-replicas.yaml', err: /negative-replicas\.yaml:9: workload\.workloads\[0\]\.replicas: expected number to be >=0, got -3$/ },
    { file: 'bad-arrival.yaml', err: /bad-arrival\.yaml:9: workload\.workloads\[0\]\.arrival\.process: got "sometimes"; supported values: "all-at-once", "poisson", "burst", "diurnal"$/ },
    { file: 'bad-name.yaml', err: /bad-name\.yaml:9: workload\.workloads\[0\]\.name: a lowercase DNS label/ },
    { file: 'bad-baseline.yaml', err: /bad-baseline\.yaml:12: baseline: no policy named "nope" \(have default\)/ },
    { file: 'duplicate-policy.yaml', err: /duplicate-policy\.yaml:12: policies\[1\]: duplicate policy name "default"/ },
    { file: 'weight-non-score.yaml', err: /weight-non-score\.yaml:12: policies\[1\]\.weights\.NodePorts: not a score plugin/ },
    { file: 'missing-policy-file.yaml', err: /missing-policy-file\.yaml:12: policies\[1\]: policy file missing-policy\.yaml: cannot read: no such file$/ },
    { file: 'unknown-plugin.yaml', err: /unknown-plugin\.yaml:\d+: policies\[1\]\.profiles\[0\]\.plugins\.score\.enabled\[2\]\.name: unknown plugin "MagicScore"/ },
    { file: 'negative-weight.yaml', err: /negative-weight\.yaml:\d+: policies\[1\]\.profiles\[0\]\.plugins\.score\.enabled\[2\]\.weight: expected number to be >=0, got -1$/ },
    { file: 'bad-args.yaml', err: /bad-args\.yaml:12: policies\[1\]: policy typo: args\.NodeResourcesFit\.scoringStrategy\.type: .*MostAlocated/ },
    { file: 'syntax.yaml', err: /syntax\.yaml:\d+: column \d+: YAML syntax error/ },
  ];
  for (const c of bad) it(c.file, () => expect(() => load(`bad/${c.file}`)).toThrow(c.err));
});
