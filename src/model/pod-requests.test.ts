import { describe, expect, it } from 'vitest';
import type { PodInput } from './k8s-schema.js';
import { podSchema } from './k8s-schema.js';
import type { StatusResources } from './pod-requests.js';
import { incomingPodScoringRequests, podRequests, podResources, samePodResources, statusResources, toVector } from './pod-requests.js';
import { CPU, MEMORY, PODS, ResourceTable } from './resources.js';

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
      expect(byName(podRequests(c.spec, null, t, false), t)).toEqual(c.want);
      expect(byName(podRequests(c.spec, null, t, true), t)).toEqual(c.nonZero);
    });
  }

  it('sums exact quantities before scaling: 0.5m + 0.5m = 1m', () => {
    const t = new ResourceTable();
    const s = spec({ containers: [{ requests: { cpu: '0.5m' } }, { requests: { cpu: '0.5m' } }] });
    expect(byName(podRequests(s, null, t, false), t)).toEqual({ cpu: 1 });
  });

  it('toVector sets pods to 1 and ignores a "pods" request', () => {
    const t = new ResourceTable();
    // The API server refuses "pods" in a container (podSchema does too), so it is set after validation.
    const s = spec({ containers: [{ requests: { cpu: '1' } }] });
    s.containers[0]!.resources!.requests!.pods = '7';
    const v = toVector(podRequests(s, null, t, false), t);
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
    expect(byName(incomingPodScoringRequests(s, null, t), t)).toEqual({ cpu: 1100, memory: 1024 * MI });
    expect(byName(podRequests(s, null, t, true), t)).toEqual({ cpu: 1000, memory: 1024 * MI });
  });
});

/** A validated v1.Pod (spec and status) and the status as PodRequests reads it. */
function parsed(raw: { spec: unknown; status?: unknown }): { spec: PodInput['spec']; status: StatusResources | null } {
  const p = podSchema.parse(raw);
  return { spec: p.spec, status: statusResources(p.spec, p.status) };
}

const infeasible = { type: 'PodResizePending', status: 'True', reason: 'Infeasible' };
const deferred = { type: 'PodResizePending', status: 'True', reason: 'Deferred' };
const inProgress = { type: 'PodResizeInProgress', status: 'True' };
const sidecar = (name: string, requests: Res) => ({ name, restartPolicy: 'Always', resources: { requests } });
const container = (name: string, requests: Res) => ({ name, resources: { requests } });
const actual = (name: string, requests: Res, allocatedResources?: Res) => ({ name, resources: { requests }, ...(allocatedResources ? { allocatedResources } : {}) });

describe('podRequests with status resources (resourcehelper.PodRequests, UseStatusResources)', () => {
  // Go TestPodResourceRequests (k8s.io/component-helpers/resource/helpers_test.go), the cases
  // with container statuses; `useStatus: false` is kube's UseStatusResources: false.
  const cases: { name: string; pod: { spec: unknown; status?: unknown }; useStatus?: boolean; want: Record<string, number> }[] = [
    {
      name: 'resized, infeasible: the status alone',
      pod: { spec: { containers: [container('container-1', { cpu: '4' })] }, status: { conditions: [infeasible], containerStatuses: [actual('container-1', { cpu: '2' })] } },
      want: { cpu: 2000 },
    },
    {
      name: 'resized, infeasible & in-progress: the larger of actual and allocated',
      pod: { spec: { containers: [container('container-1', { cpu: '6' })] }, status: { conditions: [infeasible], containerStatuses: [actual('container-1', { cpu: '2' }, { cpu: '4' })] } },
      want: { cpu: 4000 },
    },
    {
      name: 'resized, no resize status: the larger of spec and status',
      pod: {
        spec: { containers: [container('container-1', { cpu: '4' })] },
        // A status for an init container the pod does not have is never looked up.
        status: { containerStatuses: [actual('container-1', { cpu: '2' })], initContainerStatuses: [{ name: 'restartable-init-1', allocatedResources: { cpu: '2' } }] },
      },
      want: { cpu: 4000 },
    },
    {
      name: 'resized: per-resource 3-way maximum',
      pod: {
        spec: { containers: [container('container-1', { cpu: '30m', memory: '20M', 'ephemeral-storage': '10G' })] },
        status: { containerStatuses: [actual('container-1', { cpu: '10m', memory: '30M', 'ephemeral-storage': '20G' }, { cpu: '20m', memory: '10M', 'ephemeral-storage': '30G' })] },
      },
      want: { cpu: 30, memory: 30e6, 'ephemeral-storage': 30e9 },
    },
    {
      name: 'resized, infeasible, but don\'t use status',
      pod: { spec: { containers: [container('container-1', { cpu: '4' })] }, status: { conditions: [infeasible], containerStatuses: [actual('container-1', { cpu: '2' })] } },
      useStatus: false,
      want: { cpu: 4000 },
    },
    {
      name: 'resized, restartable init container, infeasible',
      pod: { spec: { containers: [], initContainers: [sidecar('restartable-init-1', { cpu: '4' })] }, status: { conditions: [infeasible], initContainerStatuses: [actual('restartable-init-1', { cpu: '2' })] } },
      want: { cpu: 2000 },
    },
    {
      name: 'resized, restartable init container, no resize status',
      pod: { spec: { containers: [], initContainers: [sidecar('restartable-init-1', { cpu: '4' })] }, status: { initContainerStatuses: [actual('restartable-init-1', { cpu: '2' })] } },
      want: { cpu: 4000 },
    },
    {
      name: 'resized, restartable init container, infeasible, but don\'t use status',
      pod: { spec: { containers: [], initContainers: [sidecar('restartable-init-1', { cpu: '4' })] }, status: { conditions: [infeasible], initContainerStatuses: [actual('restartable-init-1', { cpu: '2' })] } },
      useStatus: false,
      want: { cpu: 4000 },
    },
    {
      // Go "aggregate request resolves max of sums instead of sum of maxes" (kube master,
      // #140047): 3. In 1.35 too, for another reason: these statuses report no
      // `resources`, and 1.35 reads a container's status only when they do.
      name: 'statuses with allocatedResources but no resources count the spec',
      pod: {
        spec: { containers: [container('c1', { cpu: '1' }), container('c2', { cpu: '2' })] },
        status: { containerStatuses: [{ name: 'c1', allocatedResources: { cpu: '2' } }, { name: 'c2', allocatedResources: { cpu: '1' } }] },
      },
      want: { cpu: 3000 },
    },
    {
      // kubernetes/kubernetes#140046's example, with the statuses reporting resources: 1.35
      // takes each container's max, max(1, 2) + max(2, 1) = 4 (kube master: max(3, 3) = 3).
      name: '1.35 takes the max per container, then sums: 4, not 3',
      pod: {
        spec: { containers: [container('c1', { cpu: '1' }), container('c2', { cpu: '2' })] },
        status: { containerStatuses: [actual('c1', { cpu: '2' }), actual('c2', { cpu: '1' })] },
      },
      want: { cpu: 4000 },
    },
    {
      // determineContainerReqs is reached only for regular and restartable init containers:
      // a regular init container counts its spec (5), whatever its status says (9).
      name: 'a regular init container\'s status is not read',
      pod: {
        spec: { containers: [container('c', { cpu: '1' })], initContainers: [container('init', { cpu: '5' })] },
        status: { initContainerStatuses: [actual('init', { cpu: '9' })] },
      },
      want: { cpu: 5000 },
    },
    {
      // Infeasible: max(status requests, allocated) replaces the spec, so a resource only the
      // spec names (memory) is no longer counted for that container.
      name: 'infeasible drops what only the spec requests',
      pod: {
        spec: { containers: [container('c', { cpu: '4', memory: '1Gi' })] },
        status: { conditions: [infeasible], containerStatuses: [actual('c', { cpu: '2' })] },
      },
      want: { cpu: 2000 },
    },
    {
      // IsPodResizeInfeasible reads the first PodResizePending condition only.
      name: 'the first PodResizePending condition decides',
      pod: {
        spec: { containers: [container('c', { cpu: '4' })] },
        status: { conditions: [deferred, infeasible], containerStatuses: [actual('c', { cpu: '2' })] },
      },
      want: { cpu: 4000 },
    },
    {
      // The deprecated status.resize (before 1.33) is not read by kube-scheduler 1.35.
      name: 'status.resize is not read',
      pod: { spec: { containers: [container('c', { cpu: '4' })] }, status: { resize: 'Infeasible', containerStatuses: [actual('c', { cpu: '2' })] } },
      want: { cpu: 4000 },
    },
    {
      // Overhead is added after the status-aware container total: max(1, 3) + 1.
      name: 'overhead is added to the status-aware total',
      pod: { spec: { containers: [container('c', { cpu: '1' })], overhead: { cpu: '1' } }, status: { containerStatuses: [actual('c', { cpu: '3' })] } },
      want: { cpu: 4000 },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const t = new ResourceTable();
      const { spec, status } = parsed(c.pod);
      expect(byName(podRequests(spec, c.useStatus === false ? null : status, t, false), t)).toEqual(c.want);
    });
  }
});

describe('podResources: NodeInfo\'s numbers for a resizing pod (PodInfo.CalculateResource)', () => {
  // Go TestCalculatePodResourcesWithResize (pkg/scheduler/framework/types_test.go): requests
  // and Non0CPU / Non0Mem. The pod-level status (status.resources) of its pod-level cases is
  // read only under InPlacePodLevelResourcesVerticalScaling (alpha, off in 1.35); the
  // expected numbers are the same without it, since pod-level spec requests win.
  const m500 = '500m', m700 = '700m', mi500 = '500Mi', mi800 = '800Mi';
  const MI500 = 500 * MI, MI800 = 800 * MI;
  const cases: { name: string; pod: { spec: unknown; status?: unknown }; cpu: number; memory: number }[] = [
    {
      name: 'Pod with no pending resize',
      pod: { spec: { containers: [container('c1', { cpu: m500, memory: mi500 })] }, status: { containerStatuses: [actual('c1', { cpu: m500, memory: mi500 })] } },
      cpu: 500, memory: MI500,
    },
    {
      name: 'Pod with pod-level resources no pending resize',
      pod: {
        spec: { resources: { requests: { cpu: m700, memory: mi500 } }, containers: [container('c1', { cpu: m500, memory: mi500 })] },
        status: { resources: { requests: { cpu: m500, memory: mi500 } }, containerStatuses: [actual('c1', { cpu: m700, memory: mi500 })] },
      },
      cpu: 700, memory: MI500,
    },
    {
      name: 'Pod with resize in progress',
      pod: { spec: { containers: [container('c1', { cpu: m500, memory: mi500 })] }, status: { conditions: [inProgress], containerStatuses: [actual('c1', { cpu: m500, memory: mi500 })] } },
      cpu: 500, memory: MI500,
    },
    {
      name: 'Pod with pod-level resources and resize in progress',
      pod: {
        spec: { resources: { requests: { cpu: m700, memory: mi500 } }, containers: [container('c1', { cpu: m500, memory: mi500 })] },
        status: { conditions: [inProgress], resources: { requests: { cpu: m500, memory: mi500 } }, containerStatuses: [actual('c1', { cpu: m700, memory: mi500 })] },
      },
      cpu: 700, memory: MI500,
    },
    {
      name: 'Pod with deferred resize',
      pod: { spec: { containers: [container('c1', { cpu: m700, memory: mi800 })] }, status: { conditions: [deferred], containerStatuses: [actual('c1', { cpu: m500, memory: mi500 })] } },
      cpu: 700, memory: MI800,
    },
    {
      name: 'Pod with pod-level resources and with deferred resize',
      pod: {
        spec: { resources: { requests: { cpu: m700, memory: mi800 } }, containers: [container('c1', { cpu: m500, memory: mi500 })] },
        status: { conditions: [deferred], resources: { requests: { cpu: m500, memory: mi500 } }, containerStatuses: [actual('c1', { cpu: m500, memory: mi500 })] },
      },
      cpu: 700, memory: MI800,
    },
    {
      name: 'Pod with infeasible resize',
      pod: { spec: { containers: [container('c1', { cpu: m700, memory: mi800 })] }, status: { conditions: [infeasible], containerStatuses: [actual('c1', { cpu: m500, memory: mi500 })] } },
      cpu: 500, memory: MI500,
    },
    {
      name: 'Pod with init container and no pending resize',
      pod: {
        spec: { containers: [container('c1', { cpu: m500, memory: mi500 })], initContainers: [container('i1', { cpu: m700, memory: mi800 })] },
        status: { containerStatuses: [actual('c1', { cpu: m500, memory: mi500 })], initContainerStatuses: [actual('i1', { cpu: m700, memory: mi800 })] },
      },
      cpu: 700, memory: MI800,
    },
    {
      name: 'Pod with sidecar container and no pending resize',
      pod: {
        spec: {
          containers: [container('c1', { cpu: m500, memory: mi500 })],
          initContainers: [container('i1', { cpu: m700, memory: mi800 }), sidecar('s1', { cpu: m700, memory: mi800 })],
        },
        status: {
          containerStatuses: [actual('c1', { cpu: m500, memory: mi500 })],
          initContainerStatuses: [actual('i1', { cpu: m700, memory: mi800 }), actual('s1', { cpu: m700, memory: mi800 })],
        },
      },
      cpu: 1200, memory: MI500 + MI800,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const t = new ResourceTable();
      const { spec, status } = parsed(c.pod);
      const r = podResources(spec, status, t);
      expect([r.requests[CPU], r.requests[MEMORY], r.nonZeroCpuMilli, r.nonZeroMemBytes]).toEqual([c.cpu, c.memory, c.cpu, c.memory]);
    });
  }

  it('non-zero defaults apply to the status-aware requests, container by container', () => {
    // c1: spec cpu 1, status cpu 3 -> 3000m, memory missing -> 200Mi; c2: nothing -> 100m, 200Mi.
    const t = new ResourceTable();
    const { spec, status } = parsed({
      spec: { containers: [container('c1', { cpu: '1' }), { name: 'c2' }] },
      status: { containerStatuses: [actual('c1', { cpu: '3' }), actual('c2', {})] },
    });
    const r = podResources(spec, status, t);
    expect([r.requests[CPU], r.nonZeroCpuMilli, r.nonZeroMemBytes, r.scoreCpuMilli, r.scoreMemBytes]).toEqual([3000, 3100, 2 * DEF_MEM, 3100, 2 * DEF_MEM]);
    const fromSpec = podResources(spec, null, t);
    expect([fromSpec.requests[CPU], fromSpec.nonZeroCpuMilli, fromSpec.scoreCpuMilli]).toEqual([1000, 1100, 1100]);
    expect(samePodResources(r, fromSpec)).toBe(false);
  });
});

describe('statusResources', () => {
  it('is null when no container status reports resources', () => {
    expect(statusResources({ containers: [] }, undefined)).toBeNull();
    expect(parsed({ spec: { containers: [] }, status: { phase: 'Running', containerStatuses: [{ name: 'c', allocatedResources: { cpu: '1' } }] } }).status).toBeNull();
  });
  it('is null when every status gives its container what the spec asks, however written', () => {
    const spec = { containers: [container('c', { cpu: '1', memory: '1Gi' })], initContainers: [sidecar('s', { cpu: '100m' })] };
    expect(parsed({ spec, status: { containerStatuses: [actual('c', { cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })] } }).status).toBeNull();
    expect(parsed({ spec, status: { containerStatuses: [actual('c', { cpu: '1000m', memory: '1024Mi' })], initContainerStatuses: [actual('s', { cpu: '0.1' })] } }).status).toBeNull();
    // Less than the spec changes nothing either, unless the resize is infeasible.
    expect(parsed({ spec, status: { containerStatuses: [actual('c', { cpu: '500m' })] } }).status).toBeNull();
    expect(parsed({ spec, status: { conditions: [infeasible], containerStatuses: [actual('c', { cpu: '500m' })] } }).status).not.toBeNull();
    expect(parsed({ spec, status: { initContainerStatuses: [actual('s', { cpu: '200m' })] } }).status).not.toBeNull();
  });
  it('a later status of the same name replaces an earlier one, as kube\'s map does', () => {
    // c's container status alone would raise it to 1 cpu; the init status named c, read
    // later, reports no resources, so kube reads no status for c.
    const spec = { containers: [container('c', { cpu: '500m' })] };
    expect(parsed({ spec, status: { containerStatuses: [actual('c', { cpu: '1' })] } }).status).not.toBeNull();
    const { status } = parsed({
      spec,
      status: { containerStatuses: [actual('c', { cpu: '1' })], initContainerStatuses: [{ name: 'c', allocatedResources: { cpu: '2' } }] },
    });
    expect(status).toBeNull();
  });
});
