import { describe, expect, it } from 'vitest';
import type { PodInput } from './k8s-schema.js';
import { podSchema } from './k8s-schema.js';
import { incomingPodScoringRequests, podRequests, toVector } from './pod-requests.js';
import { PODS, ResourceTable } from './resources.js';

type Res = Record<string, string>;
interface C { requests?: Res; limits?: Res; sidecar?: boolean }

/** A v1.PodSpec from container sketches, validated by the real schema. */
function spec(s: { containers?: C[]; init?: C[]; overhead?: Res; podRequests?: Res; podLimits?: Res }): PodInput['spec'] {
  const container = (c: C, i: number) => ({
    name: `c${i}`,
    resources: { ...(c.requests ? { requests: c.requests } : {}), ...(c.limits ? { limits: c.limits } : {}) },
    ...(c.sidecar ? { restartPolicy: 'Always' } : {}),
  });
  return podSchema.parse({
    spec: {
      containers: (s.containers ?? []).map(container),
      ...(s.init ? { initContainers: s.init.map(container) } : {}),
      ...(s.overhead ? { overhead: s.overhead } : {}),
      ...(s.podRequests || s.podLimits
        ? { resources: { ...(s.podRequests ? { requests: s.podRequests } : {}), ...(s.podLimits ? { limits: s.podLimits } : {}) } }
        : {}),
    },
  }).spec;
}

/** name -> amount for the dimensions present. */
function byName(a: Map<number, number>, t: ResourceTable): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [dim, v] of a) out[t.name(dim)] = v;
  return out;
}

const MI = 1024 * 1024;
// Scoring defaults: 100m CPU, 200Mi memory (schedutil.DefaultMilliCPURequest/DefaultMemoryRequest).
const DEF_MEM = 200 * MI;

describe('podRequests (resourcehelper.PodRequests)', () => {
  const cases: { name: string; spec: PodInput['spec']; want: Record<string, number>; nonZero: Record<string, number> }[] = [
    {
      name: 'no containers request nothing; non-zero has nothing to default either',
      spec: spec({}),
      want: {},
      nonZero: {},
    },
    {
      // Go fit.go computePodResourceRequest example: containers 2+1 cpu, 1G+1G; init 2/1G, 2/3G -> cpu 3, memory 3G.
      name: 'init containers: max of the container sum and each init container, not the sum',
      spec: spec({
        containers: [{ requests: { cpu: '2', memory: '1G' } }, { requests: { cpu: '1', memory: '1G' } }],
        init: [{ requests: { cpu: '2', memory: '1G' } }, { requests: { cpu: '2', memory: '3G' } }],
      }),
      want: { cpu: 3000, memory: 3e9 },
      nonZero: { cpu: 3000, memory: 3e9 },
    },
    {
      // Sidecar 1 cpu runs with the containers (2 + 1 = 3); the later init container needs 2 + sidecar 1 = 3;
      // the first init container (before the sidecar) needs 4: max(3, 4, 3) = 4.
      name: 'restartable init containers add to the total and to later init containers',
      spec: spec({
        containers: [{ requests: { cpu: '2' } }],
        init: [{ requests: { cpu: '4' } }, { requests: { cpu: '1' }, sidecar: true }, { requests: { cpu: '2' } }],
      }),
      want: { cpu: 4000 },
      // non-zero: memory missing in all four containers; 200Mi each: regular 200 + sidecar 200 = 400;
      // init after the sidecar 200 + 200 = 400; first init 200 -> max 400Mi.
      nonZero: { cpu: 4000, memory: 2 * DEF_MEM },
    },
    {
      // Go TestFitScore "with sidecar container": 1000 + sidecar 1000 = 2000 cpu, 2000 + 2000 memory.
      name: 'sidecar requests count like a regular container',
      spec: spec({ containers: [{ requests: { cpu: '1000', memory: '2000' } }], init: [{ requests: { cpu: '1000', memory: '2000' }, sidecar: true }] }),
      want: { cpu: 2_000_000, memory: 4000 },
      nonZero: { cpu: 2_000_000, memory: 4000 },
    },
    {
      // Go "resources + pod overhead fits": 1m/1 + overhead 3m/13 = 4m/14.
      name: 'overhead is added last',
      spec: spec({ containers: [{ requests: { cpu: '1m', memory: '1' } }], overhead: { cpu: '3m', memory: '13' } }),
      want: { cpu: 4, memory: 14 },
      nonZero: { cpu: 4, memory: 14 },
    },
    {
      name: 'limits default missing requests (API defaulting), explicit requests win',
      spec: spec({ containers: [{ limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '500m' } }] }),
      want: { cpu: 500, memory: 1024 * MI },
      nonZero: { cpu: 500, memory: 1024 * MI },
    },
    {
      name: 'a missing request gets the scoring default, an explicit "0" does not',
      spec: spec({ containers: [{ requests: { cpu: '0' } }, {}] }),
      want: { cpu: 0 },
      // container 1: cpu 0 (explicit), memory default; container 2: both defaults.
      nonZero: { cpu: 100, memory: 2 * DEF_MEM },
    },
    {
      name: 'init containers get the scoring defaults too',
      spec: spec({ containers: [{ requests: { cpu: '50m' } }], init: [{}] }),
      want: { cpu: 50 },
      // containers: cpu 50m, memory 200Mi; init container: 100m, 200Mi -> max 100m, 200Mi.
      nonZero: { cpu: 100, memory: DEF_MEM },
    },
    {
      name: 'extended resources and hugepages are summed like cpu',
      spec: spec({ containers: [{ requests: { 'example.com/gpu': '1', 'hugepages-2Mi': '4Mi' } }, { requests: { 'example.com/gpu': '2' } }] }),
      want: { 'example.com/gpu': 3, 'hugepages-2Mi': 4 * MI },
      nonZero: { 'example.com/gpu': 3, 'hugepages-2Mi': 4 * MI, cpu: 200, memory: 2 * DEF_MEM },
    },
    {
      // Go "pod-level cpu resource not fit": containers 1m/1, pod-level 7m/2 -> 7m/2.
      name: 'pod-level requests replace the container totals for cpu and memory',
      spec: spec({ containers: [{ requests: { cpu: '1m', memory: '1' } }], podRequests: { cpu: '7m', memory: '2' } }),
      want: { cpu: 7, memory: 2 },
      nonZero: { cpu: 7, memory: 2 },
    },
    {
      // Go "both pod-level and container-level hugepages resource fit": container 3, pod-level 5 -> 5.
      name: 'pod-level hugepages replace the containers\' hugepages; ephemeral-storage is not pod-level',
      spec: spec({
        containers: [{ requests: { 'hugepages-2Mi': '3', 'ephemeral-storage': '10' } }],
        podRequests: { cpu: '3m', 'hugepages-2Mi': '5', 'ephemeral-storage': '99' },
      }),
      want: { cpu: 3, 'hugepages-2Mi': 5, 'ephemeral-storage': 10 },
      // pod-level set: memory is missing everywhere, so NodeInfo defaults it (once per container: 200Mi).
      nonZero: { cpu: 3, 'hugepages-2Mi': 5, 'ephemeral-storage': 10, memory: DEF_MEM },
    },
    {
      // defaultPodRequests: pod-level limits set, no pod-level requests: cpu comes from the
      // containers' aggregate (they request it), memory from the pod-level limit (no container does).
      name: 'pod-level limits default pod-level requests',
      spec: spec({ containers: [{ requests: { cpu: '200m' } }, {}], podLimits: { cpu: '1', memory: '1Gi' } }),
      want: { cpu: 200, memory: 1024 * MI },
      nonZero: { cpu: 200, memory: 1024 * MI },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const t = new ResourceTable();
      expect(byName(podRequests(c.spec, t, false), t)).toEqual(c.want);
      expect(byName(podRequests(c.spec, t, true), t)).toEqual(c.nonZero);
    });
  }

  it('sums exact quantities before scaling: 0.5m + 0.5m = 1m', () => {
    const t = new ResourceTable();
    const s = spec({ containers: [{ requests: { cpu: '0.5m' } }, { requests: { cpu: '0.5m' } }] });
    expect(byName(podRequests(s, t, false), t)).toEqual({ cpu: 1 });
  });

  it('toVector sets pods to 1 and ignores a "pods" request', () => {
    const t = new ResourceTable();
    // The API server refuses "pods" in a container (podSchema does too), so it is set after validation.
    const s = spec({ containers: [{ requests: { cpu: '1' } }] });
    s.containers[0]!.resources!.requests!.pods = '7';
    const v = toVector(podRequests(s, t, false), t);
    expect(v[PODS]).toBe(1);
    expect(v[0]).toBe(1000);
  });
});

describe('incomingPodScoringRequests (calculatePodResourceRequest)', () => {
  it('defaults every container missing cpu even when pod-level memory is set', () => {
    // Container 1 requests 1 cpu, container 2 nothing; pod-level memory 1Gi.
    // Scoring: 1000m + 100m default; NodeInfo would count 1000m (cpu is present in the pod's requests).
    const t = new ResourceTable();
    const s = spec({ containers: [{ requests: { cpu: '1' } }, {}], podRequests: { memory: '1Gi' } });
    expect(byName(incomingPodScoringRequests(s, t), t)).toEqual({ cpu: 1100, memory: 1024 * MI });
    expect(byName(podRequests(s, t, true), t)).toEqual({ cpu: 1000, memory: 1024 * MI });
  });
});
