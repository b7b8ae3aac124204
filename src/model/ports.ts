import type { Sym } from './ids.js';
import type { SymbolTable } from './symbols.js';

/**
 * A host port a pod wants, sanitized as kube-scheduler's HostPortInfo does: an empty
 * hostIP means 0.0.0.0 (every address), an empty protocol means TCP.
 */
export interface HostPort {
  readonly ip: Sym;
  readonly protocol: Sym;
  readonly port: number;
}

/** The host IP that binds every address; an empty hostIP means it. */
export const ANY_IP = '0.0.0.0';

/** Interns one container port's host binding, filling kube's defaults (HostPortInfo.sanitize). */
export function compileHostPort(hostIP: string | null | undefined, protocol: string | null | undefined, port: number, symbols: SymbolTable): HostPort {
  return {
    ip: symbols.intern(hostIP === null || hostIP === undefined || hostIP === '' ? ANY_IP : hostIP),
    protocol: symbols.intern(protocol === null || protocol === undefined || protocol === '' ? 'TCP' : protocol),
    port,
  };
}

/**
 * Whether `want` collides with a host port already in use on a node. Mirrors
 * HostPortInfo.CheckConflict in kube-scheduler: the same protocol and port collide when
 * either side binds 0.0.0.0 (`anyIp`, the interned ANY_IP) or both bind the same IP.
 * IPs compare as strings, as kube does (so "::" is not a wildcard). Allocates nothing.
 */
export function hostPortConflicts(used: readonly HostPort[], want: HostPort, anyIp: Sym): boolean {
  const wantAll = want.ip === anyIp;
  for (let i = 0; i < used.length; i++) {
    const u = used[i]!;
    if (u.port !== want.port || u.protocol !== want.protocol) continue;
    if (wantAll || u.ip === anyIp || u.ip === want.ip) return true;
  }
  return false;
}

/** Whether any of `wants` collides with `used` (nodeports.fitsPorts, negated). */
export function anyHostPortConflicts(used: readonly HostPort[], wants: readonly HostPort[], anyIp: Sym): boolean {
  if (used.length === 0) return false;
  for (let i = 0; i < wants.length; i++) if (hostPortConflicts(used, wants[i]!, anyIp)) return true;
  return false;
}
