import { describe, expect, it } from 'vitest';
import { quantityProblem, resourceNameProblem, standardResourceNameProblem } from './resource-list-schema.js';

describe('quantityProblem', () => {
  // Hand calculation: 999999Gi = 999999 * 2^30 = 1.07e15 units; as milli-cpu 1.07e18 > 2^53 - 1.
  const cases: { name: string; resource: string; value: string; want: RegExp | null }[] = [
    { name: 'memory 999999Gi fits', resource: 'memory', value: '999999Gi', want: null },
    { name: 'cpu 999999Gi is too large in milli-cpu', resource: 'cpu', value: '999999Gi', want: /^too large: at most 9007199254740991m/ },
    { name: 'cpu 500m fits', resource: 'cpu', value: '500m', want: null },
    { name: 'pods 500m is not whole', resource: 'pods', value: '500m', want: /^must be a whole number of pods/ },
    { name: 'example.com/x 2000m is whole', resource: 'example.com/x', value: '2000m', want: null },
    { name: 'a negative zero is fine', resource: 'cpu', value: '-0', want: null },
    { name: 'not a quantity says why and what is expected', resource: 'memory', value: '1 GB', want: /^"1 GB" is not a quantity \(unexpected " "\); expected a quantity like 500m or 2Gi$/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const p = quantityProblem(c.resource, c.value);
      if (c.want === null) expect(p).toBeNull();
      else expect(p).toMatch(c.want);
    });
  }
});

describe('resourceNameProblem and standardResourceNameProblem', () => {
  // The stricter rule is the API server's; the plain one accepts unqualified names kube-scheduler's tests use.
  const cases: { name: string; resource: string; kind: 'node' | 'container'; plain: boolean; standard: boolean }[] = [
    { name: 'cpu in a container', resource: 'cpu', kind: 'container', plain: true, standard: true },
    { name: 'hugepages-2Mi on a node', resource: 'hugepages-2Mi', kind: 'node', plain: true, standard: true },
    { name: 'nvidia.com/gpu in a container', resource: 'nvidia.com/gpu', kind: 'container', plain: true, standard: true },
    { name: 'pods on a node', resource: 'pods', kind: 'node', plain: true, standard: true },
    { name: 'pods in a container', resource: 'pods', kind: 'container', plain: true, standard: false },
    { name: 'foo (unqualified, not standard)', resource: 'foo', kind: 'node', plain: true, standard: false },
    { name: 'requests.cpu (the quota prefix)', resource: 'requests.cpu', kind: 'container', plain: false, standard: false },
    { name: 'a/b/c (no qualified name)', resource: 'a/b/c', kind: 'node', plain: false, standard: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(resourceNameProblem(c.resource, c.kind) === null).toBe(c.plain);
      const strict = standardResourceNameProblem(c.resource, c.kind);
      if (c.standard) expect(strict).toBeNull();
      else expect(strict).toBe(`not a resource name: expected a standard resource (${c.kind === 'node' ? 'cpu, memory, ephemeral-storage, pods, hugepages-<size>' : 'cpu, memory, ephemeral-storage, hugepages-<size>'}) or a domain-qualified name like nvidia.com/gpu, got "${c.resource}"`);
    });
  }
});
