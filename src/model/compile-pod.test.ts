import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/load-cluster.js';
import { buildFramework } from '../framework/framework.js';
import { defaultProfile } from '../framework/profile.js';
import { Scheduler } from '../framework/scheduler.js';
import { Rng } from '../generators/rng.js';
import { inTreeRegistry } from '../plugins/index.js';
import { podJson, testCluster } from '../testing/builders.js';
import { compilePod } from './compile-pod.js';
import type { NodeId } from './ids.js';
import { ModelContext } from './model-context.js';
import { withSpecResources } from './pod.js';
import { CPU, MEMORY } from './resources.js';

describe('compilePod: spec.preemptionPolicy', () => {
  const cases = [
    { name: 'absent: the API default', spec: {}, want: 'PreemptLowerPriority' },
    { name: 'null: the API default', spec: { preemptionPolicy: null }, want: 'PreemptLowerPriority' },
    { name: 'PreemptLowerPriority', spec: { preemptionPolicy: 'PreemptLowerPriority' }, want: 'PreemptLowerPriority' },
    { name: 'Never', spec: { preemptionPolicy: 'Never' }, want: 'Never' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(compilePod(podJson({ name: 'p', spec: c.spec }), new ModelContext()).preemptionPolicy).toBe(c.want);
    });
  }

  const bad = [
    { name: 'unknown value', value: 'Sometimes' },
    { name: 'wrong case', value: 'never' },
    { name: 'not a string', value: 1 },
  ];
  for (const c of bad) {
    it(`rejects ${c.name}, naming the field`, () => {
      expect(() => compilePod(podJson({ name: 'p', spec: { preemptionPolicy: c.value } }), new ModelContext()))
        .toThrow(/pod default\/p: spec\.preemptionPolicy: /);
    });
  }
});

describe('compilePod GPU annotations', () => {
  const pod = (annotations: Record<string, string>) => ({ metadata: { name: 'g', annotations }, spec: { containers: [] } });
  it('reads count, milli per GPU and allowed models', () => {
    const ctx = new ModelContext();
    const p = compilePod(pod({ 'alibabacloud.com/gpu-count': '1', 'alibabacloud.com/gpu-milli': '460', 'alibabacloud.com/gpu-card-model': 'V100M16|V100M32' }), ctx);
    expect(p.gpu.count).toBe(1);
    expect(p.gpu.milliPerGpu).toBe(460);
    expect([...p.gpu.models].map((s) => ctx.symbols.text(s as never))).toEqual(['V100M16', 'V100M32']);
  });
  it('whole GPUs by default; no annotation means no GPU', () => {
    expect(compilePod(pod({ 'alibabacloud.com/gpu-count': '2' }), new ModelContext()).gpu.milliPerGpu).toBe(1000);
    expect(compilePod(pod({}), new ModelContext()).gpu.count).toBe(0);
  });
  it('a shared multi-GPU request is an error naming the annotation', () => {
    expect(() => compilePod(pod({ 'alibabacloud.com/gpu-count': '2', 'alibabacloud.com/gpu-milli': '500' }), new ModelContext()))
      .toThrow(/metadata\.annotations\["alibabacloud\.com\/gpu-milli"\]: a 2-GPU pod must ask whole GPUs/);
  });
});

describe('compilePod: status.conditions (DisruptionTarget, podTerminatingByPreemption)', () => {
  const byScheduler = { type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' };
  const cases = [
    { name: 'no conditions', conditions: undefined, want: false },
    { name: 'DisruptionTarget True, PreemptionByScheduler', conditions: [{ type: 'Ready', status: 'True' }, byScheduler], want: true },
    { name: 'another reason (an eviction)', conditions: [{ ...byScheduler, reason: 'EvictionByEvictionAPI' }], want: false },
    { name: 'status False', conditions: [{ ...byScheduler, status: 'False' }], want: false },
    { name: 'only the first DisruptionTarget counts', conditions: [{ ...byScheduler, status: 'False' }, byScheduler], want: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const raw = { metadata: { name: 'p' }, spec: { containers: [] }, status: { conditions: c.conditions } };
      expect(compilePod(raw, new ModelContext()).preemptedByScheduler).toBe(c.want);
    });
  }

  it('rejects a condition without a type, naming it', () => {
    const raw = { metadata: { name: 'p' }, spec: { containers: [] }, status: { conditions: [{ status: 'True' }] } };
    expect(() => compilePod(raw, new ModelContext())).toThrow(/pod default\/p: status\.conditions\[0\]\.type: expected a condition type/);
  });
});

describe('compilePod: container statuses of an in-place resize (status resources)', () => {
  const MI = 1024 * 1024;
  /** One container `c` asking spec cpu/memory, its status reporting `actual` (and `allocated`). */
  const resizing = (o: { nodeName?: string; spec: Record<string, string>; actual: Record<string, string>; allocated?: Record<string, string>; conditions?: unknown[] }) => ({
    name: 'r',
    requests: o.spec,
    ...(o.nodeName !== undefined ? { nodeName: o.nodeName } : {}),
    status: {
      phase: 'Running',
      ...(o.conditions ? { conditions: o.conditions } : {}),
      containerStatuses: [{ name: 'c', resources: { requests: o.actual }, ...(o.allocated ? { allocatedResources: o.allocated } : {}) }],
    },
  });

  it('a bound pod with a resize in progress is counted on its node with the larger requests', () => {
    // Spec (the resize asked for) 1 cpu / 2Gi; the container still runs with 3 cpu / 1Gi:
    // NodeInfo counts max per resource, 3 cpu and 2Gi, in Requested and NonZeroRequested.
    const c = testCluster([{ name: 'n1', allocatable: { cpu: '8', memory: '16Gi', pods: '110' } }]);
    const pod = c.bound({ ...resizing({ spec: { cpu: '1', memory: '2Gi' }, actual: { cpu: '3', memory: '1Gi' }, conditions: [{ type: 'PodResizeInProgress', status: 'True' }] }), nodeName: 'n1' });
    const { state } = c;
    const n1 = 0 as NodeId;
    expect([state.requested[n1 * state.dims + CPU], state.requested[n1 * state.dims + MEMORY]]).toEqual([3000, 2048 * MI]);
    expect([state.nonZeroRequested[n1 * 2], state.nonZeroRequested[n1 * 2 + 1]]).toEqual([3000, 2048 * MI]);
    // The spec alone is kept for what kube sizes from the spec (a recreated pod).
    const fresh = withSpecResources(pod);
    expect([fresh.requests[CPU], fresh.requests[MEMORY], fresh.nonZeroCpuMilli, fresh.specResources]).toEqual([1000, 2048 * MI, 1000, null]);
    // Unbinding takes away exactly what binding added.
    state.unbind(pod, n1);
    expect([state.requested[n1 * state.dims + CPU], state.nonZeroRequested[n1 * 2]]).toEqual([0, 0]);
  });

  const cases = [
    { name: 'infeasible: the status alone (the node keeps running the old size)', conditions: [{ type: 'PodResizePending', status: 'True', reason: 'Infeasible' }], cpu: 1000 },
    { name: 'deferred: the larger of spec and status', conditions: [{ type: 'PodResizePending', status: 'True', reason: 'Deferred' }], cpu: 2000 },
    { name: 'no condition: the larger of spec and status', conditions: undefined, cpu: 2000 },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const p = compilePod(podJson(resizing({ spec: { cpu: '2' }, actual: { cpu: '1' }, conditions: t.conditions })), new ModelContext());
      expect(p.requests[CPU]).toBe(t.cpu);
    });
  }

  it('a status that changes nothing keeps no spec-only copy', () => {
    const p = compilePod(podJson(resizing({ spec: { cpu: '1', memory: '1Gi' }, actual: { cpu: '1', memory: '1Gi' }, allocated: { cpu: '1', memory: '1Gi' } })), new ModelContext());
    expect([p.requests[CPU], p.specResources]).toEqual([1000, null]);
    expect(withSpecResources(p)).toBe(p);
  });

  const bad = [
    {
      name: 'a status quantity that is not one',
      status: { containerStatuses: [{ name: 'c', resources: { requests: { cpu: '12x' } } }] },
      err: /pod default\/p: status\.containerStatuses\[0\]\.resources\.requests\.cpu: "12x" is not a quantity/,
    },
    {
      name: 'a negative allocated quantity',
      status: { initContainerStatuses: [{ name: 's', allocatedResources: { memory: '-1Gi' } }] },
      err: /pod default\/p: status\.initContainerStatuses\[0\]\.allocatedResources\.memory: must not be negative, got "-1Gi"$/,
    },
    {
      name: 'a fractional extended resource',
      status: { containerStatuses: [{ name: 'c', allocatedResources: { 'example.com/gpu': '500m' } }] },
      err: /status\.containerStatuses\[0\]\.allocatedResources\.example\.com\/gpu: must be a whole number of example\.com\/gpu/,
    },
    {
      name: 'a container status without a name',
      status: { containerStatuses: [{ resources: { requests: { cpu: '1' } } }] },
      err: /pod default\/p: status\.containerStatuses\[0\]\.name: expected string, got nothing$/,
    },
    {
      name: 'conditions that are not a list',
      status: { conditions: { type: 'PodResizePending' } },
      err: /pod default\/p: status\.conditions: expected array, got \{/,
    },
  ];
  for (const b of bad) {
    it(`rejects ${b.name}, naming the field`, () => {
      expect(() => compilePod(podJson({ name: 'p', status: b.status }), new ModelContext())).toThrow(b.err);
    });
  }

  describe('in cluster files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schedbench-resize-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, text: string) => {
      const f = join(dir, name);
      writeFileSync(f, text);
      return f;
    };
    const node = (name: string) => `kind: Node\nmetadata: {name: ${name}}\nstatus:\n  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}\n`;
    /** A 4-cpu node `n1` running a pod resized down from 3 cpu to 1 that still runs with 3. */
    const resizedDown = `${node('n1')}---
kind: Pod
metadata: {name: shrinking}
spec:
  nodeName: n1
  containers:
  - name: app
    resources: {requests: {cpu: "1"}}
status:
  phase: Running
  conditions:
  - {type: PodResizeInProgress, status: "True"}
  containerStatuses:
  - name: app
    allocatedResources: {cpu: "1"}
    resources: {requests: {cpu: "3"}}
`;

    it('a bad status quantity names file, line, object and field', () => {
      const f = write('bad.yaml', resizedDown.replace('resources: {requests: {cpu: "3"}}', 'resources:\n      requests:\n        cpu: "3x"'));
      expect(() => loadCluster([f], new ModelContext())).toThrow(/bad\.yaml:22: pod default\/shrinking: status\.containerStatuses\[0\]\.resources\.requests\.cpu: "3x" is not a quantity/);
    });

    it('a misspelt status field is warned about', () => {
      const warnings: string[] = [];
      loadCluster([write('typo.yaml', resizedDown.replace('resources: {requests: {cpu: "3"}}', 'resorces: {requests: {cpu: "3"}}'))], new ModelContext(), { warn: (m) => warnings.push(m) });
      expect(warnings.join('\n')).toContain('status.containerStatuses[*].resorces');
    });

    it('a pod placed beside a resize that is still shrinking sees the larger requests', () => {
      // n1 counts 3 cpu for `shrinking` (max of spec 1, actual 3), so a 2-cpu pod fits only on
      // n2 (1.5 cpu used); counted from its spec (1 cpu), n1 would have 3 cpu free and win
      // under LeastAllocated.
      const model = new ModelContext();
      const f = write('cluster.yaml', `${resizedDown}---
${node('n2')}---
kind: Pod
metadata: {name: busy}
spec:
  nodeName: n2
  containers: [{name: app, resources: {requests: {cpu: 1500m}}}]
---
kind: Pod
metadata: {name: incoming}
spec:
  containers: [{name: app, resources: {requests: {cpu: "2"}}}]
`);
      const { state, pending } = loadCluster([f], model);
      const n1 = state.nodeByName(model.symbols.intern('n1')) as NodeId;
      expect(state.requested[n1 * state.dims + CPU]).toBe(3000);
      const scheduler = new Scheduler(buildFramework(defaultProfile(), inTreeRegistry, model), Rng.fromSeed(1));
      const d = scheduler.scheduleOne(state, pending[0]!);
      expect(d.kind === 'bound' ? model.symbols.text(state.nodeName[d.node] as never) : d.kind).toBe('n2');
    });
  });
});
