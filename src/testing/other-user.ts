import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The unprivileged user a test runs a child process as when the tests run as root: mode
 * bits do not stop root, so "a read-only folder" can only be tried as someone else.
 */
export const NOBODY = { uid: 65534, gid: 65534 } as const;

/** Whether the tests run as root. */
export const IS_ROOT = process.getuid?.() === 0;

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Whether user nobody can run this project's code: false when the project lies in a
 * folder only its owner may enter (`mktemp -d` makes such folders, and CI may clone
 * there). Tests that need it are skipped then, saying why in their condition.
 */
export function nobodyCanRunProject(): boolean {
  const probe = join(PROJECT_ROOT, 'node_modules', 'tsx', 'package.json');
  const r = spawnSync(process.execPath, ['-e', `require('node:fs').accessSync(${JSON.stringify(probe)}, require('node:fs').constants.R_OK)`], { ...NOBODY, stdio: 'ignore' });
  return r.status === 0;
}
