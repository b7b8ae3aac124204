// Upstream's table (TestNodeResourcesAllocatable in kubernetes-sigs/scheduler-plugins,
// pkg/noderesources/allocatable_test.go), transcribed: the port must give the same
// normalized scores and refuse the same args with the same messages.
import { describe, expect, it } from 'vitest';
import type { SchedulerPlugin } from '../../src/api/plugin-api.js';
import { explain } from '../../src/framework/explain.js';
import { buildFramework } from '../../src/framework/framework.js';
import type { PluginFactory } from '../../src/framework/types.js';
import { inTreeRegistry } from '../../src/plugins/index.js';
import { userPluginFactory } from '../../src/plugins/user/adapt-user-plugin.js';
import { testCluster } from '../../src/testing/builders.js';
import plugin from './node-resources-allocatable.js';

const MiB = 1 << 20;
const defaultSet = [{ name: 'cpu', weight: 1 << 20 }, { name: 'memory', weight: 1 }];
const cpuSet = [{ name: 'cpu', weight: 1 << 30 }, { name: 'memory', weight: 1 }];
const cpuAndMemory = { cpu: '1000m', memory: '1Gi' };
const bigCpu = { cpu: '8000m', memory: '1Gi' };

/** [name, pod requests, nodes as [milliCPU, memory bytes], args, expected normalized scores] */
const cases: [string, Record<string, string>, [number, number][], unknown, number[]][] = [
  ['nothing scheduled, nothing requested', {}, [[4000, 10000], [4000, 10000]], { resources: defaultSet, mode: 'Least' }, [0, 0]],
  ['nothing scheduled, resources requested, differently sized machines, least mode', cpuAndMemory, [[4000, 10000], [6000, 10000]], { resources: defaultSet, mode: 'Least' }, [100, 0]],
  ['nothing scheduled, resources requested, differently sized machines, most mode', cpuAndMemory, [[4000, 10000], [6000, 10000]], { resources: defaultSet, mode: 'Most' }, [0, 100]],
  ['resources requested with more than the node, differently sized machines, least mode', bigCpu, [[4000, 1000], [5000, 1000]], { resources: defaultSet, mode: 'Least' }, [100, 0]],
  ['resources requested with more than the node, differently sized machines, most mode', bigCpu, [[4000, 1000], [5000, 1000]], { resources: defaultSet, mode: 'Most' }, [0, 100]],
  ['differently sized machines, cpu weighted, least mode', cpuAndMemory, [[1000, 2000], [1005, 1000]], { resources: cpuSet, mode: 'Least' }, [100, 0]],
  ['differently sized machines, cpu weighted, most mode', cpuAndMemory, [[1000, 2000], [1005, 1000]], { resources: cpuSet, mode: 'Most' }, [0, 100]],
  ['3 differently sized machines, least mode', cpuAndMemory, [[1000, 1000 * MiB], [2000, 2000 * MiB], [3000, 3000 * MiB]], { resources: defaultSet, mode: 'Least' }, [100, 50, 0]],
  ['3 differently sized machines, most mode', cpuAndMemory, [[1000, 1000 * MiB], [2000, 2000 * MiB], [3000, 3000 * MiB]], { resources: defaultSet, mode: 'Most' }, [0, 50, 100]],
  ['default args: mode Least, cpu 1<<20 and memory 1', cpuAndMemory, [[4000, 10000], [6000, 10000]], undefined, [100, 0]],
];

function scores(requests: Record<string, string>, nodes: [number, number][], args: unknown): number[] {
  const c = testCluster(nodes.map(([cpu, mem], i) => ({ name: `machine${i + 1}`, allocatable: { cpu: `${cpu}m`, memory: String(mem), pods: 110 } })));
  const registry = new Map<string, PluginFactory>([...inTreeRegistry, [plugin.name, userPluginFactory(plugin as SchedulerPlugin)]]);
  const profile = { name: 'p', filter: [], score: [{ name: plugin.name, weight: 1 }], ...(args === undefined ? {} : { args: { [plugin.name]: args as Record<string, unknown> } }) };
  const fw = buildFramework(profile, registry, c.model);
  return explain(fw, c.state, c.pod({ requests })).nodes.map((n) => n.scores[0]!.normalized);
}

describe('NodeResourcesAllocatable (examples/plugins), upstream\'s table', () => {
  it.each(cases)('%s', (_name, requests, nodes, args, expected) => {
    expect(scores(requests, nodes, args)).toEqual(expected);
  });

  it.each([
    ['resource with negative weight', [{ name: 'memory', weight: -1 }, { name: 'cpu', weight: 1 }], 'resource Weight of memory should be a positive value, got -1'],
    ['resource with zero weight', [{ name: 'memory', weight: 1 }, { name: 'cpu', weight: 0 }], 'resource Weight of cpu should be a positive value, got 0'],
  ])('refuses %s', (_name, resources, message) => {
    expect(() => scores({}, [[4000, 10000]], { resources })).toThrow(`args.NodeResourcesAllocatable: ${message}`);
  });

  it('refuses an unknown mode', () => {
    expect(() => scores({}, [[4000, 10000]], { mode: 'Middle' })).toThrow('args.NodeResourcesAllocatable: invalid mode, got Middle');
  });
});
