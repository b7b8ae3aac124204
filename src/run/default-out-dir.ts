import { join } from 'node:path';

/** reports/<name>-<UTC timestamp>: a fresh folder per run of a suite. */
export function defaultOutDir(name: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return join('reports', `${name}-${stamp}`);
}
