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

export const ANY_IP = '0.0.0.0';

export function compileHostPort(hostIP: string | null | undefined, protocol: string | null | undefined, port: number, symbols: SymbolTable): HostPort {
  return {
    ip: symbols.intern(hostIP === null || hostIP === undefined || hostIP === '' ? ANY_IP : hostIP),
    protocol: symbols.intern(protocol === null || protocol === undefined || protocol === '' ? 'TCP' : protocol),
    port,
  };
}
