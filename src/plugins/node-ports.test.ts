import { describe, expect, it } from 'vitest';
import type { CycleContext } from '../framework/types.js';
import { SKIP } from '../framework/types.js';
import { verdictReasons, verdictStatus } from '../framework/verdict.js';
import type { NodeId } from '../model/ids.js';
import { testCluster } from '../testing/builders.js';
import { create } from './node-ports.js';

/** A pod spec whose one container binds "PROTO/IP/PORT" host ports (kube's newPod helper). */
function withPorts(...specs: string[]) {
  const ports = specs.map((s) => {
    const [protocol, hostIP, port] = s.split('/');
    return { containerPort: 1, hostPort: Number(port), protocol, hostIP };
  });
  return { containers: [{ name: 'c', image: 'pause', ports }] };
}

function run(want: string[], used: string[]) {
  const c = testCluster([{ name: 'm1' }]);
  if (used.length > 0) c.bound({ name: 'existing', nodeName: 'm1', spec: withPorts(...used) });
  const plugin = create(undefined, { model: c.model });
  const pod = c.pod({ spec: withPorts(...want) });
  const cx: CycleContext = { view: c.state };
  const pre = plugin.preFilter!(cx, pod);
  if (pre === SKIP) return { status: 'Skip', reasons: [] };
  const v = plugin.filter!(cx, pod, 0 as NodeId, pre);
  return { status: verdictStatus(plugin, v), reasons: verdictReasons(plugin, cx, pod, 0 as NodeId, v, pre) };
}

describe('NodePorts PreFilter + Filter', () => {
  // Cases: kube-scheduler nodeports/node_ports_test.go TestNodePorts.
  const cases: { name: string; want: string[]; used: string[]; status: string }[] = [
    { name: 'skip filter', want: [], used: [], status: 'Skip' },
    { name: 'other port', want: ['UDP/127.0.0.1/8080'], used: ['UDP/127.0.0.1/9090'], status: 'Success' },
    { name: 'same udp port', want: ['UDP/127.0.0.1/8080'], used: ['UDP/127.0.0.1/8080'], status: 'Unschedulable' },
    { name: 'same tcp port', want: ['TCP/127.0.0.1/8080'], used: ['TCP/127.0.0.1/8080'], status: 'Unschedulable' },
    { name: 'different host ip', want: ['TCP/127.0.0.1/8080'], used: ['TCP/127.0.0.2/8080'], status: 'Success' },
    { name: 'different protocol', want: ['UDP/127.0.0.1/8080'], used: ['TCP/127.0.0.1/8080'], status: 'Success' },
    { name: 'second udp port conflict', want: ['UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'], used: ['UDP/127.0.0.1/8080'], status: 'Unschedulable' },
    { name: 'first tcp port conflict', want: ['TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'], used: ['TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081'], status: 'Unschedulable' },
    { name: 'first tcp port conflict due to 0.0.0.0 hostIP', want: ['TCP/0.0.0.0/8001'], used: ['TCP/127.0.0.1/8001'], status: 'Unschedulable' },
    { name: 'TCP hostPort conflict due to 0.0.0.0 hostIP', want: ['TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'], used: ['TCP/127.0.0.1/8001'], status: 'Unschedulable' },
    { name: 'second tcp port conflict to 0.0.0.0 hostIP', want: ['TCP/127.0.0.1/8001'], used: ['TCP/0.0.0.0/8001'], status: 'Unschedulable' },
    { name: 'second different protocol', want: ['UDP/127.0.0.1/8001'], used: ['TCP/0.0.0.0/8001'], status: 'Success' },
    { name: 'UDP hostPort conflict due to 0.0.0.0 hostIP', want: ['UDP/127.0.0.1/8001'], used: ['TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001'], status: 'Unschedulable' },
  ];
  for (const c of cases) it(c.name, () => expect(run(c.want, c.used).status).toBe(c.status));

  it('names kube\'s reason', () => {
    expect(run(['TCP/127.0.0.1/8080'], ['TCP/127.0.0.1/8080']).reasons).toEqual(["node(s) didn't have free ports for the requested pod ports"]);
  });
  it('a port freed by unbinding no longer conflicts', () => {
    const c = testCluster([{ name: 'm1' }]);
    const existing = c.bound({ name: 'existing', nodeName: 'm1', spec: withPorts('TCP/0.0.0.0/80') });
    const plugin = create(undefined, { model: c.model });
    const pod = c.pod({ spec: withPorts('TCP/10.0.0.1/80') });
    const cx: CycleContext = { view: c.state };
    const pre = plugin.preFilter!(cx, pod);
    expect(plugin.filter!(cx, pod, 0 as NodeId, pre)).not.toBe(0);
    c.state.unbind(existing, 0 as NodeId);
    expect(plugin.filter!(cx, pod, 0 as NodeId, pre)).toBe(0);
  });
});
