import { describe, expect, it } from 'vitest';
import type { HostPort } from './ports.js';
import { ANY_IP, anyHostPortConflicts, compileHostPort, hostPortConflicts } from './ports.js';
import { SymbolTable } from './symbols.js';

/** "PROTO/IP/PORT" as kube's nodeports test writes host ports. */
function ports(symbols: SymbolTable, ...specs: string[]): HostPort[] {
  return specs.map((s) => {
    const [proto, ip, port] = s.split('/');
    return compileHostPort(ip, proto, Number(port), symbols);
  });
}

describe('hostPortConflicts (HostPortInfo.CheckConflict)', () => {
  // Expected values: kube-scheduler nodeports/node_ports_test.go TestNodePorts, by case name.
  const cases: { name: string; want: string[]; used: string[]; conflict: boolean }[] = [
    { name: 'other port', want: ['UDP/127.0.0.1/8080'], used: ['UDP/127.0.0.1/9090'], conflict: false },
    { name: 'same udp port', want: ['UDP/127.0.0.1/8080'], used: ['UDP/127.0.0.1/8080'], conflict: true },
    { name: 'same tcp port', want: ['TCP/127.0.0.1/8080'], used: ['TCP/127.0.0.1/8080'], conflict: true },
    { name: 'different host ip', want: ['TCP/127.0.0.1/8080'], used: ['TCP/127.0.0.2/8080'], conflict: false },
    { name: 'different protocol', want: ['UDP/127.0.0.1/8080'], used: ['TCP/127.0.0.1/8080'], conflict: false },
    { name: 'second udp port conflict', want: ['UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'], used: ['UDP/127.0.0.1/8080'], conflict: true },
    { name: 'first tcp port conflict', want: ['TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'], used: ['TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081'], conflict: true },
    { name: 'first tcp port conflict due to 0.0.0.0 hostIP', want: ['TCP/0.0.0.0/8001'], used: ['TCP/127.0.0.1/8001'], conflict: true },
    { name: 'TCP hostPort conflict due to 0.0.0.0 hostIP', want: ['TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'], used: ['TCP/127.0.0.1/8001'], conflict: true },
    { name: 'second tcp port conflict to 0.0.0.0 hostIP', want: ['TCP/127.0.0.1/8001'], used: ['TCP/0.0.0.0/8001'], conflict: true },
    { name: 'second different protocol', want: ['UDP/127.0.0.1/8001'], used: ['TCP/0.0.0.0/8001'], conflict: false },
    { name: 'UDP hostPort conflict due to 0.0.0.0 hostIP', want: ['UDP/127.0.0.1/8001'], used: ['TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001'], conflict: true },
    { name: 'empty hostIP means 0.0.0.0 and empty protocol TCP (sanitize)', want: ['//8001'], used: ['TCP/10.1.1.1/8001'], conflict: true },
    { name: 'nothing in use', want: ['TCP/0.0.0.0/80'], used: [], conflict: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const symbols = new SymbolTable();
      const anyIp = symbols.intern(ANY_IP);
      expect(anyHostPortConflicts(ports(symbols, ...c.used), ports(symbols, ...c.want), anyIp)).toBe(c.conflict);
    });
  }

  it('an IPv6 wildcard is compared as a string, as kube does', () => {
    const symbols = new SymbolTable();
    const anyIp = symbols.intern(ANY_IP);
    expect(hostPortConflicts(ports(symbols, 'TCP/::/80'), ports(symbols, 'TCP/::1/80')[0]!, anyIp)).toBe(false);
  });
});
